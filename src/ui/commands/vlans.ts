// VLANs changed from the inspector (engine/edit/vlans.ts): a bridge's VLAN filtering, a port's
// access or trunk VLANs, the bridge's `bridge vlan` lines, and VLAN devices with their addresses.
// Each goes through applyEdit (checked by the worker); what the editor model refuses (a reserved
// VID, a device that does not exist) comes back with iproute2's words.

import type { IfAddr, Topology } from '../../engine';
import type { PortVlans } from '../../engine/edit/vlans';
import { addVlanDevice, applyBridgeVlanText, removeVlanDevice, setBridgeVlanFiltering, setDeviceAddrs, setPortVlans } from '../../engine/pure-vlan';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { applyEdit, type EditOutcome } from './applyEdit';
import type { RoutesOutcome } from './routes';

/** An edit the editor model may refuse before the worker checks it. */
async function refusable(client: SimClient, fn: (t: Topology) => { topology: Topology } | { error: string }, dropRoutesOf?: string): Promise<EditOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const first = fn(t);
  if ('error' in first) return { kind: 'rejected', messages: [first.error] };
  return applyEdit(
    client,
    (cur) => {
      const r = fn(cur);
      return 'error' in r ? cur : r.topology;
    },
    dropRoutesOf ? { dropBrokenRoutesOf: [dropRoutesOf] } : {},
  );
}

export const setVlanFiltering = (client: SimClient, node: string, on: boolean): Promise<EditOutcome> => applyEdit(client, (t) => setBridgeVlanFiltering(t, node, on));

export const setPortVlanRow = (client: SimClient, node: string, port: string, p: Exclude<PortVlans, { mode: 'other' }>): Promise<EditOutcome> =>
  refusable(client, (t) => setPortVlans(t, node, port, p));

/** Replaces the bridge's VLAN configuration by the lines', if every line is accepted. */
export async function applyVlanLines(client: SimClient, node: string, text: string): Promise<RoutesOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const r = applyBridgeVlanText(t, node, text);
  if ('errors' in r) return { kind: 'invalid', errors: r.errors };
  return applyEdit(client, (cur) => {
    const again = applyBridgeVlanText(cur, node, text);
    return 'topology' in again ? again.topology : cur;
  });
}

export const checkVlanLines = (topology: Topology, node: string, text: string): Promise<{ ok: true } | { ok: false; errors: { line: number; message: string }[] }> => {
  const r = applyBridgeVlanText(topology, node, text);
  return Promise.resolve('errors' in r ? { ok: false, errors: r.errors } : { ok: true });
};

export const addVlanDev = (client: SimClient, node: string, parent: string, vid: number): Promise<EditOutcome> => refusable(client, (t) => addVlanDevice(t, node, parent, vid));

export const removeVlanDev = (client: SimClient, node: string, name: string): Promise<EditOutcome> => applyEdit(client, (t) => removeVlanDevice(t, node, name), { dropBrokenRoutesOf: [node] });

export const setVlanDevAddrs = (client: SimClient, node: string, name: string, addrs: IfAddr[], dryRun = false): Promise<EditOutcome> =>
  applyEdit(client, (t) => setDeviceAddrs(t, node, name, addrs), { dropBrokenRoutesOf: [node], dryRun, keepRun: false });
