// The route table as rows, read from `ip route` (main table) as the worker prints it: the kernel's
// connected routes (proto kernel, read-only) and the static routes of the node, each matched to
// its place in the node's route list so that it can be deleted. A route is identified in a table
// by its destination and metric (the kernel refuses a second one: "File exists").

import type { RouteSpec } from '../../engine';

export interface RouteRow {
  /** the `ip route` line, trimmed (a multipath route's paths on it) */
  line: string;
  /** unicast, blackhole, unreachable, prohibit */
  type: string;
  /** as ip prints it: "default", "10.0.1.0/24", "10.0.2.1" (a /32) */
  dst: string;
  via?: string;
  dev?: string;
  metric: number;
  proto?: string;
  scope?: string;
  src?: string;
  onlink: boolean;
  /** added by the kernel for an address */
  kernel: boolean;
  /** index in the node's RouteSpec list (static routes) */
  spec?: number;
}

const TYPES = new Set(['unicast', 'blackhole', 'unreachable', 'prohibit', 'local', 'broadcast', 'throw']);

/** One row per route of `ip route show` output (a multipath route's `nexthop` lines joined to it). */
export function parseRouteShow(text: string): RouteRow[] {
  const lines: string[] = [];
  for (const l of text.split('\n')) {
    if (/^\s/.test(l) && lines.length) lines[lines.length - 1] = `${lines[lines.length - 1]!.trimEnd()} ${l.trim()}`;
    else lines.push(l);
  }
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const w = line.split(/\s+/);
      let i = 0;
      const type = TYPES.has(w[0]!) ? w[i++]! : 'unicast';
      const row: RouteRow = { line, type, dst: w[i++] ?? '', metric: 0, onlink: false, kernel: false };
      for (; i < w.length; i++) {
        const k = w[i]!;
        const v = w[i + 1];
        if (k === 'onlink') row.onlink = true;
        else if (v !== undefined && ['via', 'dev', 'proto', 'scope', 'src', 'metric'].includes(k)) {
          if (k === 'metric') row.metric = Number(v);
          // A multipath route: every path's gateway and device, in order, one a line.
          else if ((k === 'via' || k === 'dev') && row[k] !== undefined) row[k] += `\n${v}`;
          else row[k as 'via' | 'dev' | 'proto' | 'scope' | 'src'] = v;
          i++;
        }
      }
      row.kernel = row.proto === 'kernel';
      return row;
    });
}

/** "a.b.c.d/len" of a printed destination ("default" is 0.0.0.0/0, a bare address a /32). */
export const prefixKey = (dst: string): string => (dst === 'default' ? '0.0.0.0/0' : dst.includes('/') ? dst : `${dst}/32`);

/** Marks each static row with the index of the RouteSpec it shows. */
export function matchSpecs(rows: RouteRow[], routes: readonly RouteSpec[]): RouteRow[] {
  const free = routes.map((r, i) => ({ key: `${r.dst.ip}/${r.dst.len} ${r.metric ?? 0}`, i }));
  return rows.map((row) => {
    if (row.kernel) return row;
    const k = free.findIndex((f) => f.key === `${prefixKey(row.dst)} ${row.metric}`);
    if (k < 0) return row;
    const [hit] = free.splice(k, 1);
    return { ...row, spec: hit!.i };
  });
}
