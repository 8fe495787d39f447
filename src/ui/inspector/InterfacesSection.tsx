// The interfaces of a device (the ports of a switch): each with what it is linked to, its MAC and,
// on a linux node, its IPv4 addresses with the "next free address" helper; an interface without a
// link can be removed. Below, "Connect to" links the device to another one from the keyboard.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Iface, TopoNode } from '../../engine';
import { peerOf } from '../../engine/pure';
import { selectNodes, selectTopology, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { assignNextFreeAddress, removeInterface, setAddresses, setMac } from '../commands/interfaces';
import { toast } from '../toast/toastStore';
import { Field } from './Field';
import { applied, refusal, reportSideEffects, syntaxMessage } from './outcome';
import { addrListText, parseAddrList, parseMacText } from './syntax';
import { TrashIcon } from './TrashIcon';
import { ReasonButton } from '../toolbar/ReasonButton';

function IfaceCard({ node, iface, peer }: { node: TopoNode; iface: Iface; peer: string | undefined }) {
  const { t } = useTranslation();
  const client = simClient();
  const name = node.name;
  const mac = (
    <Field
      label={
        <>
          <span className="pw-sr-only">{`${iface.name} `}</span>
          {t('inspector.mac')}
          {iface.macAuto ? <span className="pw-field__tag">{t('inspector.macAuto')}</span> : null}
        </>
      }
      value={iface.mac}
      testId={`inspector.mac.${iface.name}`}
      syntax={(text) => {
        const r = parseMacText(text);
        return r.ok ? undefined : syntaxMessage(r.error);
      }}
      check={async (text) => refusal(await setMac(client, name, iface.name, text.trim().toLowerCase() as Iface['mac'], true))}
      apply={async (text) => {
        const r = parseMacText(text);
        return r.ok ? applied(await setMac(client, name, iface.name, r.value)) : syntaxMessage(r.error);
      }}
    />
  );

  const nextFree = async () => {
    const r = await assignNextFreeAddress(client, name, iface.name);
    if (r.kind === 'none') toast('info', t(r.reason === 'full' ? 'edit.subnetFull' : 'edit.noSubnet'), { testId: 'next-free' });
    else if (r.kind === 'ok') {
      const why = refusal(r.outcome);
      if (why) toast('error', why);
      else {
        reportSideEffects(r.outcome);
        toast('success', t('edit.nextFree', { iface: `${name}:${iface.name}`, addr: `${r.addr.ip}/${r.addr.len}` }), { testId: 'next-free' });
      }
    }
  };

  return (
    <li className="pw-iface" data-testid={`inspector.iface.${iface.name}`}>
      <div className="pw-iface__head">
        <span className="pw-iface__name">{iface.name}</span>
        <span className={peer ? 'pw-iface__peer' : 'pw-iface__peer pw-muted'}>{peer ? t('inspector.linkedTo', { peer }) : t('inspector.unlinked')}</span>
        {!peer && (
          <button
            type="button"
            className="pw-icon-button"
            aria-label={t('inspector.removeIface', { iface: iface.name })}
            title={t('inspector.removeIface', { iface: iface.name })}
            data-testid={`inspector.remove-iface.${iface.name}`}
            onClick={() => void removeInterface(client, name, iface.name).then((o) => (refusal(o) ? toast('error', refusal(o)!) : reportSideEffects(o)))}
          >
            <TrashIcon />
          </button>
        )}
      </div>
      {node.kind === 'linux' && (
        <Field
          label={
            <>
              <span className="pw-sr-only">{`${iface.name} `}</span>
              {t('inspector.addresses')}
            </>
          }
          value={addrListText(iface.addrs)}
          testId={`inspector.addr.${iface.name}`}
          placeholder="192.0.2.10/24"
          syntax={(text) => {
            const r = parseAddrList(text);
            return r.ok ? undefined : syntaxMessage(r.error);
          }}
          check={async (text) => {
            const r = parseAddrList(text);
            return r.ok ? refusal(await setAddresses(client, name, iface.name, r.value, true)) : undefined;
          }}
          apply={async (text) => {
            const r = parseAddrList(text);
            return r.ok ? applied(await setAddresses(client, name, iface.name, r.value)) : syntaxMessage(r.error);
          }}
          actions={
            <button
              type="button"
              className="pw-button pw-button--small"
              title={t('inspector.nextFreeHint', { iface: iface.name })}
              data-testid={`inspector.next-free.${iface.name}`}
              onClick={() => void nextFree()}
            >
              {t('inspector.nextFree')}
            </button>
          }
        />
      )}
      {mac}
    </li>
  );
}

function ConnectTo({ node }: { node: TopoNode }) {
  const { t } = useTranslation();
  const others = useAppStore(selectNodes).filter((n) => n.name !== node.name);
  const [target, setTarget] = useState('');
  const valid = others.some((n) => n.name === target);
  return (
    <div className="pw-connect-to">
      <label htmlFor="pw-connect-to" className="pw-field__label">
        {t('inspector.connectTo')}
      </label>
      <div className="pw-field__row">
        <select id="pw-connect-to" className="pw-input" value={valid ? target : ''} onChange={(e) => setTarget(e.target.value)} data-testid="inspector.connect-to">
          <option value="">{t('inspector.chooseDevice')}</option>
          {others.map((n) => (
            <option key={n.name} value={n.name}>
              {`${n.name} (${t(`role.${n.role}`)})`}
            </option>
          ))}
        </select>
        <ReasonButton
          type="button"
          className="pw-button pw-button--small"
          reason={valid ? undefined : t('inspector.chooseFirst')}
          data-testid="inspector.connect"
          onClick={() => useAppStore.getState().connect(node.name, target)}
        >
          {t('inspector.connect')}
        </ReasonButton>
      </div>
    </div>
  );
}

export function InterfacesSection({ node }: { node: TopoNode }) {
  const { t } = useTranslation();
  const topology = useAppStore(selectTopology);
  const title = node.kind === 'bridge' ? t('inspector.ports') : t('inspector.interfaces');
  return (
    <section className="pw-section" aria-labelledby="pw-sec-ifaces">
      <h3 id="pw-sec-ifaces" className="pw-section__title">
        {title}
      </h3>
      {node.ifaces.length === 0 ? (
        <p className="pw-section__note">{t('inspector.noInterfaces')}</p>
      ) : (
        <ul className="pw-ifaces" data-testid="inspector.ifaces">
          {node.ifaces.map((i) => {
            const peer = topology && peerOf(topology, node.name, i.name);
            return <IfaceCard key={i.name} node={node} iface={i} peer={peer ? `${peer.node}:${peer.iface}` : undefined} />;
          })}
        </ul>
      )}
      <ConnectTo node={node} />
    </section>
  );
}
