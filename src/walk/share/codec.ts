// What a shared link carries, and how: the topology, the walk (a packet composed in "Walk a
// packet", or the topology's scenario) and the step shown, as JSON compressed with lz-string
// into the URL fragment (`#share=v1.…`), so nothing goes to a server. Pure and used by the worker
// (sim-api.ts), which reads links the way it reads files: a link is untrusted input, so it is
// decoded off the main thread, its size bounded before and after decompression, its envelope
// checked with zod and its topology by the same validation as Open… (checkTopology). Nothing
// from a link is ever run as code or put into the page as HTML: it becomes a Topology, a Pdu
// (from which the app writes the commands itself), the links cut during the walk and a step number.

import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from 'zod';
import { MAX_CUT_NAME, MAX_CUT_US, MAX_CUTS } from '../cuts';
import { MAX_JSON_CHARS, MAX_LINK_CHARS, SHARE_PREFIX, SHARE_VERSION, type LinkError, type SharePayload } from './limits';

// Names and addresses are only bounded here; whether they fit the topology is checked by the
// app against it (pduProblems) before anything runs.
const Name = z.string().min(1).max(32);
const Port = z.number().int().min(1).max(65535);

const PduSchema = z
  .object({
    source: Name,
    address: z.ipv4(),
    device: Name.optional(),
    protocol: z.enum(['icmp', 'udp', 'tcp']),
    srcPort: Port,
    dstPort: Port,
    ttl: z.number().int().min(1).max(255).optional(),
    size: z.number().int().min(0).max(1472).optional(),
    df: z.enum(['do', 'dont', 'want']).optional(),
    count: z.number().int().min(1).max(10),
  })
  .strict();

// The links cut during the walk; whether they are links of the topology is checked by the app (missingCut).
const CutsSchema = z
  .array(z.object({ atUs: z.number().int().min(0).max(MAX_CUT_US), node: z.string().min(1).max(MAX_CUT_NAME), iface: z.string().min(1).max(MAX_CUT_NAME) }).strict())
  .max(MAX_CUTS)
  .optional();

const PayloadSchema = z
  .object({
    app: z.literal('packetwalk'),
    v: z.literal(SHARE_VERSION),
    topology: z.unknown(),
    walk: z.discriminatedUnion('kind', [z.object({ kind: z.literal('scenario'), cuts: CutsSchema }).strict(), z.object({ kind: z.literal('pdu'), pdu: PduSchema, cuts: CutsSchema }).strict()]).optional(),
    step: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export type Decoded = { ok: true; payload: SharePayload } | { ok: false; error: LinkError; detail?: string };

/** The text after `#share=` for a payload. */
export function encodeShare(payload: SharePayload): string {
  return SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify(payload));
}

/** Reads the text after `#share=` (checks its size and envelope; the topology is still unchecked). */
export function decodeShare(text: string): Decoded {
  const version = /^v(\d+)\./.exec(text);
  if (!version) return { ok: false, error: 'foreign' };
  if (Number(version[1]) > SHARE_VERSION) return { ok: false, error: 'newer', detail: `v${version[1]}` };
  if (Number(version[1]) !== SHARE_VERSION) return { ok: false, error: 'foreign' };
  const body = text.slice(version[0].length);
  if (body.length > MAX_LINK_CHARS) return { ok: false, error: 'tooLarge', detail: `${body.length} > ${MAX_LINK_CHARS} characters` };
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(body);
  } catch (e) {
    return { ok: false, error: 'damaged', detail: e instanceof Error ? e.message : String(e) };
  }
  if (!json) return { ok: false, error: 'damaged' };
  if (json.length > MAX_JSON_CHARS) return { ok: false, error: 'tooLarge', detail: `${json.length} > ${MAX_JSON_CHARS} characters of JSON` };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: 'damaged', detail: e instanceof Error ? e.message : String(e) };
  }
  if (typeof value !== 'object' || value === null || (value as { app?: unknown }).app !== 'packetwalk') return { ok: false, error: 'foreign' };
  const v = (value as { v?: unknown }).v;
  if (typeof v === 'number' && v > SHARE_VERSION) return { ok: false, error: 'newer', detail: `v${v}` };
  const parsed = PayloadSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: 'damaged', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 5).join('; ') };
  return { ok: true, payload: parsed.data as SharePayload };
}
