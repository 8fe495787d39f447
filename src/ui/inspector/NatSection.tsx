// NAT on a linux node (its iptables nat table): on a NAT gateway or a router, the WAN interface
// (MASQUERADE on it; choosing one on a router makes it a NAT gateway); the rules as rows (chain,
// match, target), each deletable; a form that adds a port forward (DNAT); and the rules as the
// lines after `iptables -t nat`, edited as text and applied only when every line is accepted.
// On a host, server or router without rules the section starts folded: most never need it.

import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinuxNode } from '../../engine';
import { iptablesRule, natRulesOf, natTo, peerOf, wanOf } from '../../engine/pure';
import { selectTopology, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { addNatRule, applyNatLines, checkNatLines, deleteNatRule, setWanInterface } from '../commands/nat';
import { toast } from '../toast/toastStore';
import { TrashIcon } from './TrashIcon';
import { matchParts, portForwardLine } from './natRules';
import { LinesEditor } from './LinesEditor';
import { useFold } from './useFold';
import { refusal } from './outcome';
import { ReasonButton } from '../toolbar/ReasonButton';

const CHECK_DELAY_MS = 250;

function WanSelect({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const topology = useAppStore(selectTopology);
  const id = useId();
  const wan = wanOf(node);
  const gateway = node.role === 'nat';
  const [error, setError] = useState<string>();
  const choose = async (iface: string) => {
    if (!iface) return;
    const why = refusal(await setWanInterface(simClient(), node.name, iface));
    setError(why);
  };
  if (!node.ifaces.length) return gateway ? <p className="pw-section__note">{t('nat.noIfacesHint')}</p> : null;
  const hint = wan ? t('nat.wanHint', { wan }) : gateway ? t('nat.noWanHint') : t('nat.makeGatewayHint');
  return (
    <div className={`pw-field pw-nat__wan${error ? ' is-invalid' : ''}`}>
      <label htmlFor={id} className="pw-field__label">
        {gateway || wan ? t('nat.wan') : t('nat.makeGateway')}
      </label>
      <select
        id={id}
        className="pw-input"
        value={wan ?? ''}
        onChange={(e) => void choose(e.target.value)}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        data-testid="inspector.nat.wan"
      >
        {!wan && <option value="">{t('nat.chooseWan')}</option>}
        {node.ifaces.map((i) => {
          const peer = topology && peerOf(topology, node.name, i.name);
          return (
            <option key={i.name} value={i.name}>
              {peer ? t('nat.wanOption', { iface: i.name, peer: `${peer.node}:${peer.iface}` }) : t('nat.wanOptionUnlinked', { iface: i.name })}
            </option>
          );
        })}
      </select>
      {error ? (
        <p id={`${id}-error`} className="pw-field__error" role="alert">
          {error}
        </p>
      ) : null}
      <p id={`${id}-hint`} className="pw-field__hint">
        {hint}
      </p>
    </div>
  );
}

function RuleTable({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const rules = natRulesOf(node);
  const remove = async (index: number) => {
    const why = refusal(await deleteNatRule(simClient(), node.name, index));
    if (why) toast('error', why);
  };
  return (
    <div className="pw-table-wrap">
      <table className="pw-routes pw-nat" data-testid="inspector.nat.rules" aria-label={t('nat.rulesLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('nat.col.chain')}</th>
            <th scope="col">{t('nat.col.match')}</th>
            <th scope="col">{t('nat.col.target')}</th>
            <th scope="col">
              <span className="pw-sr-only">{t('nat.deleteRule', { rule: '' })}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.length === 0 ? (
            <tr>
              <td colSpan={4} className="pw-muted pw-nat__empty">
                {t('nat.noRules')}
              </td>
            </tr>
          ) : (
            rules.map((r, i) => {
              const line = iptablesRule(r);
              const parts = matchParts(r);
              const to = natTo(r);
              return (
                <tr key={`${line}-${i}`} title={`iptables -t nat ${line}`} data-testid={`inspector.nat.rule.${i}`}>
                  <td>{r.chain}</td>
                  <td className="pw-nat__match">
                    {parts.length === 0 ? (
                      <span className="pw-muted">{t('nat.any')}</span>
                    ) : (
                      parts.map((p) => (
                        <span key={p.key} className="pw-nat__part">
                          {p.key === 'proto' ? p.value : `${t(`nat.m.${p.key}`)} ${p.value}`}
                        </span>
                      ))
                    )}
                  </td>
                  <td className="pw-nat__target">
                    <span className={`pw-nat__verb pw-nat__verb--${r.target.toLowerCase()}`}>{r.target}</span>
                    {to ? <span className="pw-nat__to">{`→ ${to}`}</span> : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="pw-icon-button"
                      aria-label={t('nat.deleteRule', { rule: line })}
                      title={t('nat.deleteRule', { rule: line })}
                      data-testid={`inspector.nat.rule-delete.${i}`}
                      onClick={() => void remove(i)}
                    >
                      <TrashIcon />
                    </button>
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

function PortForwardForm({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const wan = wanOf(node);
  const [proto, setProto] = useState<'tcp' | 'udp'>('tcp');
  const [port, setPort] = useState('');
  /** null: follow the WAN interface (or any when there is none) */
  const [inIf, setInIf] = useState<string | null>(null);
  const [toAddr, setToAddr] = useState('');
  const [toPort, setToPort] = useState('');
  const [error, setError] = useState<string>();
  const topology = useAppStore(selectTopology);
  const effectiveIn = inIf ?? wan ?? '';
  const started = port.trim() !== '' && toAddr.trim() !== '';
  const line = portForwardLine({ in: effectiveIn, proto, port, toAddr, toPort });

  useEffect(() => {
    if (!started) return;
    let current = true;
    const id = setTimeout(() => {
      void addNatRule(simClient(), node.name, line, true).then((o) => current && setError(refusal(o)));
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(id);
    };
  }, [line, started, node.name, topology]);
  const shownError = started ? error : undefined;

  const submit = async () => {
    if (!started) return;
    const why = refusal(await addNatRule(simClient(), node.name, line));
    setError(why);
    if (!why) {
      setPort('');
      setToAddr('');
      setToPort('');
    }
  };

  const summary = t('nat.forward.summary', {
    proto,
    port: port.trim(),
    in: effectiveIn || t('nat.forward.anyIn'),
    to: `${toAddr.trim()}${toPort.trim() ? `:${toPort.trim()}` : ''}`,
  });
  return (
    <form
      className={`pw-add-route pw-nat__forward${shownError ? ' is-invalid' : ''}`}
      aria-labelledby="pw-nat-forward-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4 id="pw-nat-forward-title" className="pw-nat__form-title">
        {t('nat.forward.title')}
      </h4>
      <div className="pw-add-route__grid pw-nat__grid">
        <label>
          <span className="pw-field__label">{t('nat.forward.proto')}</span>
          <select className="pw-input" value={proto} onChange={(e) => setProto(e.target.value as 'tcp' | 'udp')} data-testid="inspector.nat.forward.proto">
            <option value="tcp">tcp</option>
            <option value="udp">udp</option>
          </select>
        </label>
        <label>
          <span className="pw-field__label">{t('nat.forward.port')}</span>
          <input
            className="pw-input"
            value={port}
            inputMode="numeric"
            placeholder="8080"
            onChange={(e) => setPort(e.target.value)}
            data-testid="inspector.nat.forward.port"
            aria-describedby={shownError ? 'pw-nat-forward-error' : undefined}
            aria-invalid={shownError ? true : undefined}
          />
        </label>
        <label>
          <span className="pw-field__label">{t('nat.forward.in')}</span>
          <select className="pw-input" value={effectiveIn} onChange={(e) => setInIf(e.target.value)} data-testid="inspector.nat.forward.in">
            <option value="">{t('nat.forward.anyIn')}</option>
            {node.ifaces.map((i) => (
              <option key={i.name} value={i.name}>
                {i.name === wan ? `${i.name} (${t('node.wan')})` : i.name}
              </option>
            ))}
          </select>
        </label>
        <label className="pw-nat__addr">
          <span className="pw-field__label">{t('nat.forward.toAddr')}</span>
          <input
            className="pw-input"
            value={toAddr}
            placeholder="192.168.1.10"
            onChange={(e) => setToAddr(e.target.value)}
            data-testid="inspector.nat.forward.to-addr"
            aria-describedby={shownError ? 'pw-nat-forward-error' : undefined}
            aria-invalid={shownError ? true : undefined}
          />
        </label>
        <label>
          <span className="pw-field__label">{t('nat.forward.toPort')}</span>
          <input className="pw-input" value={toPort} inputMode="numeric" placeholder={port.trim() || t('nat.forward.samePort')} onChange={(e) => setToPort(e.target.value)} data-testid="inspector.nat.forward.to-port" />
        </label>
        <ReasonButton type="submit" className="pw-button pw-button--small pw-nat__add" reason={!started ? t('nat.forward.hint') : shownError} data-testid="inspector.nat.forward-add">
          {t('nat.forward.add')}
        </ReasonButton>
      </div>
      {shownError ? (
        <p id="pw-nat-forward-error" className="pw-field__error" role="alert" data-testid="inspector.nat.forward.error">
          {shownError}
        </p>
      ) : started ? (
        <>
          <p className="pw-field__hint">{summary}</p>
          <p className="pw-field__hint pw-mono pw-nat__line">{`iptables -t nat ${line}`}</p>
        </>
      ) : (
        <p className="pw-field__hint">{t('nat.forward.hint')}</p>
      )}
    </form>
  );
}

/** About how many characters of a rule line fit on one row of the text field (it wraps long rules). */
const ROW_CHARS = 46;

/** The rows the text takes in the field, long lines wrapped. */
const visualRows = (text: string): number => text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / ROW_CHARS)), 0);

function RulesText({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  return (
    <LinesEditor
      id="pw-nat-text"
      testId="inspector.nat.rules-text"
      label={t('nat.text')}
      hint={t('nat.textHint')}
      placeholder="-A POSTROUTING -o eth2 -j MASQUERADE"
      className="pw-nat__text"
      current={natRulesOf(node).map(iptablesRule).join('\n')}
      rows={(text) => Math.min(12, Math.max(3, visualRows(text) + 1))}
      check={(topology, text) => checkNatLines(simClient(), topology, node.name, text)}
      apply={(text) => applyNatLines(simClient(), node.name, text)}
    />
  );
}

function NatBody({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  return (
    <>
      {(node.role === 'nat' || node.role === 'router') && <WanSelect node={node} />}
      <h4 className="pw-section__subtitle">{t('nat.rules')}</h4>
      <RuleTable node={node} />
      <PortForwardForm node={node} />
      <RulesText node={node} />
    </>
  );
}

export function NatSection({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const rules = natRulesOf(node).length;
  const wanted = node.role === 'nat' || rules > 0;
  // Open on a NAT gateway or a node with rules (and once it gets some); else as the user leaves it.
  const [open, setOpen] = useFold(wanted);
  // One structure whatever the node, so that nothing typed is lost when the first rule arrives.
  return (
    <section className="pw-section" aria-labelledby="pw-sec-nat" data-testid="inspector.nat">
      <details className="pw-nat__fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary data-testid="inspector.nat.open">
          <h3 id="pw-sec-nat" className="pw-section__title pw-nat__title">
            {t('nat.title')} <span className="pw-nat__cmd">{t('nat.titleCmd')}</span>
          </h3>
          {rules === 0 && <span className="pw-nat__none">{t('nat.noRulesSummary')}</span>}
        </summary>
        <NatBody node={node} />
      </details>
    </section>
  );
}
