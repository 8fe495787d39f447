// A node's iptables nat rules edited from the inspector: as text (one rule per line, the words
// after `iptables -t nat`, or a whole `iptables …` command), one rule added (typed, or composed by
// the port-forward form), one deleted, and the WAN interface of a NAT gateway. Every line is
// checked by the worker (checkNatRule: what packetwalk models, interfaces that exist on the node);
// nothing is applied unless every line is accepted, and then only through applyEdit (one undo
// step, checked again with the whole topology, the last run cleared).

import type { NatRule, Topology } from '../../engine';
import { appendNatRule, dropNatRules, setNatRules, setWan } from '../../engine/pure';
import { selectTopology, useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { applyEdit, type EditOutcome } from './applyEdit';
import type { LineError } from './routes';

export type NatLinesCheck = { ok: true; rules: NatRule[] } | { ok: false; errors: LineError[] };

export type NatOutcome = EditOutcome | { kind: 'invalid'; errors: LineError[] };

/** Lines that hold a rule (blank lines and # comments do not). */
const isRuleLine = (line: string): boolean => line.trim() !== '' && !line.trim().startsWith('#');

/**
 * The whole `iptables` command of a line: as typed when it starts with `iptables`; else the words
 * after `iptables` when they name a table (`-t nat -A …`); else the words after `iptables -t nat`
 * (`-A POSTROUTING …`, as the text shows the rules and as `iptables -t nat -S` prints them).
 */
export function natCommand(line: string): string {
  const text = line.trim();
  if (/^iptables(\s|$)/.test(text)) return text;
  if (/(^|\s)(-t|--table)(\s|=)/.test(text)) return `iptables ${text}`;
  return `iptables -t nat ${text}`;
}

/** Checks rule lines on a node of `topology`, each on its own (a rule does not depend on another). */
export async function checkNatLines(client: SimClient, topology: Topology, node: string, text: string): Promise<NatLinesCheck> {
  const lines = text.split('\n');
  const checks = await Promise.all(lines.map((line) => (isRuleLine(line) ? client.checkNatRule(topology, node, natCommand(line)) : undefined)));
  const rules: NatRule[] = [];
  const errors: LineError[] = [];
  checks.forEach((r, i) => {
    if (!r) return;
    if (r.ok) rules.push(r.rule);
    else errors.push({ line: i + 1, message: r.message });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rules };
}

/** Replaces the node's nat rules by the rules of the text, if every line is accepted. */
export async function applyNatLines(client: SimClient, node: string, text: string): Promise<NatOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t) return { kind: 'closed' };
  const checked = await checkNatLines(client, t, node, text);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  return applyEdit(client, (cur) => setNatRules(cur, node, checked.rules));
}

/**
 * Adds one rule (a line as in the text, or the port-forward form's) after the node's rules; a dry
 * run only says whether it would be added.
 */
export async function addNatRule(client: SimClient, node: string, line: string, dryRun = false): Promise<NatOutcome> {
  const t = selectTopology(useAppStore.getState());
  if (!t || t.nodes.find((x) => x.name === node)?.kind !== 'linux') return { kind: 'closed' };
  const r = await client.checkNatRule(t, node, natCommand(line));
  if (!r.ok) return { kind: 'invalid', errors: [{ line: 1, message: r.message }] };
  return applyEdit(client, (cur) => appendNatRule(cur, node, r.rule), { dryRun });
}

/** Deletes the rule at `index` of the node's list. */
export function deleteNatRule(client: SimClient, node: string, index: number): Promise<EditOutcome> {
  return applyEdit(client, (t) => dropNatRules(t, node, [index]));
}

/** Makes `wan` the node's WAN interface (MASQUERADE on it; a router becomes a NAT gateway). */
export function setWanInterface(client: SimClient, node: string, wan: string): Promise<EditOutcome> {
  return applyEdit(client, (t) => setWan(t, node, wan));
}
