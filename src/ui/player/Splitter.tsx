// The separator between the diagram and the player: dragged, or moved with the arrow keys when it
// has the focus, it sets the player's share of the window (remembered, see layoutStore). While
// dragging, the size is written onto the panel directly (no React render per mouse move); the
// store gets it when the drag ends.

import { useTranslation } from 'react-i18next';
import { splitBasis, usePlayerLayout, SHARE_MAX, SHARE_MIN, type Orientation } from './layoutStore';

/** How far one arrow key moves the separator (a share of the window). */
const KEY_STEP = 0.05;

export function Splitter({ orientation, panel }: { orientation: Orientation; panel: HTMLElement | null }) {
  const { t } = useTranslation();
  const share = usePlayerLayout((s) => s[orientation]);
  const setShare = usePlayerLayout((s) => s.setShare);
  const stacked = orientation === 'stacked';

  /** The player's share when the separator is at this pointer position. */
  const shareAt = (e: { clientX: number; clientY: number }): number | undefined => {
    const stage = panel?.parentElement?.getBoundingClientRect();
    if (!stage || stage.width <= 0 || stage.height <= 0) return undefined;
    return stacked ? (stage.bottom - e.clientY) / stage.height : (stage.right - e.clientX) / stage.width;
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !panel) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    let last = share;
    const clamp = (x: number) => Math.min(SHARE_MAX, Math.max(SHARE_MIN, x));
    const move = (m: PointerEvent) => {
      const at = shareAt(m);
      if (at === undefined) return;
      last = clamp(at);
      panel.style.flexBasis = splitBasis(last);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      setShare(last);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    // The player grows towards the diagram: up when stacked, left when beside it.
    const grow = stacked ? 'ArrowUp' : 'ArrowLeft';
    const shrink = stacked ? 'ArrowDown' : 'ArrowRight';
    if (e.key === grow) setShare(share + KEY_STEP);
    else if (e.key === shrink) setShare(share - KEY_STEP);
    else if (e.key === 'Home') setShare(SHARE_MIN);
    else if (e.key === 'End') setShare(SHARE_MAX);
    else return;
    // Not the player's keys (→ ← Home End step the walk).
    e.preventDefault();
    e.stopPropagation();
  };

  const percent = Math.round(share * 100);
  return (
    <div
      className={`pw-splitter pw-splitter--${orientation}`}
      role="separator"
      tabIndex={0}
      aria-orientation={stacked ? 'horizontal' : 'vertical'}
      aria-label={t('player.layout.splitter')}
      aria-valuemin={Math.round(SHARE_MIN * 100)}
      aria-valuemax={Math.round(SHARE_MAX * 100)}
      aria-valuenow={percent}
      aria-valuetext={t('player.layout.share', { percent })}
      title={t('player.layout.splitter')}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      data-testid="player.splitter"
    />
  );
}
