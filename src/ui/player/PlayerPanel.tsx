// The packet walk player, under the diagram or beside it (a toggle in its toolbar, on wide windows),
// behind a separator that resizes it (Splitter): playback controls, the event list, what the
// current step did and why (the explanation, as long as it is, in a column of its own), the
// headers, the tables of a device at that moment and the scenario's terminal output (tabs; the
// headers get a column of their own when the player is wide). The toolbar moves what does not fit
// into its "⋯" menu. Shown while a walk runs (with its progress), when it is done, when it failed,
// and after an edit cleared it (saying so).

import { memo, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topology } from '../../engine';
import { selectTopology, useAppStore, type DoneRun, type LastRun } from '../../store';
import { simClient } from '../../worker/client';
import { startWalk } from '../commands/runScenario';
import { LessonNarrative } from '../lessons/LessonNarrative';
import { PredictPanel, PredictToggle } from '../predict/PredictPanel';
import { usePredict } from '../predict/predictStore';
import { RunOutput } from '../run/RunPanel';
import { SlideMenu } from '../slide/SlideMenu';
import { OverflowBar, type BarItem } from '../toolbar/OverflowBar';
import { EventList } from './EventList';
import { FlowLegend } from './FlowLegend';
import { explainStep, walkContext, type Translate } from './explain';
import { exportLinkPcap, exportPcapng } from './exportWalk';
import { HeaderView } from './HeaderView';
import { SIDE_MIN_WIDTH, splitBasis, usePlayerLayout, type Orientation } from './layoutStore';
import { selectFollow, SPEEDS, usePlayerView, type Speed } from './playerView';
import { stepFrames } from './rows';
import { stepOf } from './selectors';
import { PROTOCOLS } from '../../walk/steps';
import { Splitter } from './Splitter';
import { TablesPanel } from './TablesPanel';
import { usePlayback } from './usePlayback';
import { useStpMarks } from './useStpMarks';
import { skipTime, step, togglePlay, usePlayerKeys } from './usePlayerKeys';
import { ReasonButton } from '../toolbar/ReasonButton';
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

/** What "+30 s" plays: the spanning tree's 2 × 15 s of listening and learning, by default. */
const SKIP_US = 30_000_000;

/** first, back, play, forward, last (and +30 s in a walk with the spanning tree) and where the walk is: never moved into the "⋯" menu. */
function Transport({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const playing = usePlayerView((s) => s.playing);
  const fast = usePlayerView((s) => s.until !== undefined);
  const n = walk.steps.length;
  const atStart = walk.cursor < 0;
  const atEnd = walk.cursor >= n - 1;
  const hasStp = useMemo(() => walk.result.events.some((e) => e.kind === 'stp.port'), [walk.result.events]);
  const button = (id: keyof typeof ICONS, label: string, onClick: () => void, reason: string | undefined) => (
    <ReasonButton type="button" className="pw-icon-button pw-player__btn" aria-label={label} title={label} reason={reason} onClick={onClick} data-testid={`player.${id === 'forward' ? 'step-forward' : id === 'back' ? 'step-back' : id}`}>
      <Icon d={ICONS[id]} />
    </ReasonButton>
  );
  const startWhy = atStart ? t('player.controls.atStartWhy') : undefined;
  const endWhy = n === 0 ? t('player.controls.noStepsWhy') : atEnd ? t('player.controls.atEndWhy') : undefined;
  return (
    <span className="pw-player__transport">
      {button('first', t('player.controls.first'), () => step('first'), startWhy)}
      {button('back', t('player.controls.back'), () => step('back'), startWhy)}
      <ReasonButton
        type="button"
        className="pw-icon-button pw-player__btn pw-player__btn--play"
        aria-label={playing ? t('player.controls.pause') : t('player.controls.play')}
        title={playing ? t('player.controls.pause') : t('player.controls.play')}
        aria-pressed={playing}
        reason={n === 0 ? t('player.controls.noStepsWhy') : undefined}
        onClick={togglePlay}
        data-testid="player.play"
      >
        <Icon d={playing ? ICONS.pause : ICONS.play} />
      </ReasonButton>
      {button('forward', t('player.controls.forward'), () => step('forward'), endWhy)}
      {button('last', t('player.controls.last'), () => step('last'), endWhy)}
      {hasStp && (
        <ReasonButton
          type="button"
          className="pw-button pw-player__skip"
          title={t(fast ? 'player.controls.skip30StopHint' : 'player.controls.skip30Hint')}
          aria-pressed={fast}
          reason={fast ? undefined : endWhy}
          onClick={() => skipTime(SKIP_US)}
          data-testid="player.skip-30s"
        >
          {t(fast ? 'player.controls.skip30Stop' : 'player.controls.skip30')}
        </ReasonButton>
      )}
      <span className="pw-player__pos" data-testid="player.position" aria-live="polite">
        {atStart ? t('player.controls.atStart', { count: n }) : t('player.controls.position', { step: walk.cursor + 1, count: n })}
      </span>
    </span>
  );
}

function SpeedSelect() {
  const { t } = useTranslation();
  const speed = usePlayerView((s) => s.speed);
  const setSpeed = usePlayerView((s) => s.setSpeed);
  return (
    <label className="pw-player__speed">
      <span className="pw-sr-only">{t('player.controls.speed')}</span>
      <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as Speed)} data-testid="player.speed" title={t('player.controls.speed')}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>{`${s}×`}</option>
        ))}
      </select>
    </label>
  );
}

function Filters({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const protocols = usePlayerView((s) => s.protocols);
  const toggleProtocol = usePlayerView((s) => s.toggleProtocol);
  const present = useMemo(() => new Set(walk.steps.map((s) => s.protocol).filter(Boolean)), [walk.steps]);
  return (
    <div className="pw-player__filters" role="group" aria-label={t('player.list.filter')}>
      {PROTOCOLS.filter((p) => present.has(p)).map((p) => (
        <button key={p} type="button" className={`pw-chip pw-proto--${p}${protocols[p] ? ' is-on' : ''}`} aria-pressed={protocols[p]} onClick={() => toggleProtocol(p)} data-testid={`player.filter.${p}`}>
          {t(`player.protocol.${p}`)}
        </button>
      ))}
    </div>
  );
}

/** "Follow": the view moves to each step's devices (on by default when the walk's devices cannot all be shown readably). */
function Follow() {
  const { t } = useTranslation();
  const follow = usePlayerView(selectFollow);
  const setFollow = usePlayerView((s) => s.setFollow);
  return (
    <label className="pw-check pw-player__follow" title={t('player.controls.followHint')}>
      <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="player.follow" />
      {t('player.controls.follow')}
    </label>
  );
}

/** Under the diagram or beside it. */
function LayoutToggle({ orientation }: { orientation: Orientation }) {
  const { t } = useTranslation();
  const setOrientation = usePlayerLayout((s) => s.setOrientation);
  const side = orientation === 'side';
  const label = side ? t('player.layout.stacked') : t('player.layout.side');
  return (
    <button type="button" className="pw-icon-button pw-player__btn" aria-label={label} title={label} onClick={() => setOrientation(side ? 'stacked' : 'side')} data-testid="player.layout">
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
        <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
        {side ? <path d="M1.5 9h13" /> : <path d="M9 2.5v11" />}
      </svg>
      <span className="pw-bar-label">{label}</span>
    </button>
  );
}

function Exports() {
  const { t } = useTranslation();
  return (
    <button type="button" className="pw-button pw-button--small" title={t('player.export.pcapngHint')} onClick={() => void exportPcapng(simClient())} data-testid="player.export-pcapng">
      {t('player.export.pcapng')}
    </button>
  );
}

/** The walk's toolbar: what does not fit moves into its "⋯" menu, the title first, then the filters, the layout, the speed, … */
function Toolbar({ walk, title, orientation, canSide, close }: { walk: DoneRun | undefined; title: string; orientation: Orientation; canSide: boolean; close: ReactNode }) {
  const { t } = useTranslation();
  const selectedLinks = useAppStore((s) => s.selectedLinks);
  const link = selectedLinks.length === 1 ? selectedLinks[0] : undefined;
  const items = useMemo<BarItem[]>(() => {
    const head: BarItem = { id: 'title', priority: 0, menu: null, node: <h2 className="pw-player__title">{title}</h2> };
    if (!walk) return [head];
    return [
      head,
      { id: 'transport', node: <Transport walk={walk} /> },
      { id: 'speed', priority: 3, node: <SpeedSelect /> },
      { id: 'follow', priority: 6, node: <Follow /> },
      { id: 'predict', priority: 9, node: <PredictToggle /> },
      { id: 'filters', priority: 1, node: <Filters walk={walk} /> },
      { id: 'slide', priority: 5, node: <SlideMenu />, push: true },
      ...(link
        ? [
            {
              id: 'export-link',
              priority: 4,
              node: (
                <button type="button" className="pw-button pw-button--small" title={t('player.export.pcapHint')} onClick={() => void exportLinkPcap(simClient(), link)} data-testid="player.export-link">
                  {t('player.export.pcap')}
                </button>
              ),
            },
          ]
        : []),
      { id: 'export', priority: 7, node: <Exports /> },
      ...(canSide ? [{ id: 'layout', priority: 2, node: <LayoutToggle orientation={orientation} /> }] : []),
    ];
  }, [walk, title, orientation, canSide, link, t]);
  return <OverflowBar items={items} testId="player.toolbar" label={t('player.controls.label')} className="pw-player__bar" trailing={close} />;
}

/** The lesson's text, predict mode's question or answer, and the explanation: one column, as long as it is. */
const Explanation = memo(function Explanation({ walk, topology }: { walk: DoneRun; topology: Topology }) {
  const { t, i18n } = useTranslation();
  const current = stepOf(walk);
  const ctx = walkContext(walk, topology);
  // `t` changes with the language: the paragraph is recomposed in the new one.
  const sentences = useMemo(() => (current ? explainStep(ctx, current, t as unknown as Translate) : []), [ctx, current, t]);
  const end = current?.kind === 'exit' ? walk.result.events[current.first] : undefined;
  return (
    <div className="pw-detail" data-testid="player.detail">
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
      <FlowLegend walk={walk} />
    </div>
  );
});

/** The frames of the step, layer by layer. */
const Headers = memo(function Headers({ walk }: { walk: DoneRun }) {
  const current = stepOf(walk);
  const frames = useMemo(() => (current ? stepFrames(walk.result.events, current) : []), [walk.result.events, current]);
  return <HeaderView frames={frames} {...(current?.node ? { node: current.node } : {})} />;
});

/** Tabs: the headers (unless they have their own column), the tables, the scenario's output. */
const Side = memo(function Side({ walk, headers }: { walk: DoneRun; headers: boolean }) {
  const { t } = useTranslation();
  const chosen = usePlayerView((s) => s.side);
  const setSide = usePlayerView((s) => s.setSide);
  const predicting = usePredict((s) => s.on);
  const tabs = headers ? (['headers', 'tables', 'output'] as const) : (['tables', 'output'] as const);
  const side = chosen === 'headers' && !headers ? 'tables' : chosen;
  return (
    <div className="pw-side">
      <div className="pw-seg pw-side__tabs" role="tablist">
        {tabs.map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={side === tab} className={`pw-seg__item${side === tab ? ' is-on' : ''}`} onClick={() => setSide(tab)} data-testid={`player.tab.${tab}`}>
            {t(`player.tabs.${tab}`)}
          </button>
        ))}
      </div>
      {headers && (
        <div className="pw-side__body" hidden={side !== 'headers'}>
          <Headers walk={walk} />
        </div>
      )}
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

/** Player bodies at least this wide give the headers a column of their own (else they are a tab). */
const HEADERS_COLUMN_MIN = 1500;

/** Is the window wide enough to put the player beside the diagram? */
function useWideWindow(): boolean {
  const query = `(min-width: ${SIDE_MIN_WIDTH}px)`;
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setWide(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return wide;
}

/** Is this element at least `min` pixels wide? (followed with a ResizeObserver) */
function useWiderThan(target: HTMLElement | null, min: number): boolean {
  const [wider, setWider] = useState(false);
  useEffect(() => {
    if (!target || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWider((entry?.contentRect.width ?? 0) >= min));
    observer.observe(target);
    return () => observer.disconnect();
  }, [target, min]);
  return wider;
}

export function PlayerPanel() {
  const { t } = useTranslation();
  usePlayback();
  usePlayerKeys();
  const run = useAppStore((s) => s.lastRun);
  const topology = useAppStore(selectTopology);
  const dismiss = useAppStore((s) => s.dismissRun);
  const stored = usePlayerLayout((s) => s.orientation);
  const canSide = useWideWindow();
  const orientation: Orientation = canSide ? stored : 'stacked';
  const share = usePlayerLayout((s) => s[orientation]);
  const [panel, setPanel] = useState<HTMLElement | null>(null);
  const headersColumn = useWiderThan(panel, HEADERS_COLUMN_MIN);
  const walk = run.status === 'done' ? run : undefined;
  useStpMarks(walk);
  // The panels show the step a moment after the diagram does: React renders them in the
  // background, in slices, so that a step's change does not hold up the frames of the moving
  // packet. A new walk shows at once.
  const deferred = useDeferredValue(walk);
  const shown = deferred && walk && deferred.result === walk.result ? deferred : walk;
  if (!topology || (run.status === 'idle' && !run.invalidated)) return null;
  const title = run.status !== 'idle' && run.source.kind === 'pdu' ? `${t('player.title')}: ${run.source.label}` : t('player.title');
  const close = (
    <button type="button" className="pw-run__close pw-player__close" data-testid="player.close" aria-label={t('player.close')} title={t('player.close')} onClick={dismiss}>
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    </button>
  );
  return (
    <section
      ref={setPanel}
      className={`pw-player pw-player--${orientation}${walk ? '' : ' pw-player--compact'}${headersColumn ? ' pw-player--wide' : ''}`}
      style={walk ? { flexBasis: splitBasis(share) } : undefined}
      data-testid="player"
      aria-label={t('player.title')}
    >
      {walk && <Splitter orientation={orientation} panel={panel} />}
      <Toolbar walk={walk} title={title} orientation={orientation} canSide={canSide} close={close} />
      {walk ? (
        <>
          <Banner walk={walk} />
          <div className="pw-player__body">
            <EventList walk={shown!} />
            <Explanation walk={shown!} topology={topology} />
            {headersColumn && (
              <div className="pw-player__headers">
                <Headers walk={shown!} />
              </div>
            )}
            <Side walk={shown!} headers={!headersColumn} />
          </div>
        </>
      ) : (
        <Status run={run as Exclude<LastRun, { status: 'done' }>} />
      )}
    </section>
  );
}
