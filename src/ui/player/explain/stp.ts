// A bridge's spanning tree: what it made of a BPDU, its ports' states and roles, the root it sees,
// a topology change shortening its fdb's ageing, and a link brought down or up.

import type { Explainers } from './context';

export const stpExplainers: Explainers = {
  'stp.bpdu': (e, { t }) => [t(`player.x.stpBpdu.${e.verdict}`, { node: e.node, port: e.port })],
  'stp.port': (e, { t }) => {
    const role = t(`player.tables.stpRoles.${e.role}`);
    return [e.prev === e.state ? t('player.x.stpRole', { node: e.node, port: e.port, role, state: e.state }) : t('player.x.stpPort', { node: e.node, port: e.port, prev: e.prev, state: e.state, role })];
  },
  'stp.root': (e, { t }) => [e.rootPort === null ? t('player.x.stpRootSelf', { node: e.node, root: e.root }) : t('player.x.stpRoot', { node: e.node, root: e.root, cost: e.cost, port: e.rootPort })],
  'stp.topology-change': (e, { t }) => [t(e.on ? 'player.x.stpTcOn' : 'player.x.stpTcOff', { node: e.node, seconds: e.ageingS })],
  'link.state': (e, { t }) => [t(e.up ? 'player.x.linkUp' : 'player.x.linkDown', { node: e.node, iface: e.iface })],
};
