// A menu button (WAI-ARIA menu button pattern): the button opens a list of commands; arrow keys
// move between them, Enter runs one, Escape or a click elsewhere closes the list and gives the
// focus back to the button.

import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { usePopup } from '../toolbar/usePopup';

export interface MenuItem {
  id: string;
  label: ReactNode;
  /** a second, quieter line (what an example shows; why an item is disabled) */
  detail?: ReactNode;
  /** keyboard shortcut shown on the right */
  shortcut?: string;
  disabled?: boolean;
  testId: string;
  onSelect(): void;
  /** a separator before this item */
  separated?: boolean;
}

export function Menu({ label, testId, items, icon }: { label: string; testId: string; items: MenuItem[]; icon?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const itemEls = () => Array.from(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);

  // A list that would run off the window's right edge opens towards the left (a menu at a bar's end).
  useLayoutEffect(() => {
    const el = list.current;
    if (open && el && el.getBoundingClientRect().right > window.innerWidth - 4) Object.assign(el.style, { left: 'auto', right: '0' });
  }, [open]);

  usePopup(open, list, button, () => itemEls()[0], () => setOpen(false));

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const els = itemEls();
    const i = els.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') els[(i + 1) % els.length]?.focus();
    else if (e.key === 'ArrowUp') els[(i - 1 + els.length) % els.length]?.focus();
    else if (e.key === 'Home') els[0]?.focus();
    else if (e.key === 'End') els[els.length - 1]?.focus();
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="pw-menu">
      <button
        ref={button}
        type="button"
        className="pw-button pw-button--quiet"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {icon}
        {label}
        <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
          <path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open && (
        <ul ref={list} id={id} role="menu" aria-label={label} className="pw-menu__list" onKeyDown={onKeyDown}>
          {items.map((item) => (
            <li key={item.id} role="none" className={item.separated ? 'is-separated' : undefined}>
              <button
                type="button"
                role="menuitem"
                className="pw-menu__item"
                aria-disabled={item.disabled || undefined}
                tabIndex={-1}
                data-testid={item.testId}
                onClick={() => {
                  if (item.disabled) return;
                  close(true);
                  item.onSelect();
                }}
              >
                <span className="pw-menu__text">
                  <span className="pw-menu__label">{item.label}</span>
                  {item.detail ? <span className="pw-menu__detail">{item.detail}</span> : null}
                </span>
                {item.shortcut ? <kbd className="pw-menu__kbd">{item.shortcut}</kbd> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
