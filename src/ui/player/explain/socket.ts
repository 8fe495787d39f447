// A packet delivered to a socket, or a socket's error.

import type { Explainers } from './context';

export const socketExplainers: Explainers = {
  'socket.deliver': (e, { t }) => {
    // TCP and UDP each look the port up among their own sockets: say so where it shows.
    const proto = /^(tcp|udp) /.exec(e.socket)?.[1];
    return [proto ? t('player.x.deliverPort', { socket: e.socket, proto: proto.toUpperCase() }) : t('player.x.deliver', { socket: e.socket })];
  },
  'socket.error': (e, { t }) => [t('player.x.socketError', { socket: e.socket, error: e.error })],
};
