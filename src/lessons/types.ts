// What a lesson is, as plain data: a topology, the walk to run on it (the topology's scenario,
// which the lesson sets), and its key steps. A key step is found in the walk by what happens
// there (an Anchor: "the first step after the previous key step where r1 forwards an ICMP echo
// request"), never by a step number, so that a change in the engine cannot silently move a
// narrative to the wrong step: the lessons' unit tests resolve every anchor and check every fact
// the narrative states against the trace.

import type { ScenarioStep } from '../engine';
import type { Outcome, StepKind } from '../walk/steps';
import type { FabricSpec } from '../walk/fabricSpec';

/** The lessons, in the order the menu lists them (their ids are also what a link names). */
export const LESSON_IDS = ['same-subnet', 'switch-learns', 'through-a-router', 'route-table', 'home-nat', 'ports', 'troubles', 'loop', 'vlans', 'data-center', 'calico', 'overlay'] as const;
export type LessonId = (typeof LESSON_IDS)[number];

export const isLessonId = (s: string): s is LessonId => (LESSON_IDS as readonly string[]).includes(s);

/**
 * Where a lesson's network comes from: a bundled example (`stp: false`: with its bridges' spanning
 * tree off, as on a new Linux bridge), a containerlab file of its own, the fabric generator.
 */
export type LessonTopology = { example: string; stp?: false } | { clab: string; file: string } | { fabric: FabricSpec };

/** A frame a step sent or received, by its headers (every given field must match). */
export interface FrameMatch {
  arp?: 'request' | 'reply';
  /** ICMP message: echo-request 8, echo-reply 0, unreachable 3, time-exceeded 11 */
  icmp?: 'echo-request' | 'echo-reply' | 'unreachable' | 'time-exceeded';
  srcIp?: string;
  dstIp?: string;
  /** ARP's target address */
  targetIp?: string;
  /** how the device came to send it (sent frames only) */
  via?: 'forward' | 'bridge' | 'local';
}

/** Which step a key step is: the first step after the previous key step (or the start) with all of these. */
export interface Anchor {
  /** the device acting */
  at?: string;
  kind?: StepKind;
  outcome?: Outcome;
  sends?: FrameMatch;
  receives?: FrameMatch;
  /** an event of the step: its kind and fields (compared with ===) */
  event?: { kind: string } & Record<string, string | number | boolean>;
}

/**
 * A fact a narrative states. Its value must appear in the narrative's text (in every language),
 * and the unit tests check it against the step:
 *   - `sent` / `received`: a header field of the first frame the step sent / the frame it received,
 *     by a path into the frame ('dstMac', 'payload.ttl', 'payload.targetIp', 'payload.payload.type');
 *   - `route`: a route one of the step's routing lookups chose, as `ip route show table all` prints it;
 *   - `event`: a field of an event of that kind in the step ('fdb.learn' 'port');
 *   - `output`: text of the output of the command that ends at the step;
 *   - `unchanged`: the frame the step sent is the frame it received, byte for byte (no text).
 */
export type Fact =
  | { sent: string; value: string | number }
  | { received: string; value: string | number }
  | { event: string; path: string; value: string | number | boolean }
  | { route: string }
  | { output: string }
  | { unchanged: true };

export interface KeyStep {
  /** names the narrative text (text.en.ts: lesson id → key step id) */
  id: string;
  anchor: Anchor;
  facts?: Fact[];
}

/** One walk of a lesson: a network, the walk run on it, and its key steps. */
export interface LessonWalk {
  topology: LessonTopology;
  /** the walk: replaces the topology's scenario (when absent, the topology's own: an example's, recorded on Linux) */
  scenario?: ScenarioStep[];
  keys: KeyStep[];
  /** the walk ends in a broadcast storm, stopped at the event bound (what it shows), not by its last command */
  storm?: true;
}

/**
 * A lesson is one walk, or several in a row (`then`: the same network changed, say, each walk
 * opening its own network in the player when the one before it has been told). A later walk's
 * id names its introduction in the narrative.
 */
export interface Lesson extends LessonWalk {
  id: LessonId;
  then?: (LessonWalk & { id: string })[];
}

/** The lesson's walks in order: the first is the lesson's own (its introduction is `intro`). */
export const lessonWalks = (l: Lesson): (LessonWalk & { id: string })[] => [{ ...l, id: 'intro' }, ...(l.then ?? [])];

/** The narrative of a lesson in one language: an introduction, then one paragraph per key step (and one per later walk's introduction). */
export type LessonText = { intro: string } & Record<string, string>;
