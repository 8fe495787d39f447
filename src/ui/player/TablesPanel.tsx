// A device's tables as they were at the current step: neighbour cache, fdb (with its VLANs, and
// `bridge vlan`, on a VLAN-aware bridge or L3 switch), conntrack (nodes with
// NAT rules), sockets (nodes that have one during the walk), route tables main and local, with the entries the step consulted highlighted and
// those it created or changed marked. The device is the one selected on the canvas, else the
// device of the step; the menu picks another (it selects it on the canvas).

import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { selectInspected, selectNodes, useAppStore, type DoneRun } from '../../store';
import { ctTupleText } from './explain';
import { stepOf } from './selectors';
import { fdbKey, tablesAtStep, type Mark, type Row, type TablesAtStep } from './tables';
import type { TopoNode } from '../../engine';
import { bridgesOf, deviceVlans } from '../../engine/pure';
import { startWalk } from '../commands/runScenario';
import { simClient } from '../../worker/client';

function MarkBadge({ mark }: { mark?: Mark }) {
  const { t } = useTranslation();
  if (!mark) return null;
  return <span className={`pw-mark pw-mark--${mark}`}>{t(mark === 'new' ? 'player.tables.new' : 'player.tables.changed')}</span>;
}

function rowClass(r: Row<unknown>): string {
  return `${r.consulted ? 'is-consulted' : ''}${r.mark ? ` is-${r.mark}` : ''}`.trim();
}

function Table({ title, testId, head, rows }: { title: string; testId: string; head: string[]; rows: { key: string; cls: string; cells: ReactNode[]; testId?: string }[] }) {
  const { t } = useTranslation();
  return (
    <section className="pw-ttable" data-testid={testId}>
      <h4>{title}</h4>
      {rows.length === 0 ? (
        <p className="pw-muted pw-ttable__empty" data-testid={`${testId}.empty`}>
          {t('player.tables.emptyTable')}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.cls} data-testid={r.testId} title={r.cls.includes('is-consulted') ? t('player.tables.consulted') : undefined}>
                {r.cells.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * "Cut here": the walk again, with `ip link set PORT down` on the bridge just after the step shown
 * (SimulateOptions.cuts), shown from that step on.
 */
function cutHere(node: string, port: string): void {
  const run = useAppStore.getState().lastRun;
  if (run.status !== 'done') return;
  const atUs = (run.cursor >= 0 ? (run.steps[run.cursor]?.t ?? 0) : 0) + 1;
  const source = { ...run.source, cuts: [...(run.source.cuts ?? []), { atUs, node, iface: port }] };
  void startWalk(simClient(), source).then(() => {
    const next = useAppStore.getState().lastRun;
    if (next.status !== 'done' || next.source !== source) return;
    let i = 0;
    while (i + 1 < next.steps.length && next.steps[i + 1]!.t <= atUs) i++;
    useAppStore.getState().setCursor(i);
  });
}

/** A bridge's spanning tree at the step: its id, the root, its cost to it, each port's role, state and cost. */
function StpTable({ node, stp, costs }: { node: string; stp: NonNullable<TablesAtStep['stp']>; costs: Record<string, number> }) {
  const { t } = useTranslation();
  const v = stp.view;
  const isRoot = v.rootPort === null;
  return (
    <>
      <section className="pw-ttable" data-testid="tables.stp">
        <h4>{t('player.tables.stp')}</h4>
        <dl className="pw-stp">
          <dt>{t('player.tables.stpBridge')}</dt>
          <dd data-testid="tables.stp.bridge">{v.bridge}</dd>
          <dt>{t('player.tables.stpRoot')}</dt>
          <dd data-testid="tables.stp.root">{isRoot ? t('player.tables.stpIsRoot', { id: v.root }) : v.root}</dd>
          <dt>{t('player.tables.stpCost')}</dt>
          <dd data-testid="tables.stp.cost">{isRoot ? '0' : t('player.tables.stpCostVia', { cost: v.cost, port: v.rootPort })}</dd>
        </dl>
      </section>
      <Table
        title={t('player.tables.stpPorts')}
        testId="tables.stp.ports"
        head={[t('player.tables.port'), t('player.tables.stpRole'), t('player.tables.state'), t('player.tables.stpPathCost'), '']}
        rows={Object.entries(v.ports)
          .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
          .map(([port, p]) => ({
            key: port,
            cls: stp.changed.has(port) ? 'is-changed' : '',
            testId: `tables.stp.port.${port}`,
            cells: [
              port,
              t(`player.tables.stpRoles.${p.role}`),
              <>
                <span className={`pw-stp-state pw-stp-state--${p.state}`}>{p.state}</span>
                <MarkBadge {...(stp.changed.has(port) ? { mark: 'changed' as const } : {})} />
              </>,
              String(costs[port] ?? 2),
              p.state === 'disabled' ? (
                ''
              ) : (
                <button type="button" className="pw-button pw-button--small" title={t('player.tables.stpCutHint', { port })} onClick={() => cutHere(node, port)} data-testid={`tables.stp.cut.${port}`}>
                  {t('player.tables.stpCut')}
                </button>
              ),
            ],
          }))}
      />
    </>
  );
}

/** The bridge's fdb at the step; on a VLAN-aware bridge each entry's VLAN (`bridge fdb show` … vlan N). */
function FdbTable({ rows, vlans }: { rows: TablesAtStep['fdb']; vlans: boolean }) {
  const { t } = useTranslation();
  return (
    <Table
      title={t('player.tables.fdb')}
      testId="tables.fdb"
      head={[t('player.tables.mac'), ...(vlans ? [t('player.tables.vlan')] : []), t('player.tables.port')]}
      rows={rows.map((r) => ({
        key: fdbKey(r.entry),
        cls: rowClass(r),
        testId: `tables.fdb.${r.entry.vlan !== undefined ? `${r.entry.vlan}.` : ''}${r.entry.mac}`,
        cells: [
          r.entry.mac,
          ...(vlans ? [r.entry.vlan !== undefined ? String(r.entry.vlan) : ''] : []),
          <>
            {r.entry.port}
            <MarkBadge {...(r.mark ? { mark: r.mark } : {})} />
          </>,
        ],
      }))}
    />
  );
}

/** `bridge vlan show` of the device's VLAN-aware bridge: each port's VLANs, the pvid and the untagged ones (a walk does not change them). */
function BridgeVlanTable({ node }: { node: TopoNode }) {
  const { t } = useTranslation();
  const br = bridgesOf(node)[0];
  if (!br) return null;
  return (
    <Table
      title={t('player.tables.bridgeVlan')}
      testId="tables.bridge-vlan"
      head={[t('player.tables.port'), t('player.tables.vlan'), t('player.tables.flags')]}
      rows={[br.name, ...br.ports].flatMap((dev) =>
        deviceVlans(br.config, dev).map((v) => ({
          key: `${dev}|${v.vid}`,
          cls: '',
          testId: `tables.bridge-vlan.${dev}.${v.vid}`,
          cells: [dev, String(v.vid), [v.pvid ? 'PVID' : '', v.untagged ? 'Egress Untagged' : ''].filter(Boolean).join(' ')],
        })),
      )}
    />
  );
}

export function TablesPanel({ walk }: { walk: DoneRun }) {
  const { t } = useTranslation();
  const step = stepOf(walk);
  const inspected = useAppStore(selectInspected);
  const nodes = useAppStore(selectNodes);
  const select = useAppStore((s) => s.select);
  const node = inspected ?? step?.node;
  const tracking = useMemo(() => new Set(nodes.filter((n) => n.kind === 'linux' && n.nat?.length).map((n) => n.name)), [nodes]);
  const device = nodes.find((n) => n.name === node);
  const kind = device?.kind;
  const vlanAware = device ? (bridgesOf(device)[0]?.config.vlanFiltering ?? false) : false;
  const portCosts = useMemo(() => Object.fromEntries((device?.ifaces ?? []).map((i) => [i.name, i.stp?.cost ?? 2])), [device]);
  const tables = useMemo(
    () => (node ? tablesAtStep({ events: walk.result.events, history: walk.history, routes: walk.routes, tracking }, node, step) : undefined),
    [walk, node, step, tracking],
  );
  return (
    <div className="pw-tables" data-testid="tables.panel">
      <div className="pw-tables__bar">
        <label>
          {t('player.tables.device')}{' '}
          <select value={inspected ?? ''} onChange={(e) => select(e.target.value ? [e.target.value] : [])} data-testid="tables.device">
            <option value="">{`${t('player.tables.followStep')}${step?.node ? ` (${step.node})` : ''}`}</option>
            {nodes.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <span className="pw-muted" data-testid="tables.when">
          {step ? t('player.tables.atStep', { step: step.index + 1 }) : t('player.tables.atStart')}
        </span>
      </div>
      {!tables ? (
        <p className="pw-muted">{t('player.tables.noDevice')}</p>
      ) : kind === 'bridge' ? (
        <>
          {tables.stp && node && <StpTable node={node} stp={tables.stp} costs={portCosts} />}
          <FdbTable rows={tables.fdb} vlans={vlanAware} />
          {device && vlanAware && <BridgeVlanTable node={device} />}
        </>
      ) : (
        <>
          {device && vlanAware && (
            <>
              <FdbTable rows={tables.fdb} vlans />
              <BridgeVlanTable node={device} />
            </>
          )}
          <Table
            title={t('player.tables.neigh')}
            testId="tables.neigh"
            head={[t('player.tables.ip'), t('player.tables.dev'), t('player.tables.mac'), t('player.tables.state')]}
            rows={tables.neigh.map((r) => ({
              key: `${r.entry.dev}|${r.entry.ip}`,
              cls: rowClass(r),
              testId: `tables.neigh.${r.entry.ip}`,
              cells: [
                r.entry.ip,
                r.entry.dev,
                r.entry.mac ?? '',
                <>
                  {r.entry.state}
                  <MarkBadge {...(r.mark ? { mark: r.mark } : {})} />
                </>,
              ],
            }))}
          />
          {tables.conntrack && (
            <Table
              title={t('player.tables.conntrack')}
              testId="tables.conntrack"
              head={[t('player.tables.proto'), `${t('player.tables.original')} / ${t('player.tables.reply')}`, t('player.tables.flags')]}
              rows={tables.conntrack.map((r, i) => ({
                key: String(i),
                cls: rowClass(r),
                testId: `tables.conntrack.${i}`,
                cells: [
                  `${r.entry.proto}${r.entry.state ? ` ${r.entry.state}` : ''}`,
                  <>
                    <div>{ctTupleText(r.entry.proto, r.entry.orig).replace(/^\w+ /, '')}</div>
                    <div className="pw-muted">{ctTupleText(r.entry.proto, r.entry.reply).replace(/^\w+ /, '')}</div>
                  </>,
                  <>
                    {[r.entry.unreplied ? '[UNREPLIED]' : '', r.entry.snat ? 'SNAT' : '', r.entry.dnat ? 'DNAT' : ''].filter(Boolean).join(' ')}
                    <MarkBadge {...(r.mark ? { mark: r.mark } : {})} />
                  </>,
                ],
              }))}
            />
          )}
          {tables.sockets && (
            <Table
              title={t('player.tables.sockets')}
              testId="tables.sockets"
              head={[t('player.tables.proto'), t('player.tables.state'), t('player.tables.local'), t('player.tables.peer')]}
              rows={tables.sockets.map((r) => ({
                key: r.entry.socket,
                cls: rowClass(r),
                testId: `tables.sockets.${r.entry.proto}.${r.entry.local}`,
                cells: [
                  r.entry.proto,
                  r.entry.state,
                  r.entry.local,
                  <>
                    {r.entry.peer}
                    <MarkBadge {...(r.mark ? { mark: r.mark } : {})} />
                  </>,
                ],
              }))}
            />
          )}
          {(['main', 'local'] as const).map((table) => (
            <Table
              key={table}
              title={t(table === 'main' ? 'player.tables.routesMain' : 'player.tables.routesLocal')}
              testId={`tables.routes-${table}`}
              head={['']}
              rows={tables.routes
                .filter((r) => r.entry.table === table)
                .map((r, i) => ({ key: `${i}|${r.text}`, cls: rowClass(r), cells: [<code key="c">{r.text}</code>] }))}
            />
          ))}
          {tables.redirects.length > 0 && (
            <Table
              title={t('player.tables.redirects')}
              testId="tables.redirects"
              head={[t('player.tables.ip'), t('player.tables.gateway')]}
              rows={tables.redirects.map((r) => ({ key: r.dst, cls: '', cells: [r.dst, r.gateway] }))}
            />
          )}
        </>
      )}
    </div>
  );
}
