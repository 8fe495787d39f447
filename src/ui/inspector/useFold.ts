import { useState } from 'react';

/**
 * A folded section's open state: open when what it holds is wanted (and again once it becomes
 * wanted), else as the user leaves it. Returns the state and its setter (for `onToggle`).
 */
export function useFold(wanted: boolean): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(wanted);
  const [wasWanted, setWasWanted] = useState(wanted);
  if (wanted !== wasWanted) {
    setWasWanted(wanted);
    if (wanted) setOpen(true);
  }
  return [open, setOpen];
}
