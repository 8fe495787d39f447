// Routing on a linux node: the ip_forward switch; the main table as rows (the kernel's connected
// routes, read-only, and the static routes, which can be deleted) with a form to add one and the
// "default gateway" helper; and the static routes as `ip route add` lines, edited as text and
// applied only when the kernel would accept every line.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinuxNode } from '../../engine';
import { routeText } from '../../engine/pure';
import { selectTopology, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { addRoute, applyRouteLines, checkRouteLines, deleteRoute, setDefaultGateway } from '../commands/routes';
import { toast } from '../toast/toastStore';
import { TrashIcon } from './TrashIcon';
import { LinesEditor } from './LinesEditor';
import { refusal } from './outcome';
import { matchSpecs, parseRouteShow } from './routeRows';
import { useIpViews, viewsOf } from './useIpViews';
import { ReasonButton } from '../toolbar/ReasonButton';

const CHECK_DELAY_MS = 250;

function ForwardSwitch({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const setIpForward = useAppStore((s) => s.setIpForward);
  return (
    <div className="pw-switch-row">
      <label className="pw-switch">
        <input
          type="checkbox"
          role="switch"
          checked={node.ipForward}
          onChange={(e) => setIpForward(node.name, e.target.checked)}
          data-testid="inspector.ip-forward"
          aria-describedby="pw-fwd-note"
        />
        <span className="pw-switch__track" aria-hidden="true" />
        <span>{t('inspector.ipForward')}</span>
      </label>
      <p id="pw-fwd-note" className="pw-section__note">
        {node.ipForward ? t('inspector.ipForwardOn') : t('inspector.ipForwardOff')}
      </p>
    </div>
  );
}

function RouteTable({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const views = viewsOf(useIpViews(node.name));
  const rows = views ? matchSpecs(parseRouteShow(views.routeMain), node.routes) : [];
  const remove = async (index: number) => {
    const o = await deleteRoute(simClient(), node.name, index);
    const why = refusal(o);
    if (why) toast('error', why);
  };
  return (
    <div className="pw-table-wrap">
      <table className="pw-routes" data-testid="inspector.routes" aria-label={t('inspector.routeRows')}>
        <thead>
          <tr>
            <th scope="col">{t('inspector.destination')}</th>
            <th scope="col">{t('inspector.via')}</th>
            <th scope="col">{t('inspector.dev')}</th>
            <th scope="col">{t('inspector.metric')}</th>
            <th scope="col">{t('inspector.type')}</th>
            <th scope="col">
              <span className="pw-sr-only">{t('inspector.deleteRoute', { route: '' })}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="pw-muted">
                {views ? t('inspector.noRoutes') : t('views.loading')}
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={`${r.line}-${i}`} className={r.kernel ? 'is-kernel' : undefined} title={r.kernel ? t('inspector.kernelRoute') : r.line} data-testid={`inspector.route.${i}`}>
                <td>
                  {r.dst}
                  {r.kernel ? <span className="pw-routes__proto">proto kernel</span> : null}
                </td>
                <td>{r.via ?? ''}</td>
                <td>{r.dev ?? ''}</td>
                <td>{r.metric}</td>
                <td>{r.type}</td>
                <td>
                  {r.spec !== undefined && (
                    <button
                      type="button"
                      className="pw-icon-button"
                      aria-label={t('inspector.deleteRoute', { route: r.line })}
                      title={t('inspector.deleteRoute', { route: r.line })}
                      data-testid={`inspector.route-delete.${r.spec}`}
                      onClick={() => void remove(r.spec!)}
                    >
                      <TrashIcon />
                    </button>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

const TYPES = ['unicast', 'blackhole', 'unreachable', 'prohibit'] as const;

function AddRouteForm({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const [dst, setDst] = useState('');
  const [via, setVia] = useState('');
  const [dev, setDev] = useState('');
  const [metric, setMetric] = useState('');
  const [type, setType] = useState<(typeof TYPES)[number]>('unicast');
  const [error, setError] = useState<string>();
  const line = [type !== 'unicast' ? type : '', dst.trim(), via.trim() ? `via ${via.trim()}` : '', dev ? `dev ${dev}` : '', metric.trim() ? `metric ${metric.trim()}` : '']
    .filter(Boolean)
    .join(' ');
  const topology = useAppStore(selectTopology);
  useEffect(() => {
    if (!dst.trim()) return;
    let current = true;
    const id = setTimeout(() => {
      void addRoute(simClient(), node.name, line, true).then((o) => current && setError(refusal(o)));
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(id);
    };
  }, [line, dst, node.name, topology]);
  const shownError = dst.trim() ? error : undefined;

  const submit = async () => {
    if (!dst.trim()) return;
    const o = await addRoute(simClient(), node.name, line);
    const why = refusal(o);
    setError(why);
    if (!why) {
      setDst('');
      setVia('');
      setMetric('');
      setDev('');
      setType('unicast');
    }
  };

  return (
    <form
      className={`pw-add-route${shownError ? ' is-invalid' : ''}`}
      aria-label={t('inspector.addRoute')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="pw-add-route__grid">
        <label>
          <span className="pw-field__label">{t('inspector.destination')}</span>
          <input className="pw-input" value={dst} placeholder="default" onChange={(e) => setDst(e.target.value)} data-testid="inspector.route-new.dst" aria-describedby={shownError ? 'pw-add-route-error' : undefined} aria-invalid={shownError ? true : undefined} />
        </label>
        <label>
          <span className="pw-field__label">{t('inspector.via')}</span>
          <input className="pw-input" value={via} placeholder="192.0.2.1" onChange={(e) => setVia(e.target.value)} data-testid="inspector.route-new.via" />
        </label>
        <label>
          <span className="pw-field__label">{t('inspector.dev')}</span>
          <select className="pw-input" value={dev} onChange={(e) => setDev(e.target.value)} data-testid="inspector.route-new.dev">
            <option value="">{t('inspector.auto')}</option>
            {node.ifaces.map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="pw-field__label">{t('inspector.metric')}</span>
          <input className="pw-input" value={metric} inputMode="numeric" placeholder="0" onChange={(e) => setMetric(e.target.value)} data-testid="inspector.route-new.metric" />
        </label>
        <label>
          <span className="pw-field__label">{t('inspector.type')}</span>
          <select className="pw-input" value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])} data-testid="inspector.route-new.type">
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <ReasonButton type="submit" className="pw-button pw-button--small" reason={!dst.trim() ? t('inspector.typeDestination') : shownError} data-testid="inspector.route-add">
          {t('inspector.addRoute')}
        </ReasonButton>
      </div>
      {shownError ? (
        <p id="pw-add-route-error" className="pw-field__error" role="alert" data-testid="inspector.route-new.error">
          {shownError}
        </p>
      ) : dst.trim() ? (
        <p className="pw-field__hint pw-mono">{`ip route add ${line}`}</p>
      ) : null}
    </form>
  );
}

function RoutesText({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  return (
    <LinesEditor
      id="pw-routes-text"
      testId="inspector.routes-text"
      label={t('inspector.routesText')}
      hint={t('inspector.routesTextHint')}
      placeholder="default via 192.0.2.1"
      current={node.routes.map(routeText).join('\n')}
      rows={(text) => Math.min(10, Math.max(3, text.split('\n').length + 1))}
      check={(topology, text) => checkRouteLines(simClient(), topology, node.name, text)}
      apply={(text) => applyRouteLines(simClient(), node.name, text)}
    />
  );
}

export function RoutesSection({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const gateway = async () => {
    const r = await setDefaultGateway(simClient(), node.name);
    if (r.kind === 'none') toast('info', t(r.reason === 'no-address' ? 'edit.noAddressForGateway' : 'edit.noRouter', { name: node.name }), { testId: 'gateway' });
    else if (r.kind === 'ok') {
      const why = refusal(r.outcome);
      if (why) toast('error', why);
      else toast('success', t('edit.gatewaySet', { via: r.via, router: r.router }), { testId: 'gateway' });
    }
  };
  return (
    <section className="pw-section" aria-labelledby="pw-sec-routing">
      <h3 id="pw-sec-routing" className="pw-section__title">
        {t('inspector.routing')}
      </h3>
      <ForwardSwitch node={node} />
      <h4 className="pw-section__subtitle">{t('inspector.routes')}</h4>
      <RouteTable node={node} />
      <button type="button" className="pw-button pw-button--small pw-gateway" onClick={() => void gateway()} data-testid="inspector.default-gateway">
        {t('inspector.defaultGateway')}
      </button>
      <AddRouteForm node={node} />
      <RoutesText key={node.name} node={node} />
    </section>
  );
}
