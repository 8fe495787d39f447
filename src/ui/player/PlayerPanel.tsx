// The packet walk player, under the diagram: playback controls, the event list, what the current
// step did and why (explanation and headers), and the tables of a device at that moment; the
// scenario's terminal output in a tab. Shown while a walk runs (with its progress), when it is
// done, when it failed, and after an edit cleared it (saying so).

import { memo, useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topology } from '../../engine';
import { selectNodes, selectTopology, useAppStore, type DoneRun, type LastRun } from '../../store';
import { simClient } from '../../worker/client';
import { startWalk } from '../commands/runScenario';
import { LessonNarrative } from '../lessons/LessonNarrative';
import { PredictPanel, PredictToggle } from '../predict/PredictPanel';
import { usePredict } from '../predict/predictStore';
import { RunOutput } from '../run/RunPanel';
import { SlideMenu } from '../slide/SlideMenu';
import { EventList } from './EventList';
import { explainStep, walkContext, type Translate } from './explain';
import { exportLinkPcap, exportPcapng } from './exportWalk';
import { HeaderView } from './HeaderView';
import { FOLLOW_ABOVE, SPEEDS, usePlayerView, type Speed } from './playerView';
import { stepFrames } from './rows';
import { stepOf } from './selectors';
import { PROTOCOLS } from '../../walk/steps';
import { TablesPanel } from './TablesPanel';
import { usePlayback } from './usePlayback';
import { step, togglePlay, usePlayerKeys } from './usePlayerKeys';
import './player.css';

function Icon({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

const ICONS = {
  first: 'M3 3h2v10H3zM13 3v10L6 8z',
  back: 'M12 3v10L5 8zM3 3h2v10H3z',
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  forward: 'M4 3v10l7-5zM11 3h2v10h-2z',
  last: 'M3 3v10l7-5zM11 3h2v10h-2z',
};

function Controls({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const playing = usePlayerView((s) => s.playing);
  const speed = usePlayerView((s) => s.speed);
  const setSpeed = usePlayerView((s) => s.setSpeed);
  const protocols = usePlayerView((s) => s.protocols);
  const toggleProtocol = usePlayerView((s) => s.toggleProtocol);
  const selectedLinks = useAppStore((s) => s.selectedLinks);
  const n = walk.steps.length;
  const atStart = walk.cursor < 0;
  const atEnd = walk.cursor >= n - 1;
  const present = useMemo(() => new Set(walk.steps.map((s) => s.protocol).filter(Boolean)), [walk.steps]);
  const button = (id: keyof typeof ICONS, label: string, onClick: () => void, disabled: boolean) => (
    <button type="button" className="pw-icon-button pw-player__btn" aria-label={label} title={label} disabled={disabled} onClick={onClick} data-testid={`player.${id === 'forward' ? 'step-forward' : id === 'back' ? 'step-back' : id}`}>
      <Icon d={ICONS[id]} />
    </button>
  );
  return (
    <div className="pw-player__controls" role="toolbar" aria-label={t('player.controls.label')}>
      {button('first', t('player.controls.first'), () => step('first'), atStart)}
      {button('back', t('player.controls.back'), () => step('back'), atStart)}
      <button
        type="button"
        className="pw-icon-button pw-player__btn pw-player__btn--play"
        aria-label={playing ? t('player.controls.pause') : t('player.controls.play')}
        title={playing ? t('player.controls.pause') : t('player.controls.play')}
        aria-pressed={playing}
        disabled={n === 0}
        onClick={togglePlay}
        data-testid="player.play"
      >
        <Icon d={playing ? ICONS.pause : ICONS.play} />
      </button>
      {button('forward', t('player.controls.forward'), () => step('forward'), atEnd)}
      {button('last', t('player.controls.last'), () => step('last'), atEnd)}
      <span className="pw-player__pos" data-testid="player.position" aria-live="polite">
        {atStart ? t('player.controls.atStart', { count: n }) : t('player.controls.position', { step: walk.cursor + 1, count: n })}
      </span>
      <label className="pw-player__speed">
        <span className="pw-sr-only">{t('player.controls.speed')}</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as Speed)} data-testid="player.speed" title={t('player.controls.speed')}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>{`${s}×`}</option>
          ))}
        </select>
      </label>
      <Follow />
      <PredictToggle />
      <div className="pw-player__filters" role="group" aria-label={t('player.list.filter')}>
        {PROTOCOLS.filter((p) => present.has(p)).map((p) => (
          <button key={p} type="button" className={`pw-chip pw-proto--${p}${protocols[p] ? ' is-on' : ''}`} aria-pressed={protocols[p]} onClick={() => toggleProtocol(p)} data-testid={`player.filter.${p}`}>
            {t(`player.protocol.${p}`)}
          </button>
        ))}
      </div>
      <div className="pw-player__exports">
        <SlideMenu />
        {selectedLinks.length === 1 && (
          <button type="button" className="pw-button pw-button--small" title={t('player.export.pcapHint')} onClick={() => void exportLinkPcap(simClient(), selectedLinks[0]!)} data-testid="player.export-link">
            {t('player.export.pcap')}
          </button>
        )}
        <button type="button" className="pw-button pw-button--small" title={t('player.export.pcapngHint')} onClick={() => void exportPcapng(simClient())} data-testid="player.export-pcapng">
          {t('player.export.pcapng')}
        </button>
      </div>
    </div>
  );
}

/** "Follow": the view moves to each step's devices (on by default for large networks). */
function Follow() {
  const { t } = useTranslation();
  const large = useAppStore((s) => selectNodes(s).length > FOLLOW_ABOVE);
  const follow = usePlayerView((s) => s.follow ?? large);
  const setFollow = usePlayerView((s) => s.setFollow);
  return (
    <label className="pw-check pw-player__follow" title={t('player.controls.followHint')}>
      <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="player.follow" />
      {t('player.controls.follow')}
    </label>
  );
}

const Explanation = memo(function Explanation({ walk, topology }: { walk: DoneRun; topology: Topology }) {
  const { t, i18n } = useTranslation();
  const current = stepOf(walk);
  const ctx = walkContext(walk, topology);
  // `t` changes with the language: the paragraph is recomposed in the new one.
  const sentences = useMemo(() => (current ? explainStep(ctx, current, t as unknown as Translate) : []), [ctx, current, t]);
  const frames = useMemo(() => (current ? stepFrames(walk.result.events, current) : []), [walk.result.events, current]);
  const end = current?.kind === 'exit' ? walk.result.events[current.first] : undefined;
  return (
    <div className="pw-detail">
      <LessonNarrative />
      <PredictPanel />
      <section className="pw-explain" data-testid="player.explanation" lang={i18n.language}>
        {current ? (
          <>
            <h3 className="pw-explain__title">
              {t('player.controls.position', { step: current.index + 1, count: walk.steps.length })}
              {current.node ? ` · ${current.node}` : ''}
              <span className="pw-muted">{` · ${(current.t / 1e6).toFixed(6)} s`}</span>
            </h3>
            <p>{sentences.join(i18n.language.startsWith('zh') ? '' : ' ')}</p>
            {end?.kind === 'step.end' && (end.stdout || end.stderr) ? <pre className="pw-explain__out">{`${end.stdout}${end.stderr}`.trimEnd()}</pre> : null}
          </>
        ) : (
          <p className="pw-muted">{walk.steps.length ? t('player.start') : t('player.empty')}</p>
        )}
      </section>
      <HeaderView frames={frames} {...(current?.node ? { node: current.node } : {})} />
    </div>
  );
});

const Side = memo(function Side({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const side = usePlayerView((s) => s.side);
  const setSide = usePlayerView((s) => s.setSide);
  const predicting = usePredict((s) => s.on);
  return (
    <div className="pw-side">
      <div className="pw-seg pw-side__tabs" role="tablist">
        {(['tables', 'output'] as const).map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={side === tab} className={`pw-seg__item${side === tab ? ' is-on' : ''}`} onClick={() => setSide(tab)} data-testid={`player.tab.${tab}`}>
            {t(`player.tabs.${tab}`)}
          </button>
        ))}
      </div>
      <div className="pw-side__body" hidden={side !== 'tables'}>
        <TablesPanel walk={walk} />
      </div>
      <div className="pw-side__body pw-side__body--output" hidden={side !== 'output'}>
        <RunOutput result={walk.result} {...(predicting ? { upTo: stepOf(walk)?.last ?? -1 } : {})} />
      </div>
    </div>
  );
});

function Banner({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const s = walk.result.stopped;
  if (!s) return null;
  return (
    <p className="pw-player__banner" role="alert" data-testid="player.storm">
      {s.storm ? t('player.storm', { devices: s.storm.devices.join(', '), limit: s.limit }) : t('player.limit', { limit: s.limit })}
    </p>
  );
}

function Status({ run }: { run: Exclude<LastRun, { status: 'done' }> }) {
  const { t } = useTranslation();
  if (run.status === 'running') {
    return (
      <div className="pw-player__status" role="status" data-testid="player.running">
        <span className="pw-spinner pw-spinner--dark" aria-hidden="true" /> {run.events > 0 ? t('player.progress', { count: run.events }) : t('player.running')}
        <button type="button" className="pw-button pw-button--small" onClick={() => simClient().restart()} data-testid="player.cancel">
          {t('player.cancel')}
        </button>
      </div>
    );
  }
  if (run.status === 'failed') {
    return (
      <div className="pw-player__status pw-player__status--error" role="alert" data-testid="player.failed">
        <strong>{t('player.failed')}</strong>
        <pre>{run.message}</pre>
        <button type="button" className="pw-button pw-button--small" onClick={() => void startWalk(simClient(), run.source)} data-testid="player.again">
          {t('player.again')}
        </button>
      </div>
    );
  }
  if (run.invalidated) {
    const source = run.invalidated;
    return (
      <div className="pw-player__status" role="status" data-testid="player.invalidated">
        {t('player.invalidated')}
        <button type="button" className="pw-button pw-button--small" onClick={() => void startWalk(simClient(), source)} data-testid="player.again">
          {t('player.again')}
        </button>
      </div>
    );
  }
  return null;
}

export function PlayerPanel() {
  const { t } = useTranslation();
  usePlayback();
  usePlayerKeys();
  const run = useAppStore((s) => s.lastRun);
  const topology = useAppStore(selectTopology);
  const dismiss = useAppStore((s) => s.dismissRun);
  const walk = run.status === 'done' ? run : undefined;
  // The panels show the step a moment after the diagram does: React renders them in the
  // background, in slices, so that a step's change does not hold up the frames of the moving
  // packet. A new walk shows at once.
  const deferred = useDeferredValue(walk);
  const shown = deferred && walk && deferred.result === walk.result ? deferred : walk;
  if (!topology || (run.status === 'idle' && !run.invalidated)) return null;
  const title = run.status !== 'idle' && run.source.kind === 'pdu' ? `${t('player.title')}: ${run.source.label}` : t('player.title');
  return (
    <section className={`pw-player${walk ? '' : ' pw-player--compact'}`} data-testid="player" aria-label={t('player.title')}>
      <header className="pw-player__bar">
        <h2 className="pw-player__title">{title}</h2>
        {walk && <Controls walk={walk} />}
        <button type="button" className="pw-run__close pw-player__close" data-testid="player.close" aria-label={t('player.close')} title={t('player.close')} onClick={dismiss}>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      {walk ? (
        <>
          <Banner walk={walk} />
          <div className="pw-player__body">
            <EventList walk={shown!} />
            <Explanation walk={shown!} topology={topology} />
            <Side walk={shown!} />
          </div>
        </>
      ) : (
        <Status run={run as Exclude<LastRun, { status: 'done' }>} />
      )}
    </section>
  );
}
