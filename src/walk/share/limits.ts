// What a shared link is, apart from how it is encoded (codec.ts, which only the worker loads, so
// that lz-string and zod stay out of the page's bundle): its version, its size limits, its walk.

import type { LinkCut } from '../../engine';
import type { Pdu } from '../pdu';

/** The link's version, first in its text (`v1.`) and in its JSON. */
export const SHARE_VERSION = 1;
export const SHARE_PREFIX = `v${SHARE_VERSION}.`;
/**
 * Longest link text read (after `#share=v1.`): a network of about 300 devices. Longer ones are
 * refused before decompression, which bounds its cost (lz-string can expand a crafted text
 * quadratically).
 */
export const MAX_LINK_CHARS = 50_000;
/** Longest JSON a link may decompress to (a topology of a few hundred devices is ~200 000). */
export const MAX_JSON_CHARS = 2_000_000;

/** The walk a link opens: the topology's scenario, or one composed packet; with the links cut during it ("Cut here"). */
export type SharedWalk = ({ kind: 'scenario' } | { kind: 'pdu'; pdu: Pdu }) & { cuts?: LinkCut[] };

export interface SharePayload<T = unknown> {
  app: 'packetwalk';
  v: typeof SHARE_VERSION;
  topology: T;
  walk?: SharedWalk;
  /** the step shown: 0 is the start, N is "Step N" */
  step?: number;
}

/** Why a link could not be read. */
export type LinkError =
  /** longer than MAX_LINK_CHARS, or decompresses to more than MAX_JSON_CHARS */
  | 'tooLarge'
  /** cut short or altered: it does not decompress, or not to JSON */
  | 'damaged'
  /** JSON, but not a packetwalk link */
  | 'foreign'
  /** a packetwalk link of a later version */
  | 'newer';
