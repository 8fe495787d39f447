// VLANs in the inspector. On a switch or an L3 switch: VLAN filtering on or off, each port's VLANs
// as a row (an access port's VLAN; a trunk's tagged VLANs and native VLAN) and the same as
// `bridge vlan` lines, each way round. On a linux node: its VLAN subinterfaces (eth1.10), edited
// like interfaces (addresses), added on one of its interfaces with a VLAN id, removed.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinuxNode, TopoNode, Tunnel } from '../../engine';
import type { PortVlans } from '../../engine/edit/vlans';
import { addrListText, parseAddrList, parseVid, parseVidList, type VidError } from './syntax';
import i18n from '../../i18n';
import { bridgesOf, deviceVlans } from '../../engine/pure';
import { bridgeVlanText, portVlans } from '../../engine/pure-vlan';
import { simClient } from '../../worker/client';
import { addVlanDev, applyVlanLines, checkVlanLines, removeVlanDev, setPortVlanRow, setVlanDevAddrs, setVlanFiltering } from '../commands/vlans';
import { toast } from '../toast/toastStore';
import { Field } from './Field';
import { LinesEditor } from './LinesEditor';
import { applied, refusal, syntaxMessage } from './outcome';
import { TrashIcon } from './TrashIcon';
import { ReasonButton } from '../toolbar/ReasonButton';
import './vlans.css';

type Row = Exclude<PortVlans, { mode: 'other' }>;

/** What is wrong with a typed VLAN id or list (the words are this section's, loaded with it). */
const vidMessage = (e: VidError): string => i18n.t(e.code === 'noVid' ? 'vlan.noVid' : 'vlan.badVid', { text: e.text });

function PortRow({ node, port, vlans }: { node: string; port: string; vlans: PortVlans }) {
  const { t } = useTranslation();
  const client = simClient();
  const set = async (row: Row) => applied(await setPortVlanRow(client, node, port, row));
  const onMode = (mode: string) => {
    const row: Row | undefined =
      mode === 'access' ? { mode: 'access', vid: vlans.mode === 'trunk' ? (vlans.native ?? vlans.vids[0]!) : 1 } : mode === 'trunk' ? { mode: 'trunk', vids: vlans.mode === 'access' ? [vlans.vid] : [1] } : undefined;
    if (row) void set(row).then((why) => why && toast('error', why));
  };
  return (
    <li className="pw-vlan-port" data-testid={`inspector.vlan-port.${port}`}>
      <div className="pw-vlan-port__head">
        <span className="pw-iface__name">{port}</span>
        <select className="pw-input pw-vlan-port__mode" aria-label={t('vlan.mode', { port })} value={vlans.mode} onChange={(e) => onMode(e.target.value)} data-testid={`inspector.vlan-mode.${port}`}>
          <option value="access">{t('vlan.access')}</option>
          <option value="trunk">{t('vlan.trunk')}</option>
          {vlans.mode === 'other' && <option value="other">{t('vlan.other')}</option>}
        </select>
      </div>
      {vlans.mode === 'access' && (
        <Field
          label={<>{t('vlan.accessVlan')}<span className="pw-sr-only">{` ${port}`}</span></>}
          value={String(vlans.vid)}
          testId={`inspector.vlan-access.${port}`}
          syntax={(text) => { const r = parseVid(text); return r.ok ? undefined : vidMessage(r.error); }}
          apply={async (text) => { const r = parseVid(text); return r.ok ? set({ mode: 'access', vid: r.value }) : vidMessage(r.error); }}
        />
      )}
      {vlans.mode === 'trunk' && (
        <>
          <Field
            label={<>{t('vlan.trunkVlans')}<span className="pw-sr-only">{` ${port}`}</span></>}
            value={vlans.vids.join(',')}
            testId={`inspector.vlan-trunk.${port}`}
            placeholder="10,20"
            syntax={(text) => { const r = parseVidList(text); return r.ok ? undefined : vidMessage(r.error); }}
            apply={async (text) => {
              const r = parseVidList(text);
              return r.ok ? set({ mode: 'trunk', vids: r.value, ...(vlans.native !== undefined ? { native: vlans.native } : {}) }) : vidMessage(r.error);
            }}
          />
          <Field
            label={<>{t('vlan.native')}<span className="pw-sr-only">{` ${port}`}</span></>}
            value={vlans.native === undefined ? '' : String(vlans.native)}
            testId={`inspector.vlan-native.${port}`}
            hint={t('vlan.nativeHint')}
            syntax={(text) => { if (!text.trim()) return undefined; const r = parseVid(text); return r.ok ? undefined : vidMessage(r.error); }}
            apply={async (text) => {
              if (!text.trim()) return set({ mode: 'trunk', vids: vlans.vids });
              const r = parseVid(text);
              return r.ok ? set({ mode: 'trunk', vids: vlans.vids, native: r.value }) : vidMessage(r.error);
            }}
          />
        </>
      )}
    </li>
  );
}

function BridgeVlans({ node }: { node: TopoNode }) {
  const { t } = useTranslation();
  const br = bridgesOf(node)[0]!;
  const filtering = br.config.vlanFiltering ?? false;
  const vlansOf = (dev: string) => portVlans(deviceVlans(br.config, dev));
  return (
    <section className="pw-section" aria-labelledby="pw-sec-vlans" data-testid="inspector.vlans">
      <h3 id="pw-sec-vlans" className="pw-section__title">
        {t('vlan.title')}
      </h3>
      <div className="pw-switch-row">
        <label className="pw-switch">
          <input
            type="checkbox"
            role="switch"
            checked={filtering}
            aria-describedby="pw-vlan-note"
            onChange={(e) => void setVlanFiltering(simClient(), node.name, e.target.checked).then((o) => refusal(o) && toast('error', refusal(o)!))}
            data-testid="inspector.vlan-filtering"
          />
          <span className="pw-switch__track" aria-hidden="true" />
          <span>{t('vlan.filtering')}</span>
        </label>
        <p id="pw-vlan-note" className="pw-section__note">
          {t('vlan.filteringNote')}
        </p>
      </div>
      {filtering && br.ports.length > 0 && (
        <ul className="pw-ifaces" data-testid="inspector.vlan-ports">
          {br.ports.map((p) => (
            <PortRow key={p} node={node.name} port={p} vlans={vlansOf(p)} />
          ))}
        </ul>
      )}
      <LinesEditor
        id="pw-vlan-text"
        testId="inspector.vlan-text"
        label={t('vlan.lines')}
        hint={t('vlan.linesHint')}
        placeholder={`bridge vlan add dev ${br.ports[0] ?? 'p1'} vid 10 pvid untagged`}
        current={bridgeVlanText(node)}
        rows={(text) => Math.min(12, Math.max(3, text.split('\n').length + 1))}
        className="pw-vlan-text"
        check={(topology, text) => checkVlanLines(topology, node.name, text)}
        apply={(text) => applyVlanLines(simClient(), node.name, text)}
      />
    </section>
  );
}

function VlanDevice({ node, dev }: { node: string; dev: Tunnel }) {
  const { t } = useTranslation();
  const client = simClient();
  return (
    <li className="pw-iface" data-testid={`inspector.vlan-dev.${dev.name}`}>
      <div className="pw-iface__head">
        <span className="pw-iface__name">{dev.name}</span>
        <span className="pw-iface__peer pw-muted">{t('vlan.on', { dev: dev.dev ?? '', vid: dev.vlanId ?? 0 })}</span>
        <button
          type="button"
          className="pw-icon-button"
          aria-label={t('vlan.remove', { name: dev.name })}
          title={t('vlan.remove', { name: dev.name })}
          data-testid={`inspector.remove-vlan-dev.${dev.name}`}
          onClick={() => void removeVlanDev(client, node, dev.name).then((o) => refusal(o) && toast('error', refusal(o)!))}
        >
          <TrashIcon />
        </button>
      </div>
      <Field
        label={<><span className="pw-sr-only">{`${dev.name} `}</span>{t('inspector.addresses')}</>}
        value={addrListText(dev.addrs)}
        testId={`inspector.addr.${dev.name}`}
        placeholder="192.0.2.1/24"
        syntax={(text) => { const r = parseAddrList(text); return r.ok ? undefined : syntaxMessage(r.error); }}
        check={async (text) => { const r = parseAddrList(text); return r.ok ? refusal(await setVlanDevAddrs(client, node, dev.name, r.value, true)) : undefined; }}
        apply={async (text) => { const r = parseAddrList(text); return r.ok ? applied(await setVlanDevAddrs(client, node, dev.name, r.value)) : syntaxMessage(r.error); }}
      />
    </li>
  );
}

function AddVlanDevice({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const parents = [...node.ifaces.map((i) => i.name), ...(node.tunnels ?? []).filter((x) => x.kind === 'bridge').map((x) => x.name)];
  const [parent, setParent] = useState('');
  const [vid, setVid] = useState('');
  const [error, setError] = useState<string | undefined>();
  const on = parents.includes(parent) ? parent : (parents[0] ?? '');
  if (!parents.length) return <p className="pw-section__note">{t('vlan.noParent')}</p>;
  const add = async () => {
    const r = parseVid(vid);
    if (!r.ok) return setError(vidMessage(r.error));
    const why = refusal(await addVlanDev(simClient(), node.name, on, r.value));
    setError(why);
    if (!why) setVid('');
  };
  return (
    <div className={`pw-field${error ? ' is-invalid' : ''}`}>
      <div className="pw-field__row pw-vlan-add">
        <select className="pw-input" aria-label={t('vlan.parent')} value={on} onChange={(e) => setParent(e.target.value)} data-testid="inspector.vlan-dev-parent">
          {parents.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <input
          className="pw-input pw-vlan-add__vid"
          inputMode="numeric"
          placeholder="10"
          aria-label={t('vlan.vid')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'pw-vlan-add-error' : undefined}
          value={vid}
          onChange={(e) => {
            setVid(e.target.value);
            const r = parseVid(e.target.value);
            setError(e.target.value.trim() === '' || r.ok ? undefined : vidMessage(r.error));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void add();
          }}
          data-testid="inspector.vlan-dev-vid"
        />
        <ReasonButton type="button" className="pw-button pw-button--small" reason={vid.trim() === '' ? t('vlan.vid') : undefined} onClick={() => void add()} data-testid="inspector.vlan-dev-add">
          {t('vlan.add')}
        </ReasonButton>
      </div>
      {error && (
        <p id="pw-vlan-add-error" className="pw-field__error" role="alert" data-testid="inspector.vlan-dev-error">
          {error}
        </p>
      )}
    </div>
  );
}

function VlanDevices({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const devs = (node.tunnels ?? []).filter((x) => x.kind === 'vlan');
  return (
    <section className="pw-section" aria-labelledby="pw-sec-vlan-devs" data-testid="inspector.vlan-devs">
      <h3 id="pw-sec-vlan-devs" className="pw-section__title">
        {t('vlan.devices')}
      </h3>
      <p className="pw-section__note">{t('vlan.devicesNote')}</p>
      {devs.length > 0 && (
        <ul className="pw-ifaces">
          {devs.map((d) => (
            <VlanDevice key={d.name} node={node.name} dev={d} />
          ))}
        </ul>
      )}
      <AddVlanDevice node={node} />
    </section>
  );
}

export function VlanSection({ node }: { node: TopoNode }) {
  return (
    <>
      {bridgesOf(node)[0] && <BridgeVlans node={node} />}
      {node.kind === 'linux' && <VlanDevices node={node} />}
    </>
  );
}
