// A toolbar that never clips: when its controls do not fit its width, the lowest-priority ones move
// into a "⋯" menu at its end, in a fixed order, and come back when there is room. What fits is
// measured (a ResizeObserver on the bar and on each control), not guessed from breakpoints, so a
// longer language, a wider name or a control that appears (a link selected) is taken into
// account. A control keeps its data-testid wherever it is; the menu's panel stays in the page
// while closed (hidden), so tests find a moved control and open the menu to reach it.

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { usePopup } from './usePopup';
import { useTranslation } from 'react-i18next';
import './toolbar.css';

const NO_IDS: ReadonlySet<string> = new Set();

export interface BarItem {
  id: string;
  /** the item as it shows in the bar */
  node: ReactNode;
  /** how it shows in the "⋯" menu (default: as in the bar; null: not at all, like a tagline) */
  menu?: ReactNode;
  /** lower moves to the menu first; undefined: never moves (and is never hidden) */
  priority?: number;
  /** the width it is given when counting (an item that shrinks, like a name); default: measured */
  width?: number;
  /** starts the group pushed to the bar's end */
  push?: boolean;
  className?: string;
}

/** The ids to move into the menu so that the rest fits in `room` pixels. */
export function overflowing(items: readonly { id: string; priority?: number | undefined }[], widthOf: (id: string) => number, room: number, gap: number, moreWidth: number): Set<string> {
  const out = new Set<string>();
  let total = items.reduce((sum, it) => sum + widthOf(it.id), 0) + gap * Math.max(0, items.length - 1);
  const movable = items.filter((it) => it.priority !== undefined).sort((a, b) => a.priority! - b.priority!);
  for (const it of movable) {
    if (total <= room) break;
    if (out.size === 0) total += moreWidth + gap;
    out.add(it.id);
    total -= widthOf(it.id) + gap;
  }
  return out;
}

export function OverflowBar({ items, testId, label, className, trailing }: { items: BarItem[]; testId: string; label: string; className?: string; trailing?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  const widths = useRef({ language: '', of: new Map<string, number>() });
  // What is in the menu, for a language: in another one every control has another width, and
  // all are shown in the bar again to be measured.
  const [moved, setMoved] = useState<{ language: string; ids: ReadonlySet<string> }>({ language: i18n.language, ids: NO_IDS });
  const hidden = moved.language === i18n.language ? moved.ids : NO_IDS;
  const [opened, setOpen] = useState(false);
  const panelId = useId();
  const more = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const itemsRef = useRef(items);
  useLayoutEffect(() => {
    itemsRef.current = items;
  });
  const language = i18n.language;
  const fit = useCallback(() => {
    const el = bar.current;
    if (!el) return;
    const all = itemsRef.current;
    if (widths.current.language !== language) widths.current = { language, of: new Map() };
    const of = widths.current.of;
    for (const child of Array.from(el.querySelectorAll<HTMLElement>(':scope > [data-bar-item]'))) {
      const item = all.find((it) => it.id === child.dataset.barItem);
      of.set(child.dataset.barItem!, item?.width ?? child.getBoundingClientRect().width);
    }
    const style = getComputedStyle(el);
    const gap = parseFloat(style.columnGap) || 0;
    const fixed = Array.from(el.querySelectorAll<HTMLElement>(':scope > [data-bar-fixed]')).reduce((sum, c) => sum + c.getBoundingClientRect().width + gap, 0);
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - fixed;
    const moreWidth = parseFloat(style.getPropertyValue('--pw-bar-more')) || 34;
    const next = overflowing(all, (id) => of.get(id) ?? 0, room, gap, moreWidth);
    setMoved((prev) => (prev.language === language && prev.ids.size === next.size && [...next].every((id) => prev.ids.has(id)) ? prev : { language, ids: next }));
  }, [language]);

  // Measured before the browser paints when a control appears or goes (a link selected), and in
  // another language. Otherwise the observer measures, after the browser's own layout: reading
  // sizes at every render would make the browser lay the page out at once, at every step of a walk.
  const ids = items.map((it) => it.id).join(' ');
  useLayoutEffect(fit, [fit, ids]);

  useEffect(() => {
    const el = bar.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(el);
    for (const child of Array.from(el.children)) observer.observe(child);
    return () => observer.disconnect();
  }, [fit, hidden, ids]);

  const inMenu = items.filter((it) => hidden.has(it.id) && it.menu !== null);
  const open = opened && inMenu.length > 0;

  // The menu closes on a click elsewhere, on Escape (the focus back on "⋯") and after a command.
  usePopup(open, panel, more, () => panel.current?.querySelector<HTMLElement>('button:not(:disabled), select, input, [tabindex="0"]'), () => setOpen(false));

  return (
    <div ref={bar} className={`pw-bar${className ? ` ${className}` : ''}`} role="toolbar" aria-label={label} data-testid={testId}>
      {items.map((it) =>
        hidden.has(it.id) ? null : (
          <div key={it.id} data-bar-item={it.id} className={`pw-bar__item${it.push ? ' pw-bar__item--push' : ''}${it.className ? ` ${it.className}` : ''}`}>
            {it.node}
          </div>
        ),
      )}
      {inMenu.length > 0 && (
        <div className="pw-overflow" data-testid={`${testId}.overflow`}>
          <button
            ref={more}
            type="button"
            className="pw-icon-button pw-overflow__button"
            aria-haspopup="true"
            aria-expanded={open}
            aria-controls={panelId}
            aria-label={t('header.more')}
            title={t('header.more')}
            onClick={() => setOpen((o) => !o)}
            data-testid={`${testId}.more`}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <circle cx="4" cy="9" r="1.6" fill="currentColor" />
              <circle cx="9" cy="9" r="1.6" fill="currentColor" />
              <circle cx="14" cy="9" r="1.6" fill="currentColor" />
            </svg>
          </button>
          <div
            ref={panel}
            id={panelId}
            className="pw-overflow__panel"
            role="group"
            aria-label={t('header.more')}
            hidden={!open}
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || e.defaultPrevented) return;
              setOpen(false);
              more.current?.focus();
            }}
            onClick={(e) => {
              // A command ran (not a menu opening, nor a field or a choice being changed, nor a
              // button that cannot be used and shows why, ReasonButton): done.
              const b = (e.target as Element).closest('button');
              if (b && !b.hasAttribute('aria-haspopup') && b.getAttribute('aria-disabled') !== 'true' && !b.closest('[role="group"] [role="group"], [role="tablist"]')) setOpen(false);
            }}
          >
            {inMenu.map((it) => (
              <div key={it.id} className="pw-overflow__item">
                {it.menu === undefined ? it.node : it.menu}
              </div>
            ))}
          </div>
        </div>
      )}
      {trailing !== undefined && (
        <div className="pw-bar__trailing" data-bar-fixed="">
          {trailing}
        </div>
      )}
    </div>
  );
}
