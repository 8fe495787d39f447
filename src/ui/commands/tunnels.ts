// A linux node's tunnel devices edited from the inspector: one device's fields, a device added or
// removed, or all of them as `ip link add` lines. The lines and fields are read as iproute2 reads
// them (engine/edit/tunnels.ts) on the main thread; the change is then applied through applyEdit
// (one undo step, the whole topology checked by the worker; routes through a removed device are
// removed as Linux removes them and reported).

import type { LinuxNode, Topology, Tunnel } from '../../engine';
import { checkTunnelLines, newTunnel, removeTunnel, setTunnel, setTunnels, type EDITABLE_TUNNEL_KINDS } from '../../engine/pure-inspector';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { applyEdit, type EditOutcome } from './applyEdit';
import type { RoutesOutcome } from './routes';

const linuxNode = (t: Topology | null | undefined, node: string): LinuxNode | undefined => {
  const n = t?.nodes.find((x) => x.name === node);
  return n?.kind === 'linux' ? n : undefined;
};

export function checkTunnelText(topology: Topology, node: string): (text: string) => ReturnType<typeof checkTunnelLines> {
  const n = linuxNode(topology, node);
  return (text) => (n ? checkTunnelLines(n, text) : { ok: false, errors: [{ line: 0, message: `${node} is not a linux node` }] });
}

/** Replaces the node's tunnels with the devices of the lines, if every line is accepted. */
export async function applyTunnelLines(client: SimClient, node: string, text: string): Promise<RoutesOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const r = checkTunnelText(t, node)(text);
  if (!r.ok) return { kind: 'invalid', errors: r.errors };
  return applyEdit(client, (cur) => setTunnels(cur, node, r.tunnels), { dropBrokenRoutesOf: [node] });
}

/** One device changed (its name unchanged). */
export function applyTunnel(client: SimClient, node: string, tunnel: Tunnel): Promise<EditOutcome> {
  return applyEdit(client, (cur) => setTunnel(cur, node, tunnel), { dropBrokenRoutesOf: [node] });
}

/** A device of a type added (named KINDn, up). */
export function addTunnel(client: SimClient, node: string, kind: (typeof EDITABLE_TUNNEL_KINDS)[number]): Promise<EditOutcome> {
  return applyEdit(client, (cur) => {
    const n = linuxNode(cur, node);
    return n ? setTunnel(cur, node, newTunnel(n, kind)) : cur;
  });
}

/** A device removed (`ip link del`); routes through it go with it. */
export function deleteTunnel(client: SimClient, node: string, name: string): Promise<EditOutcome> {
  return applyEdit(client, (cur) => removeTunnel(cur, node, name), { dropBrokenRoutesOf: [node] });
}
