// The event list: one row per step (number, virtual time, at device, from device, protocol, what
// happened, as a whole sentence that wraps), filtered by protocol, virtualised (a storm has tens of
// thousands of steps): rows are as tall as their text, measured as they are drawn (the others are
// estimated at one line). Clicking a row jumps to it; the current row stays in view. In predict
// mode only the steps seen so far.

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topology } from '../../engine';
import { selectTopology, useAppStore, type DoneRun } from '../../store';
import type { Translate } from './explain';
import { usePredict } from '../predict/predictStore';
import { jumpTo, usePlayerView } from './playerView';
import { rowText } from './rows';
import type { PlayerStep } from '../../walk/steps';

/** A row of one line; a row's true height is measured when it is drawn. */
const ROW_HEIGHT = 26;

const Row = memo(function Row({ step, index, current, text, top, onPick, measure }: { step: PlayerStep; index: number; current: boolean; text: string; top: number; onPick: (i: number) => void; measure: (el: Element | null) => void }) {
  const { t } = useTranslation();
  const main = step.outcomes[0];
  return (
    <div
      ref={measure}
      data-index={index}
      role="option"
      aria-selected={current}
      className={`pw-trace__row${current ? ' is-current' : ''}${main === 'dropped' || main === 'stopped' ? ' is-bad' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid={`trace.row-${step.index + 1}`}
      onClick={() => onPick(step.index)}
    >
      <span className="pw-trace__n">{step.index + 1}</span>
      <span className="pw-trace__t">{(step.t / 1e6).toFixed(6)}</span>
      <span className="pw-trace__at">{step.node ?? '—'}</span>
      <span className="pw-trace__from">{step.from ?? ''}</span>
      <span className="pw-trace__proto">{step.protocol ? <span className={`pw-proto pw-proto--${step.protocol}`}>{t(`player.protocol.${step.protocol}`)}</span> : null}</span>
      <span className="pw-trace__what">
        {step.outcomes.slice(0, 2).map((o) => (
          <span key={o} className={`pw-outcome pw-outcome--${o}`}>
            {t(`player.outcome.${o}`)}
          </span>
        ))}
        <span className="pw-trace__text">{text}</span>
      </span>
    </div>
  );
});

export const EventList = memo(function EventList({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const topology = useAppStore(selectTopology) as Topology;
  const protocols = usePlayerView((s) => s.protocols);
  const scroller = useRef<HTMLDivElement>(null);
  // In predict mode the list shows only the steps seen so far (later rows would give the answers away).
  const seen = usePredict((s) => (s.on ? walk.cursor : Infinity));
  const visible = useMemo(() => walk.steps.filter((s) => s.index <= seen && (!s.protocol || protocols[s.protocol])), [walk.steps, protocols, seen]);
  const commands = useMemo(() => walk.result.steps.map((s) => s.run ?? `sleep ${s.sleep ?? 0}`), [walk.result.steps]);
  // TanStack Virtual returns fresh functions each render; this component is not compiler-memoised.
  // Twenty rows are drawn past each edge of the view (wrapped rows are two or three lines tall).
  // A row's measured height is kept under its step, not its place in the list: after a filter the
  // row at a place is another step, and the height measured there before (one line, or three)
  // would leave gaps and move rows under the pointer when they are measured again.
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => visible[i]!.index,
    overscan: 20,
  });
  const hidden = Math.min(walk.steps.length, seen + 1) - visible.length;

  // Keep the current step in view (it may be filtered out: then the nearest row before it). A row
  // already in view is left alone: scrolling makes the browser lay the page out at once, and on a
  // 1 000-device network the diagram has just changed (tens of milliseconds at every step).
  useEffect(() => {
    const offset = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    const inView = (row: number) => {
      const m = virtualizer.measurementsCache[row];
      return height > 0 && m !== undefined && m.start >= offset && m.end <= offset + height;
    };
    if (walk.cursor < 0) {
      if (offset > 0) virtualizer.scrollToIndex(0);
      return;
    }
    let lo = 0;
    let hi = visible.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (visible[mid]!.index <= walk.cursor) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at >= 0 && !inView(at)) virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [walk.cursor, visible, virtualizer]);

  const tr = t as unknown as Translate;
  return (
    <div className="pw-trace" data-testid="trace.list">
      <div className="pw-trace__head" aria-hidden="true">
        <span>{t('player.list.step')}</span>
        <span>{t('player.list.time')}</span>
        <span>{t('player.list.at')}</span>
        <span>{t('player.list.from')}</span>
        <span>{t('player.list.protocol')}</span>
        <span>{t('player.list.what')}</span>
      </div>
      <div className="pw-trace__scroll" ref={scroller} role="listbox" aria-label={t('player.list.label')} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const step = visible[v.index]!;
            return (
              <Row
                key={step.index}
                step={step}
                index={v.index}
                current={step.index === walk.cursor}
                top={v.start}
                text={rowText(walk.result.events, topology, step, commands, tr)}
                onPick={jumpTo}
                measure={virtualizer.measureElement}
              />
            );
          })}
        </div>
      </div>
      {hidden > 0 && (
        <div className="pw-trace__hidden" data-testid="trace.hidden">
          {t('player.list.hidden', { count: hidden })}
        </div>
      )}
      {seen < walk.steps.length - 1 && (
        <div className="pw-trace__hidden" data-testid="trace.predict">
          {t('predict.listHint')}
        </div>
      )}
    </div>
  );
});
