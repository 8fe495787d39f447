// The player's derived state: what the current step is, which devices and links it involves, the
// frames that move on the canvas and where a drop or a delivery is marked. All of it comes from
// the walk and the cursor in the store; a step's scene is computed once (cached per walk) and
// canvas nodes and links each select only their own role, so a step re-renders the few devices
// whose role changed, never all of them.

import type { EthernetFrame, TraceEvent } from '../../engine';
import type { AppState, DoneRun } from '../../store';
import { frameProtocol, type PlayerStep, type Protocol } from '../../walk/steps';

export const selectWalk = (s: AppState): DoneRun | undefined => (s.lastRun.status === 'done' ? s.lastRun : undefined);

/** The step shown, or undefined at the start. */
/** The walk's current step (undefined at Start). */
export const stepOf = (w: Pick<DoneRun, 'steps' | 'cursor'> | undefined): PlayerStep | undefined => (w && w.cursor >= 0 ? w.steps[w.cursor] : undefined);

export const selectStep = (s: AppState): PlayerStep | undefined => stepOf(selectWalk(s));

/** One frame crossing a wire at the current step. */
export interface Hop {
  /** the frame.tx event */
  seq: number;
  link: string;
  from: string;
  to: string;
  protocol: Protocol;
  /** the frame as it is on the wire (a tunnel's tag names what it carries) */
  frame: EthernetFrame;
}

export interface Scene {
  step?: PlayerStep;
  /** devices the step involves (dimming applies to the others) */
  nodes: ReadonlySet<string>;
  links: ReadonlySet<string>;
  /** frames on a wire */
  hops: Hop[];
  /** where the frame ended when nothing left the device: a drop with its reason, or a delivery */
  marker?: { node: string; kind: 'dropped' | 'delivered' | 'storm'; reason?: string; protocol?: Protocol; from?: string; link?: string };
}

const EMPTY_SCENE: Scene = Object.freeze({ nodes: new Set<string>(), links: new Set<string>(), hops: [] });
const scenes = new WeakMap<readonly PlayerStep[], Map<number, Scene>>();

export function sceneOf(events: readonly TraceEvent[], step: PlayerStep): Scene {
  const nodes = new Set<string>();
  const links = new Set<string>();
  const hops: Hop[] = [];
  if (step.node) nodes.add(step.node);
  // A storm: the switches the frames circulate between.
  const storm = step.stop?.storm;
  if (storm) {
    for (const d of storm.devices) nodes.add(d);
    if (storm.devices[0]) return { step, nodes, links, hops, marker: { node: storm.devices[0], kind: 'storm' } };
  }
  if (step.from) nodes.add(step.from);
  let rxLink: string | undefined;
  // The frame the step received: what a drop or a delivery marks (the step's own protocol is
  // the frame it sent, e.g. the ICMP error about a dropped UDP datagram).
  let rxProtocol: Protocol | undefined = step.protocol;
  if (step.rx !== undefined) {
    const rx = events[step.rx];
    if (rx?.kind === 'frame.rx') {
      links.add((rxLink = rx.link));
      rxProtocol = frameProtocol(rx.frame);
    }
  }
  for (const tx of step.tx) {
    const e = events[tx.seq];
    if (e?.kind !== 'frame.tx' || !tx.link || !tx.to) continue;
    nodes.add(tx.to);
    links.add(tx.link);
    hops.push({ seq: tx.seq, link: tx.link, from: e.node, to: tx.to, protocol: frameProtocol(e.frame), frame: e.frame });
  }
  let marker: Scene['marker'];
  const drop = step.outcomes.includes('dropped') ? findDrop(events, step) : undefined;
  if (drop && step.node) marker = { node: step.node, kind: 'dropped', reason: drop, ...(rxProtocol ? { protocol: rxProtocol } : {}) };
  else if (hops.length === 0 && step.node && step.kind === 'frame') marker = { node: step.node, kind: 'delivered', ...(rxProtocol ? { protocol: rxProtocol } : {}) };
  if (marker && step.from) {
    marker.from = step.from;
    if (rxLink) marker.link = rxLink;
  }
  return { step, nodes, links, hops, ...(marker ? { marker } : {}) };
}

function findDrop(events: readonly TraceEvent[], step: PlayerStep): string | undefined {
  for (let i = step.first; i <= step.last; i++) {
    const e = events[i]!;
    if (e.kind === 'drop') return e.reason;
  }
  return undefined;
}

/**
 * The current step's scene (the same object for the same walk and cursor). Before the first step
 * the device where the walk begins stands out and the rest are dimmed already: restyling every
 * device of a large network takes a moment, better spent as the walk arrives than as its first
 * frame starts to move.
 */
export const selectScene = (s: AppState): Scene => {
  const w = selectWalk(s);
  if (!w) return EMPTY_SCENE;
  let cache = scenes.get(w.steps);
  if (!cache) scenes.set(w.steps, (cache = new Map()));
  if (w.cursor < 0) {
    let start = cache.get(-1);
    const first = w.steps[0]?.node;
    if (!start) cache.set(-1, (start = { ...EMPTY_SCENE, nodes: new Set(first ? [first] : []) }));
    return start;
  }
  let scene = cache.get(w.cursor);
  if (!scene) cache.set(w.cursor, (scene = sceneOf(w.result.events, w.steps[w.cursor]!)));
  return scene;
};

/** Is a walk being shown (devices the step does not involve are dimmed, from its start on)? */
export const selectWalking = (s: AppState): boolean => (selectWalk(s)?.steps.length ?? 0) > 0;
