// The bounds on what a file, a shared link or a command line may ask of packetwalk, in one place
// for the app (its Open…, its worker) and the CLI alike: each input is refused, with a message
// naming the limit, before the work it would cost. Virtual time is kept in microseconds in a
// double: with these bounds every time a scenario can reach stays an exact integer (1 000 steps
// of an hour each are 3.6e15 µs, below 2^53).

import type { ScenarioStep } from '../topology';

/**
 * Largest file read (bytes): reading stops there (`/dev/zero` ends). The largest network
 * (MAX_NODES), a generated 10 000-device fabric, is 16 MB of packetwalk JSON and 5 MB of
 * containerlab YAML; reading the YAML costs about 5 s of CPU and 500 MB (the JSON 1.4 s and 250 MB,
 * measured with the CLI on 2026-12-07), so each format's bound is that fabric with room to spare.
 */
export const MAX_FILE_BYTES = { json: 32 * 1024 * 1024, yaml: 8 * 1024 * 1024 } as const;

/** The bound of a file by its name (.json is packetwalk JSON, anything else is read as YAML). */
export const maxFileBytes = (fileName: string): number => (/\.json$/i.test(fileName) ? MAX_FILE_BYTES.json : MAX_FILE_BYTES.yaml);

/** Most devices in a network (the engine's benchmark walks a fabric of 9 874). */
export const MAX_NODES = 10_000;
/** Most links in a network. */
export const MAX_LINKS = 20_000;
/** Most steps in a scenario. */
export const MAX_SCENARIO_STEPS = 1000;
/** Longest time a step, a timeout or a command's option may name (seconds): an hour. */
export const MAX_SECONDS = 3600;
/** Farthest a device may sit from the origin of the diagram, on either axis. */
export const MAX_COORD = 1_000_000;
/** Largest event bound a walk may be given (the app's is 50 000). */
export const MAX_EVENTS = 1_000_000;
/** Most YAML aliases a containerlab file may use (an alias bomb expands each many times over). */
export const MAX_YAML_ALIASES = 100;
/** Deepest nesting of YAML flow collections (`[`, `{`) read; a containerlab file nests a few levels. */
export const MAX_YAML_DEPTH = 64;

/** Why a number of seconds is refused (`what` names it: "sleep", "ping -W"), or undefined. */
export function secondsProblem(what: string, seconds: number): string | undefined {
  if (!(seconds >= 0)) return `${what}: ${seconds} is not a number of seconds ≥ 0`;
  if (seconds > MAX_SECONDS) return `${what}: ${seconds} seconds is more than packetwalk runs (at most ${MAX_SECONDS})`;
  return undefined;
}

/** Why a scenario step's time (a sleep, a timeout) is refused, or undefined. */
export function stepSecondsProblem(s: ScenarioStep, index: number): string | undefined {
  if (s.kind === 'sleep') return secondsProblem(`scenario step ${index + 1}: sleep`, s.seconds);
  return s.timeout === undefined ? undefined : secondsProblem(`scenario step ${index + 1}: timeout`, s.timeout);
}

/** Why a diagram position is refused, or undefined. */
export function positionProblem(x: number, y: number): string | undefined {
  if (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= MAX_COORD && Math.abs(y) <= MAX_COORD) return undefined;
  return `position (${x}, ${y}) is outside the diagram (each coordinate from -${MAX_COORD} to ${MAX_COORD})`;
}

/**
 * How a file's bytes are to be decoded, by their byte order mark as the Encoding Standard's
 * `decode` sniffs it (what a browser does for a text file): UTF-16 with a BOM, else UTF-8.
 */
export function textEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
