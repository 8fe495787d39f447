// The configuration of one device in the inspector: its name, interfaces (MAC, addresses),
// routes, NAT rules, tunnels, VLANs (VlanSection) and what Linux prints on it; on a NAT gateway, the routes back it misses.
// Loaded the first time a device is selected.

import { useTranslation } from 'react-i18next';
import type { TopoNode } from '../../engine';
import { wanOf } from '../../engine/pure';
import { selectNode, selectNodes, useAppStore } from '../../store';
import { DeviceIcon } from '../canvas/DeviceIcon';
import { Field } from './Field';
import { InterfacesSection } from './InterfacesSection';
import { LinuxViews } from './LinuxViews';
import { NatSection } from './NatSection';
import { ReturnRoutes } from './ReturnRoutes';
import { RoutesSection } from './RoutesSection';
import { TunnelsSection } from './TunnelsSection';
import { VlanSection } from './VlanSection';
import { syntaxMessage } from './outcome';
import { parseNodeName } from './syntax';
import { TrashIcon } from './TrashIcon';
import { useTerminals } from '../terminal/terminalStore';

function NameField({ node }: { node: TopoNode }) {
  const { t } = useTranslation();
  const names = useAppStore(selectNodes);
  const taken = new Set(names.filter((n) => n.name !== node.name).map((n) => n.name));
  const check = (text: string) => {
    const r = parseNodeName(text, taken);
    return r.ok ? undefined : syntaxMessage(r.error);
  };
  return (
    <Field
      label={t('inspector.name')}
      value={node.name}
      testId="inspector.name"
      syntax={check}
      apply={async (text) => {
        const r = parseNodeName(text, taken);
        if (!r.ok) return syntaxMessage(r.error);
        useAppStore.getState().renameNode(node.name, r.value);
        useTerminals.getState().renamed(node.name, r.value);
        // The inspector is rebuilt for the renamed device: give the keyboard back its place.
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="inspector.name"]')?.focus());
        return undefined;
      }}
    />
  );
}

export function DeviceInspector({ name }: { name: string }) {
  const { t } = useTranslation();
  const node = useAppStore(selectNode(name));
  const deleteSelection = useAppStore((s) => s.deleteSelection);
  if (!node) return null;
  const wan = wanOf(node);
  return (
    <div className={`pw-inspector__device pw-node--${node.role}`} data-testid={`inspector.device.${node.name}`}>
      <header className="pw-inspector__head">
        <DeviceIcon role={node.role} size={36} />
        <div className="pw-inspector__title">
          <h2>{node.name}</h2>
          <span className="pw-muted">{t(`role.${node.role}`)}</span>
        </div>
        <button type="button" className="pw-button pw-inspector__terminal" title={t('terminal.open')} onClick={() => useTerminals.getState().openTerminal(node.name)} data-testid="inspector.terminal">
          {t('terminal.button')}
        </button>
        <button type="button" className="pw-icon-button" aria-label={t('inspector.delete')} title={t('inspector.delete')} onClick={deleteSelection} data-testid="inspector.delete">
          <TrashIcon />
        </button>
      </header>
      {node.role === 'nat' && (
        <p className="pw-note" data-testid="inspector.nat-note">
          {wan ? t('inspector.natNote', { wan }) : t('inspector.natNoteNoWan')}
        </p>
      )}
      {node.kind === 'linux' && <ReturnRoutes node={node} />}
      <section className="pw-section" aria-label={t('inspector.name')}>
        <NameField key={node.name} node={node} />
      </section>
      <InterfacesSection node={node} />
      {node.kind === 'linux' && <RoutesSection node={node} />}
      {node.kind === 'linux' && <NatSection node={node} />}
      {node.kind === 'linux' && <TunnelsSection node={node} />}
      <VlanSection node={node} />
      <LinuxViews node={node} />
    </div>
  );
}
