// The tunnel devices of a linux node (ipip, gre, gretap, vxlan), editable: each device's type,
// local and remote ends, GRE key or VXLAN VNI, outer TTL (a number or inherit), lower device and
// VXLAN port, a device added or removed, and all of them as `ip link add` lines. What is typed is
// read as iproute2 reads `ip link add` (engine/edit/tunnels.ts): a refused value stays in its field
// with the reason beside it and is not applied; an accepted one is applied at once (Enter, leaving
// the field, or choosing in a list), as one undo step.

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinuxNode, Tunnel } from '../../engine';
import { linkAddText, tunnelMtu } from '../../engine/pure';
import { EDITABLE_TUNNEL_KINDS, editableTunnels, tunnelFields, tunnelFromFields, tunnelLowerDevs, type TunnelField, type TunnelFields } from '../../engine/pure-inspector';
import { simClient } from '../../worker/client';
import { addTunnel, applyTunnel, applyTunnelLines, checkTunnelText, deleteTunnel } from '../commands/tunnels';
import { Field } from './Field';
import { LinesEditor } from './LinesEditor';
import { applied, refusal } from './outcome';
import { TrashIcon } from './TrashIcon';
import { toast } from '../toast/toastStore';
import './tunnels.css';

type Kind = (typeof EDITABLE_TUNNEL_KINDS)[number];

/** The fields after a change of type: what the new type has keeps its value (a VXLAN device needs a VNI and gets the IANA port). */
function retype(f: TunnelFields, kind: string): TunnelFields {
  const gre = (k: string) => k === 'gre' || k === 'gretap';
  const key = kind === 'vxlan' ? (f.kind === 'vxlan' ? f.key : '1') : gre(kind) && gre(f.kind) ? f.key : '';
  return { ...f, kind, key, dstport: kind === 'vxlan' ? f.dstport || '4789' : '' };
}

function TunnelDevice({ node, tunnel: tn }: { node: LinuxNode; tunnel: Tunnel }) {
  const { t } = useTranslation();
  const id = useId();
  const [selectError, setSelectError] = useState<{ field: TunnelField; message: string }>();
  const fields = tunnelFields(tn);
  const devs = tunnelLowerDevs(node);
  const read = (f: TunnelFields) => tunnelFromFields(tn.name, f, devs);
  /** the field's problem with `text` in it, in iproute2's words and ours */
  const problem = (field: TunnelField, text: string): string | undefined => {
    const r = read({ ...fields, [field]: text });
    if (r.kind === 'ok' || (r.field !== field && r.field !== undefined)) return undefined;
    const why = field === 'key' || field === 'ttl' || field === 'dstport' ? t(`inspector.tunnel.range.${field === 'key' && tn.kind === 'vxlan' ? 'vni' : field}`) : '';
    return why ? `${r.message}${r.message.endsWith('.') ? '' : '.'} ${why}` : r.message;
  };
  const apply = async (f: TunnelFields): Promise<string | undefined> => {
    const r = read(f);
    if (r.kind === 'error') return r.message;
    return applied(await applyTunnel(simClient(), node.name, r.tunnel));
  };
  const choose = async (field: 'kind' | 'dev', value: string) => {
    const next = field === 'kind' ? retype(fields, value) : { ...fields, dev: value };
    const why = await apply(next);
    setSelectError(why ? { field, message: why } : undefined);
  };
  const remove = async () => {
    const why = refusal(await deleteTunnel(simClient(), node.name, tn.name));
    if (why) toast('error', why);
  };
  const text = (field: TunnelField, label: string, placeholder: string) => (
    <Field
      label={label}
      value={fields[field]}
      testId={`inspector.tunnel.${tn.name}.${field}`}
      placeholder={placeholder}
      syntax={(v) => problem(field, v)}
      apply={(v) => apply({ ...fields, [field]: v })}
      className="pw-tunnel-edit__field"
    />
  );
  const select = (field: 'kind' | 'dev', label: string, options: readonly string[], none?: string) => (
    <div className={`pw-field pw-tunnel-edit__field${selectError?.field === field ? ' is-invalid' : ''}`}>
      <label htmlFor={`${id}-${field}`} className="pw-field__label">
        {label}
      </label>
      <select
        id={`${id}-${field}`}
        className="pw-input"
        value={fields[field]}
        onChange={(e) => void choose(field, e.target.value)}
        aria-describedby={selectError?.field === field ? `${id}-${field}-error` : undefined}
        data-testid={`inspector.tunnel.${tn.name}.${field}`}
      >
        {none !== undefined && <option value="">{none}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {selectError?.field === field && (
        <p id={`${id}-${field}-error`} className="pw-field__error" role="alert" data-testid={`inspector.tunnel.${tn.name}.${field}.error`}>
          {selectError.message}
        </p>
      )}
    </div>
  );
  return (
    <div className="pw-tunnel pw-tunnel-edit" data-testid={`inspector.tunnel.${tn.name}`}>
      <div className="pw-tunnel-edit__head">
        <h4 className="pw-tunnel__name">
          {tn.name}
          {tn.up ? '' : ' (DOWN)'}
          <span className="pw-muted">{` mtu ${tunnelMtu(tn)}`}</span>
        </h4>
        <button type="button" className="pw-icon-button" aria-label={t('inspector.tunnel.remove', { name: tn.name })} title={t('inspector.tunnel.remove', { name: tn.name })} onClick={() => void remove()} data-testid={`inspector.tunnel.${tn.name}.remove`}>
          <TrashIcon />
        </button>
      </div>
      <div className="pw-tunnel-edit__grid">
        {select('kind', t('inspector.tunnel.type'), EDITABLE_TUNNEL_KINDS)}
        {select('dev', t('inspector.tunnel.dev'), devs, t('inspector.tunnel.noDev'))}
        {text('local', t('inspector.tunnel.local'), 'any')}
        {text('remote', t('inspector.tunnel.remote'), tn.kind === 'vxlan' ? '-' : 'any')}
        {tn.kind !== 'ipip' && text('key', tn.kind === 'vxlan' ? t('inspector.tunnel.vni') : t('inspector.tunnel.key'), tn.kind === 'vxlan' ? '42' : t('inspector.tunnel.noKey'))}
        {text('ttl', t('inspector.tunnel.ttl'), tn.kind === 'vxlan' ? 'auto' : 'inherit')}
        {tn.kind === 'vxlan' && text('dstport', t('inspector.tunnel.dstport'), '8472')}
      </div>
      <code className="pw-tunnel__line">{linkAddText(tn)}</code>
    </div>
  );
}

function AddTunnel({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<Kind>('ipip');
  const [error, setError] = useState<string>();
  const add = async () => setError(refusal(await addTunnel(simClient(), node.name, kind)));
  return (
    <div className={`pw-field pw-tunnel-edit__add${error ? ' is-invalid' : ''}`}>
      <label htmlFor={id} className="pw-field__label">
        {t('inspector.tunnel.add')}
      </label>
      <div className="pw-field__row">
        <select id={id} className="pw-input" value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="inspector.tunnel-new.type">
          {EDITABLE_TUNNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <button type="button" className="pw-button pw-button--small" onClick={() => void add()} data-testid="inspector.tunnel-new.add">
          {t('inspector.tunnel.addButton')}
        </button>
      </div>
      {error && (
        <p className="pw-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The editable tunnel devices of a node, the form that adds one, and the lines that make them all. */
export function TunnelEditor({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const tunnels = editableTunnels(node);
  return (
    <>
      {tunnels.map((tn) => (
        <TunnelDevice key={tn.name} node={node} tunnel={tn} />
      ))}
      <AddTunnel node={node} />
      <LinesEditor
        id="pw-tunnels-text"
        testId="inspector.tunnels-text"
        label={t('inspector.tunnel.lines')}
        hint={t('inspector.tunnel.linesHint')}
        placeholder="ip link add gre1 type gre local 192.0.2.1 remote 198.51.100.1 key 42"
        current={tunnels.map(linkAddText).join('\n')}
        rows={(text) => Math.min(8, Math.max(2, text.split('\n').length + 1))}
        className="pw-mono"
        check={(topology, text) => Promise.resolve(checkTunnelText(topology, node.name)(text))}
        apply={(text) => applyTunnelLines(simClient(), node.name, text)}
      />
    </>
  );
}
