// What the current step of a walk marks on the diagram: the device acting (`data-step="at"`) and
// the devices and links taking part (`data-step="involved"`); player.css highlights them and dims
// the rest. The marks are written as an attribute on the elements of those devices and links, not
// rendered by React: a step then changes a few attributes, where re-rendering the devices it marks
// made React walk all the diagram's thousand devices and links (their parent lists) at every step
// of a large network, which cost the moving packet its frames.

import type { RefCallback } from 'react';
import { useAppStore } from '../../store';
import { selectScene, type Scene } from '../player/selectors';

export type Mark = 'at' | 'involved';

/** The mark of each device (`n:NAME`) and link (`l:ID`) of a scene. */
export function marksOf(scene: Scene): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const n of scene.nodes) marks.set(`n:${n}`, 'involved');
  if (scene.step?.node) marks.set(`n:${scene.step.node}`, 'at');
  for (const l of scene.links) marks.set(`l:${l}`, 'involved');
  return marks;
}

const elements = new Map<string, Set<Element>>();
let scene: Scene | undefined;
let marks = new Map<string, Mark>();
let unsubscribe: (() => void) | undefined;

const write = (el: Element, mark: Mark | undefined) => (mark ? el.setAttribute('data-step', mark) : el.removeAttribute('data-step'));

function update(next: Scene): void {
  if (next === scene) return;
  scene = next;
  const before = marks;
  marks = marksOf(next);
  for (const [key, mark] of marks) if (before.get(key) !== mark) elements.get(key)?.forEach((el) => write(el, mark));
  for (const key of before.keys()) if (!marks.has(key)) elements.get(key)?.forEach((el) => write(el, undefined));
}

function watch(): void {
  update(selectScene(useAppStore.getState()));
  unsubscribe = useAppStore.subscribe((s) => update(selectScene(s)));
}

/**
 * A ref for an element of the device or link `key` (`n:NAME`, `l:ID`): it carries the step's mark
 * while it is mounted. The marks follow the store while any element is mounted.
 */
export function stepMark(key: string): RefCallback<Element> {
  return (el) => {
    if (!el) return;
    if (!unsubscribe) watch();
    let set = elements.get(key);
    if (!set) elements.set(key, (set = new Set()));
    set.add(el);
    write(el, marks.get(key));
    return () => {
      set.delete(el);
      if (!set.size) elements.delete(key);
      if (!elements.size) {
        unsubscribe?.();
        unsubscribe = undefined;
        scene = undefined;
        marks = new Map();
      }
    };
  };
}
