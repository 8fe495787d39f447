// What a field accepts, checked as the user types, before anything is sent to the worker: an
// address is a.b.c.d/len, a MAC six hex pairs, a device name what containerlab accepts. Errors are
// codes with the offending text; the inspector words them (i18n keys syntax.*). What a value
// means in the network (a duplicate address, a route the kernel refuses) is the worker's answer.

import type { IfAddr, MacAddr } from '../../engine';
import { isGroupMac, nodeNameProblem, parseIpv4, parseMac, VID_MAX, VID_MIN, ZERO_MAC } from '../../engine/pure';

export type SyntaxError =
  | { code: 'notIpv4'; text: string }
  | { code: 'noPrefix'; text: string }
  | { code: 'badPrefix'; text: string }
  | { code: 'twice'; text: string }
  | { code: 'notMac'; text: string }
  | { code: 'groupMac'; text: string }
  | { code: 'zeroMac'; text: string }
  | { code: 'badName'; text: string }
  | { code: 'nameTaken'; text: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: SyntaxError };

/** One a.b.c.d/len. */
export function parseCidrText(text: string): Parsed<IfAddr> {
  const slash = text.indexOf('/');
  const ipText = slash < 0 ? text : text.slice(0, slash);
  // a.b.c.d with each number 0–255, no leading zeros (iproute2 would read them as octal)
  const ip = parseIpv4(ipText);
  if (!ip) return { ok: false, error: { code: 'notIpv4', text: ipText } };
  if (slash < 0) return { ok: false, error: { code: 'noPrefix', text } };
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(lenText) || Number(lenText) > 32) return { ok: false, error: { code: 'badPrefix', text: lenText } };
  return { ok: true, value: { ip, len: Number(lenText) } };
}

/** Addresses separated by commas or spaces, in order (the first of a subnet is the primary); '' is none. */
export function parseAddrList(text: string): Parsed<IfAddr[]> {
  const out: IfAddr[] = [];
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    const r = parseCidrText(word);
    if (!r.ok) return r;
    if (out.some((a) => a.ip === r.value.ip)) return { ok: false, error: { code: 'twice', text: r.value.ip } };
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** The addresses as the field shows them. */
export const addrListText = (addrs: readonly IfAddr[]): string => addrs.map((a) => `${a.ip}/${a.len}`).join(', ');

/** xx:xx:xx:xx:xx:xx (either case; stored lower case), unicast and not all zeros. */
export function parseMacText(text: string): Parsed<MacAddr> {
  const mac = parseMac(text.trim());
  if (!mac) return { ok: false, error: { code: 'notMac', text } };
  if (isGroupMac(mac)) return { ok: false, error: { code: 'groupMac', text } };
  if (mac === ZERO_MAC) return { ok: false, error: { code: 'zeroMac', text } };
  return { ok: true, value: mac };
}

/** A device name the engine accepts (nodeNameProblem: 1–32 letters, digits, "_" or "-"), not taken. */
export function parseNodeName(text: string, taken: ReadonlySet<string>): Parsed<string> {
  const t = text.trim();
  if (nodeNameProblem(t)) return { ok: false, error: { code: 'badName', text: t } };
  if (taken.has(t)) return { ok: false, error: { code: 'nameTaken', text: t } };
  return { ok: true, value: t };
}

/** A VLAN id or list that is not one (worded by the VLAN section, i18n keys vlan.*). */
export type VidError = { code: 'badVid' | 'noVid'; text: string };
type VidParsed<T> = { ok: true; value: T } | { ok: false; error: VidError };

/** One VLAN id, 1 to 4094 (0 and 4095 are reserved). */
export function parseVid(text: string): VidParsed<number> {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t) || Number(t) < VID_MIN || Number(t) > VID_MAX) return { ok: false, error: { code: 'badVid', text: t } };
  return { ok: true, value: Number(t) };
}

/** VLAN ids and ranges (10-20) separated by commas or spaces, at least one. */
export function parseVidList(text: string): VidParsed<number[]> {
  const out: number[] = [];
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d+)-(\d+)$/.exec(word);
    const ends = m ? [m[1]!, m[2]!].map(parseVid) : [parseVid(word)];
    for (const e of ends) if (!e.ok) return e;
    const [lo, hi] = ends.map((e) => (e.ok ? e.value : 0)) as [number, number?];
    if (hi !== undefined && hi < lo) return { ok: false, error: { code: 'badVid', text: word } };
    for (let v = lo; v <= (hi ?? lo); v++) if (!out.includes(v)) out.push(v);
  }
  return out.length ? { ok: true, value: out } : { ok: false, error: { code: 'noVid', text } };
}
