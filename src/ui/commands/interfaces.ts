// Interface settings changed from the inspector: addresses, MAC, removing an unplugged interface,
// and the "next free address" helper. Each goes through applyEdit (checked by the worker).

import type { IfAddr, MacAddr } from '../../engine';
import { nextFreeAddress, removeIface, setIfaceAddrs, setIfaceMac } from '../../engine/pure';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { applyEdit, type EditOutcome } from './applyEdit';

/** Replaces an interface's addresses. Routes that went through an address taken away are removed, as Linux does. */
export function setAddresses(client: SimClient, node: string, iface: string, addrs: IfAddr[], dryRun = false): Promise<EditOutcome> {
  return applyEdit(client, (t) => setIfaceAddrs(t, node, iface, addrs), { dropBrokenRoutesOf: [node], dryRun, keepRun: false });
}

export function setMac(client: SimClient, node: string, iface: string, mac: MacAddr, dryRun = false): Promise<EditOutcome> {
  return applyEdit(client, (t) => setIfaceMac(t, node, iface, mac), { dryRun });
}

/** Removes an interface that has no link; routes through it are removed with it. */
export function removeInterface(client: SimClient, node: string, iface: string): Promise<EditOutcome> {
  return applyEdit(client, (t) => removeIface(t, node, iface), { dropBrokenRoutesOf: [node] });
}

export type NextFree = { kind: 'ok'; addr: IfAddr; outcome: EditOutcome } | { kind: 'none'; reason: 'no-subnet' | 'full' } | { kind: 'closed' };

/**
 * Gives the interface the lowest free address of the subnet its link already uses (a router's on
 * that link first), in place of the addresses it has: the engine's nextFreeAddress, asked as if
 * the interface had no address yet (its own address is not free).
 */
export async function assignNextFreeAddress(client: SimClient, node: string, iface: string): Promise<NextFree> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const r = nextFreeAddress(setIfaceAddrs(t, node, iface, []), node, iface);
  if (r.kind === 'none') return { kind: 'none', reason: r.reason };
  return { kind: 'ok', addr: r.addr, outcome: await setAddresses(client, node, iface, [r.addr]) };
}
