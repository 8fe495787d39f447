// A scenario step starting and ending, a timer firing, the simulation stopping early.

import type { PlayerStep } from '../../../walk/steps';
import type { Explainers, Translate } from './context';

/** What a step says before its events: a timer's moment, or why the simulation stopped. */
export function stepPreamble(step: PlayerStep, t: Translate): string[] {
  const out: string[] = [];
  if (step.kind === 'local' && step.node) out.push(t('player.x.timer', { node: step.node, time: (step.t / 1e6).toFixed(6) }));
  if (step.stop) {
    const s = step.stop;
    if (s.storm) out.push(t('player.x.stopStorm', { limit: s.limit, devices: s.storm.devices.join(', ') }));
    else out.push(t(s.kind === 'timer-limit' ? 'player.x.stopTimers' : 'player.x.stopLimit', { limit: s.limit }));
  }
  return out;
}

export const stepExplainers: Explainers = {
  'step.start': (e, { t }) => [
    e.node ? t(e.background ? 'player.x.commandBackground' : 'player.x.command', { node: e.node, command: e.command }) : t('player.x.sleep', { seconds: e.command.replace(/^sleep\s*/, '') }),
  ],
  'step.end': (e, { ctx, t }) => {
    const command = ctx.commands[e.step] ?? '';
    return [
      e.timedOut
        ? t('player.x.exitKilled', { node: e.node ?? '', command })
        : t(e.exit === null ? 'player.x.exitRunning' : 'player.x.exit', { node: e.node ?? '', command, exit: e.exit }),
    ];
  },
};
