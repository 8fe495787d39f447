// A linux node's iptables nat rules as the editor changes them, and the NAT gateway: a router
// whose WAN interface masquerades. Its second link makes the WAN side (natPreset); setWan moves it.

import { iptablesRule } from '../io/iptables';
import type { Endpoint, NatRule, Topology, TopoNode } from '../topology';
import { updateNode } from './update';

/** A deep copy of a rule (its prefixes are objects). */
export const copyRule = (r: NatRule): NatRule => ({ ...r, ...(r.src ? { src: { ...r.src } } : {}), ...(r.dst ? { dst: { ...r.dst } } : {}) });

/** A linux node's nat rules (none on a bridge). */
export const natRulesOf = (n: TopoNode | undefined): readonly NatRule[] => (n?.kind === 'linux' ? (n.nat ?? []) : []);

/** Replaces a linux node's nat rules (in `iptables -A` order); no rules leaves no `nat` field. */
export function setNatRules(t: Topology, node: string, rules: readonly NatRule[]): Topology {
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux') return n;
    const old = n.nat ?? [];
    if (old.length === rules.length && old.every((r, i) => iptablesRule(r) === iptablesRule(rules[i]!))) return n;
    const { nat: _old, ...rest } = n;
    return rules.length ? { ...rest, nat: rules.map(copyRule) } : rest;
  });
}

/** Keeps only the nat rules not at the given indexes. */
export function dropNatRules(t: Topology, node: string, indexes: readonly number[]): Topology {
  const drop = new Set(indexes);
  const n = t.nodes.find((x) => x.name === node);
  return setNatRules(t, node, natRulesOf(n).filter((_, i) => !drop.has(i)));
}

/** Adds one rule after the node's rules. */
export function appendNatRule(t: Topology, node: string, rule: NatRule): Topology {
  return setNatRules(t, node, [...natRulesOf(t.nodes.find((x) => x.name === node)), rule]);
}

/**
 * The WAN interface of a node: the out interface of its first POSTROUTING rule that rewrites the
 * source (MASQUERADE or SNAT) on one interface. Undefined when it has none.
 */
export function wanOf(n: TopoNode | undefined): string | undefined {
  return natRulesOf(n).find((r) => r.chain === 'POSTROUTING' && (r.target === 'MASQUERADE' || r.target === 'SNAT') && r.out)?.out;
}

/** `-A POSTROUTING -o WAN -j MASQUERADE`: what the NAT gateway preset puts on its WAN side. */
export const masquerade = (wan: string): NatRule => ({ chain: 'POSTROUTING', target: 'MASQUERADE', out: wan });

/**
 * Makes `wan` the node's WAN interface: the rules on the old WAN (its MASQUERADE or SNAT, and port
 * forwards coming in on it) now name `wan`; without a WAN yet, `-A POSTROUTING -o WAN -j MASQUERADE`
 * is added. A router becomes a NAT gateway (drawn as one), forwarding on.
 */
export function setWan(t: Topology, node: string, wan: string): Topology {
  return updateNode(t, node, (n) => {
    if (n.kind !== 'linux' || !n.ifaces.some((i) => i.name === wan)) return n;
    const old = wanOf(n);
    if (old === wan && n.ipForward && n.role !== 'router') return n;
    const rules = n.nat ?? [];
    const nat =
      old === undefined
        ? [...rules, masquerade(wan)]
        : rules.map((r) => (r.out === old ? { ...r, out: wan } : r.in === old ? { ...r, in: wan } : r));
    return { ...n, role: n.role === 'router' ? 'nat' : n.role, ipForward: true, nat };
  });
}

/**
 * The NAT gateway preset, applied when a link is made: a NAT gateway without rules whose new
 * link is its second one gets MASQUERADE on that interface (its first link is the LAN side, the
 * second the WAN side, as a network is usually drawn from the inside out). Otherwise unchanged.
 */
export function natPreset(t: Topology, end: Endpoint): Topology {
  const n = t.nodes.find((x) => x.name === end.node);
  if (n?.kind !== 'linux' || n.role !== 'nat' || natRulesOf(n).length) return t;
  const linked = t.links.filter((l) => l.a.node === end.node || l.b.node === end.node);
  if (linked.length !== 2) return t;
  return setNatRules(t, end.node, [masquerade(end.iface)]);
}
