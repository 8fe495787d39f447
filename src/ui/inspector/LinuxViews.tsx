// What Linux would print on this device: `ip addr`, `ip route`, `ip route show table local`,
// `ip neigh` and (on a node with NAT rules) `iptables -t nat -S` on a linux node, `bridge fdb` on
// a switch, in iproute2's and iptables' own format (the worker formats the ip views with the
// engine; the nat table is written here from the node's rules, see natRules.ts). The neighbour
// table and the FDB are what the device learned in the last run of the scenario; before a run
// they hold only what Linux starts with.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopoNode } from '../../engine';
import { iptablesNatS, natRulesOf } from '../../engine/pure';
import { selectLearned, useAppStore } from '../../store';
import type { IpViews } from '../../worker/protocol';
import { Dialog } from '../dialog/Dialog';
import { useIpViews, viewsOf } from './useIpViews';
import { ReasonButton } from '../toolbar/ReasonButton';

type ViewKey = 'ipAddr' | 'ipRoute' | 'ipRouteLocal' | 'ipNeigh' | 'iptablesNat' | 'bridgeFdb';

const LINUX_VIEWS: readonly ViewKey[] = ['ipAddr', 'ipRoute', 'ipRouteLocal', 'ipNeigh'];
const NAT_VIEWS: readonly ViewKey[] = [...LINUX_VIEWS, 'iptablesNat'];
const BRIDGE_VIEWS: readonly ViewKey[] = ['bridgeFdb'];

const TEST_ID: Record<ViewKey, string> = {
  ipAddr: 'ip-addr',
  ipRoute: 'ip-route',
  ipRouteLocal: 'ip-route-local',
  ipNeigh: 'ip-neigh',
  iptablesNat: 'iptables-nat',
  bridgeFdb: 'bridge-fdb',
};

const textOf = (v: IpViews, k: ViewKey, node: TopoNode): string =>
  k === 'iptablesNat' ? iptablesNatS(natRulesOf(node)) : { ipAddr: v.addr, ipRoute: v.routeMain, ipRouteLocal: v.routeLocal, ipNeigh: v.neigh, bridgeFdb: v.fdb }[k];

export function LinuxViews({ node }: { node: TopoNode }) {
  const { t } = useTranslation();
  const keys = node.kind === 'bridge' ? BRIDGE_VIEWS : natRulesOf(node).length ? NAT_VIEWS : LINUX_VIEWS;
  const [chosen, setChosen] = useState<ViewKey>(keys[0]!);
  const [wide, setWide] = useState(false);
  const view = keys.includes(chosen) ? chosen : keys[0]!;
  const state = useIpViews(node.name);
  const views = viewsOf(state);
  const learned = useAppStore(selectLearned(node.name));
  const text = views ? textOf(views, view, node) : '';
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = keys.indexOf(view);
    const next = e.key === 'ArrowRight' ? keys[(i + 1) % keys.length] : e.key === 'ArrowLeft' ? keys[(i + keys.length - 1) % keys.length] : undefined;
    if (next) {
      e.preventDefault();
      setChosen(next);
      document.getElementById(`pw-view-tab-${next}`)?.focus();
    }
  };
  return (
    <section className="pw-section" aria-labelledby="pw-sec-views">
      <h3 id="pw-sec-views" className="pw-section__title">
        {t('views.title')}
      </h3>
      <div role="tablist" aria-label={t('views.tabs')} className="pw-tabs" onKeyDown={onKeyDown}>
        {keys.map((k) => (
          <button
            key={k}
            id={`pw-view-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={k === view}
            aria-controls="pw-view-panel"
            tabIndex={k === view ? 0 : -1}
            className="pw-tab"
            data-testid={`views.tab.${TEST_ID[k]}`}
            onClick={() => setChosen(k)}
          >
            {t(`views.${k}`)}
          </button>
        ))}
      </div>
      <div id="pw-view-panel" role="tabpanel" aria-labelledby={`pw-view-tab-${view}`} className="pw-terminal" aria-busy={state.status === 'loading'}>
        <div className="pw-terminal__cmd">
          <span>
            <span className="pw-terminal__prompt">{`root@${node.name}:~#`}</span> {t(`views.${view}`)}
          </span>
          <ReasonButton type="button" className="pw-terminal__wide" onClick={() => setWide(true)} reason={views ? undefined : t('views.loading')} data-testid="views.wide" title={t('views.wide')} aria-label={t('views.wide')}>
            <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
              <path d="M9.5 2.5h4v4M13.5 2.5 9 7M6.5 13.5h-4v-4M2.5 13.5 7 9" />
            </svg>
          </ReasonButton>
        </div>
        {state.status === 'failed' ? (
          <pre className="pw-terminal__err">{state.message}</pre>
        ) : !views ? (
          <p className="pw-terminal__note">
            <span className="pw-spinner" aria-hidden="true" /> {t('views.loading')}
          </p>
        ) : (
          <pre className="pw-terminal__out" data-testid="views.output" tabIndex={0}>
            {text}
          </pre>
        )}
        {views && view === 'ipNeigh' && !text && <p className="pw-terminal__note">{t('views.neighEmpty')}</p>}
      </div>
      {(view === 'ipNeigh' || view === 'bridgeFdb') && <p className="pw-section__note">{learned ? t('views.learned') : t('views.notLearned')}</p>}
      <Dialog open={wide} onClose={() => setWide(false)} title={`root@${node.name}:~# ${t(`views.${view}`)}`} testId="views.dialog" wide>
        <pre className="pw-terminal pw-terminal__out pw-terminal--wide">{text || t('views.empty')}</pre>
      </Dialog>
    </section>
  );
}
