// A button that cannot be used right now and says why on screen, not only in a tooltip. Given a
// `reason`, it is not `disabled` but `aria-disabled`: it stays focusable (a screen reader reads
// the reason with it, aria-describedby), looks disabled, does nothing, and a click, a tap or
// keyboard focus shows the reason in a small bubble under it (above it near the window's bottom),
// drawn over everything (a portal, so that no scrolling panel or "⋯" menu clips it) and kept
// inside the window. The bubble goes on blur, Escape, or when the button can be used again.
// OverflowBar keeps its "⋯" menu open for a click on such a button. Without a reason it is a
// plain button (`busy` disables it the ordinary way: a spinner or a label already says why).

import { useId, useLayoutEffect, useRef, useState, type ButtonHTMLAttributes, type CSSProperties, type Ref } from 'react';
import { createPortal } from 'react-dom';

export interface ReasonButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** why the button cannot be used now; undefined when it can */
  reason?: string | undefined;
  ref?: Ref<HTMLButtonElement>;
}

/** Pixels kept between the bubble and the window's edges, and between the button and the bubble. */
const MARGIN = 8;
const GAP = 6;

export function ReasonButton({ reason, onClick, onFocus, onBlur, onKeyDown, disabled, ref, ...rest }: ReasonButtonProps) {
  const id = useId();
  const own = useRef<HTMLButtonElement | null>(null);
  const bubble = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  const [at, setAt] = useState<CSSProperties>({ visibility: 'hidden' });
  const open = shown && reason !== undefined;

  // Placed once it is drawn (its size is known only then): under the button, else above it.
  useLayoutEffect(() => {
    // Measured only when the bubble shows: a measure lays the page out, 2 000 devices and all.
    if (!open) return;
    const b = own.current?.getBoundingClientRect();
    const size = bubble.current?.getBoundingClientRect();
    if (!b || !size) return;
    const left = Math.max(MARGIN, Math.min(b.left, window.innerWidth - size.width - MARGIN));
    const below = b.bottom + GAP;
    const top = below + size.height <= window.innerHeight - MARGIN ? below : Math.max(MARGIN, b.top - GAP - size.height);
    setAt({ left, top });
  }, [open, reason]);

  const setRef = (el: HTMLButtonElement | null) => {
    own.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };

  return (
    <>
      <button
        ref={setRef}
        {...rest}
        disabled={disabled}
        aria-disabled={reason !== undefined || undefined}
        aria-describedby={reason !== undefined ? `${id}-why` : rest['aria-describedby']}
        onClick={(e) => {
          if (reason === undefined) return onClick?.(e);
          e.preventDefault();
          setShown(true);
        }}
        onFocus={(e) => {
          if (reason !== undefined && e.currentTarget.matches(':focus-visible')) setShown(true);
          onFocus?.(e);
        }}
        onBlur={(e) => {
          setShown(false);
          onBlur?.(e);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) setShown(false);
          onKeyDown?.(e);
        }}
      />
      {reason !== undefined && (
        <span id={`${id}-why`} hidden>
          {reason}
        </span>
      )}
      {open &&
        createPortal(
          <div ref={bubble} className="pw-why" role="status" style={at} data-testid="reason">
            {reason}
          </div>,
          document.body,
        )}
    </>
  );
}
