// Tunnels on the diagram: each tunnel as a dashed curve between the two devices it joins, above
// the physical path its packets ride (the links between them stay as they are). The far end is
// the device that owns the tunnel's remote address, a VTEP of a VXLAN flood list, or, for a
// tunnel with remote any (Calico's tunl0), the gateway of each route through it. Loaded only for
// a network that has a tunnel.

import { useStore, ViewportPortal } from '@xyflow/react';
import type { Topology } from '../../engine';
import { selectTopology, useAppStore } from '../../store';
import { SYMBOL_CENTRE_Y } from './geometry';
import './tunnels.css';

export interface TunnelEnds {
  a: string;
  b: string;
  /** 'IPIP', 'GRE', 'GRETAP' or 'VXLAN 42' */
  label: string;
}

/** Every pair of devices a tunnel joins, once per pair and kind. */
export function tunnelEnds(t: Topology): TunnelEnds[] {
  const owner = new Map<string, string>();
  for (const n of t.nodes) for (const i of n.ifaces) for (const a of i.addrs) owner.set(a.ip, n.name);
  const out: TunnelEnds[] = [];
  const seen = new Set<string>();
  for (const n of t.nodes) {
    if (n.kind !== 'linux') continue;
    for (const tn of n.tunnels ?? []) {
      const far = tn.remote ? [tn.remote, ...(tn.flood ?? [])] : [...(tn.flood ?? []), ...n.routes.filter((r) => r.dev === tn.name && r.via).map((r) => r.via!)];
      const label = tn.kind === 'vxlan' ? `VXLAN ${tn.vni ?? 0}` : tn.kind.toUpperCase();
      for (const ip of far) {
        const b = owner.get(ip);
        if (!b || b === n.name) continue;
        const key = [n.name, b].sort().join('|') + label;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ a: n.name, b, label });
      }
    }
  }
  return out;
}

export function TunnelLayer() {
  const topology = useAppStore(selectTopology);
  // The devices' places, followed as they move.
  const centres = useStore((s) => s.nodeLookup);
  if (!topology) return null;
  const centre = (name: string) => {
    const n = centres.get(name);
    const w = n?.measured.width;
    return n && w ? { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + SYMBOL_CENTRE_Y } : undefined;
  };
  const ends = tunnelEnds(topology);
  return (
    <ViewportPortal>
      <svg className="pw-tunnels" aria-hidden="true">
        {ends.map((e, i) => {
          const p = centre(e.a);
          const q = centre(e.b);
          if (!p || !q) return null;
          // A curve above the straight path between them, higher for each further tunnel.
          const lift = 46 + 14 * i;
          const c = { x: (p.x + q.x) / 2, y: Math.min(p.y, q.y) - lift * 2 + 26 };
          return (
            <path key={`${e.a}|${e.b}|${e.label}`} className="pw-tunnel-line" d={`M ${p.x} ${p.y - 26} Q ${c.x} ${c.y} ${q.x} ${q.y - 26}`} data-testid={`canvas.tunnel.${e.a}--${e.b}`} data-label={e.label}>
              <title>{`${e.label}: ${e.a} ⇄ ${e.b}`}</title>
            </path>
          );
        })}
      </svg>
    </ViewportPortal>
  );
}
