// The parts of the app that are not on screen when it opens, loaded the first time they are
// needed (each its own chunk, with its own CSS), so that the first load is the editor only: the
// packet walk player (after the first walk), the "Walk a packet" form, the help, "Generate
// data center…", the devices' terminals (with xterm.js) and a device's menu on the diagram. Once loaded, a part stays mounted (a dialog closes itself, the player hides).

import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useAppStore } from '../store';
import { useGenerator } from '../ui/generator/generatorStore';
import { usePlayerView } from '../ui/player/playerView';
import { useView } from '../ui/viewStore';
import { useTerminals } from '../ui/terminal/terminalStore';
import { addEnglish } from '../i18n';

// The player comes with its English messages, predict mode's and the slide's; the form with the player's.
const PlayerPanel = lazy(() => Promise.all([import('../ui/player/PlayerPanel'), addEnglish('player'), addEnglish('predict'), addEnglish('lessons')]).then(([m]) => ({ default: m.PlayerPanel })));
const PduForm = lazy(() => Promise.all([import('../ui/player/PduForm'), addEnglish('player')]).then(([m]) => ({ default: m.PduForm })));
// The help comes with its English messages (the first load carries none of them), and predict mode's.
const HelpDialog = lazy(() => Promise.all([import('../ui/help/HelpDialog'), addEnglish('help'), addEnglish('player'), addEnglish('predict'), addEnglish('lessons')]).then(([m]) => ({ default: m.HelpDialog })));
// The terminals come with xterm.js and their own messages.
const TerminalPanel = lazy(() => Promise.all([import('../ui/terminal/TerminalPanel'), addEnglish('shell')]).then(([m]) => ({ default: m.TerminalPanel })));
const DeviceMenu = lazy(() => import('../ui/terminal/DeviceMenu').then((m) => ({ default: m.DeviceMenu })));
const GeneratorDialog = lazy(() => Promise.all([import('../ui/generator/GeneratorDialog'), addEnglish('generator')]).then(([m]) => ({ default: m.GeneratorDialog })));

/** Renders its children from the first time `when` holds (that is when their code loads). */
function Later({ when, children }: { when: boolean; children: ReactNode }) {
  const [needed, setNeeded] = useState(when);
  if (when && !needed) setNeeded(true);
  return needed ? <Suspense fallback={null}>{children}</Suspense> : null;
}

/** The player, under the diagram: from the first walk (or a walk cleared by an edit) on. */
export function LazyPlayerPanel() {
  const shown = useAppStore((s) => s.doc.status === 'ready' && (s.lastRun.status !== 'idle' || Boolean(s.lastRun.invalidated)));
  return (
    <Later when={shown}>
      <PlayerPanel />
    </Later>
  );
}

/** The dialogs opened from the header, the keyboard or the menus. */
export function LazyDialogs() {
  const pdu = usePlayerView((s) => s.pduOpen);
  const help = useView((s) => s.helpOpen);
  const generator = useGenerator((s) => s.open);
  return (
    <>
      <Later when={pdu}>
        <PduForm />
      </Later>
      <Later when={help}>
        <HelpDialog />
      </Later>
      <Later when={generator}>
        <GeneratorDialog />
      </Later>
    </>
  );
}

/** The devices' terminals, over the bottom of the diagram: from the first one opened on. */
export function LazyTerminals() {
  const opened = useTerminals((s) => s.tabs.length > 0);
  const menu = useTerminals((s) => s.menu !== undefined);
  return (
    <>
      <Later when={opened}>
        <TerminalPanel />
      </Later>
      <Later when={menu}>
        <DeviceMenu />
      </Later>
    </>
  );
}
