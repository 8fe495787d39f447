// The inspector: the configuration of the selected device (name; interfaces with MAC and
// addresses; routing; NAT; its Linux views), of the selected link, or what can be done with
// several selected items. Everything is reachable with the keyboard in reading order. The
// device's configuration (DeviceInspector.tsx) is loaded the first time a device is selected.

import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { selectInspected, selectLink, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { addEnglish } from '../../i18n';
import { TrashIcon } from './TrashIcon';
import './inspector.css';

const DeviceInspector = lazy(() => Promise.all([import('./DeviceInspector'), addEnglish('vlan'), addEnglish('inspector'), addEnglish('nat'), addEnglish('views'), addEnglish('syntax')]).then(([m]) => ({ default: m.DeviceInspector })));

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
              // Copy and paste come with their first use.
              onClick={() => void import('../commands/clipboard').then((c) => c.copyAndSay())}
              data-testid="inspector.copy"
            >
              {t('inspector.copy')}
            </button>
            <button type="button" className="pw-button pw-button--small" onClick={() => void import('../commands/clipboard').then((c) => c.duplicateSelection(simClient()))} data-testid="inspector.duplicate">
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
  if (inspected)
    body = (
      <Suspense fallback={null}>
        <DeviceInspector key={inspected} name={inspected} />
      </Suspense>
    );
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
