// The inspector: the configuration of the selected device (name; interfaces with MAC and
// addresses; routing; NAT; its Linux views), of the selected link, or what can be done with
// several selected items. Everything is reachable with the keyboard in reading order.

import { useTranslation } from 'react-i18next';
import type { TopoNode } from '../../engine';
import { edits, selectInspected, selectLink, selectNode, selectNodes, useAppStore } from '../../store';
import { DeviceIcon } from '../canvas/DeviceIcon';
import { copySelection, duplicateSelection } from '../commands/clipboard';
import { simClient } from '../../worker/client';
import { toast } from '../toast/toastStore';
import { Field } from './Field';
import { InterfacesSection, TrashIcon } from './InterfacesSection';
import { LinuxViews } from './LinuxViews';
import { NatSection } from './NatSection';
import { RoutesSection } from './RoutesSection';
import { syntaxMessage } from './outcome';
import { parseNodeName } from './syntax';
import './inspector.css';

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
        // The inspector is rebuilt for the renamed device: give the keyboard back its place.
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="inspector.name"]')?.focus());
        return undefined;
      }}
    />
  );
}

function DeviceInspector({ name }: { name: string }) {
  const { t } = useTranslation();
  const node = useAppStore(selectNode(name));
  const deleteSelection = useAppStore((s) => s.deleteSelection);
  if (!node) return null;
  const wan = edits.wanOf(node);
  return (
    <div className={`pw-inspector__device pw-node--${node.role}`} data-testid={`inspector.device.${node.name}`}>
      <header className="pw-inspector__head">
        <DeviceIcon role={node.role} size={36} />
        <div className="pw-inspector__title">
          <h2>{node.name}</h2>
          <span className="pw-muted">{t(`role.${node.role}`)}</span>
        </div>
        <button type="button" className="pw-icon-button" aria-label={t('inspector.delete')} title={t('inspector.delete')} onClick={deleteSelection} data-testid="inspector.delete">
          <TrashIcon />
        </button>
      </header>
      {node.role === 'nat' && (
        <p className="pw-note" data-testid="inspector.nat-note">
          {wan ? t('inspector.natNote', { wan }) : t('inspector.natNoteNoWan')}
        </p>
      )}
      <section className="pw-section" aria-label={t('inspector.name')}>
        <NameField key={node.name} node={node} />
      </section>
      <InterfacesSection node={node} />
      {node.kind === 'linux' && <RoutesSection node={node} />}
      {node.kind === 'linux' && <NatSection node={node} />}
      <LinuxViews node={node} />
    </div>
  );
}

function LinkInspector({ id }: { id: string }) {
  const { t } = useTranslation();
  const link = useAppStore(selectLink(id));
  const deleteSelection = useAppStore((s) => s.deleteSelection);
  if (!link) return null;
  return (
    <div className="pw-inspector__device" data-testid="inspector.link">
      <header className="pw-inspector__head">
        <div className="pw-inspector__title">
          <h2>{t('inspector.linkTitle')}</h2>
          <span className="pw-mono">{`${link.a.node}:${link.a.iface} — ${link.b.node}:${link.b.iface}`}</span>
        </div>
      </header>
      <p className="pw-section__note">{t('inspector.linkNote')}</p>
      <button type="button" className="pw-button pw-button--small" onClick={deleteSelection} data-testid="inspector.delete-link">
        <TrashIcon /> {t('inspector.deleteLink')}
      </button>
    </div>
  );
}

function SelectionInspector({ count, devices }: { count: number; devices: number }) {
  const { t } = useTranslation();
  const deleteSelection = useAppStore((s) => s.deleteSelection);
  return (
    <div className="pw-inspector__device" data-testid="inspector.selection">
      <h2 className="pw-inspector__plain">{t('inspector.selection', { count })}</h2>
      <div className="pw-button-row">
        <button type="button" className="pw-button pw-button--small" onClick={deleteSelection} data-testid="inspector.delete-selection">
          <TrashIcon /> {t('inspector.deleteSelection')}
        </button>
        {devices > 0 && (
          <>
            <button
              type="button"
              className="pw-button pw-button--small"
              onClick={() => {
                const n = copySelection();
                if (n) toast('success', t('edit.copied', { count: n }));
              }}
              data-testid="inspector.copy"
            >
              {t('inspector.copy')}
            </button>
            <button type="button" className="pw-button pw-button--small" onClick={() => void duplicateSelection(simClient())} data-testid="inspector.duplicate">
              {t('inspector.duplicate')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

export function Inspector() {
  const { t } = useTranslation();
  const inspected = useAppStore(selectInspected);
  const nodes = useAppStore((s) => s.selectedNodes.length);
  const links = useAppStore((s) => s.selectedLinks);
  const ready = useAppStore((s) => s.doc.status === 'ready');
  let body;
  if (inspected) body = <DeviceInspector key={inspected} name={inspected} />;
  else if (nodes === 0 && links.length === 1) body = <LinkInspector id={links[0]!} />;
  else if (nodes + links.length > 1) body = <SelectionInspector count={nodes + links.length} devices={nodes} />;
  else
    body = (
      <div className="pw-inspector__empty">
        <p>{t('inspector.empty')}</p>
        <p className="pw-muted">{t('inspector.emptyTips')}</p>
      </div>
    );
  return (
    <aside className="pw-inspector" aria-label={t('inspector.label')} data-testid="inspector">
      {ready ? body : null}
    </aside>
  );
}
