// The example topologies that ship with the app. The worker reads them (as raw text, through the
// same parser as a user's file); the UI refers to them by name only. Add one by dropping a
// containerlab file beside this one and listing it below (and its one-line description in the
// locales, examples.about.NAME). Apart from two-subnets-router and stp-triangle (the spanning tree golden's network with shorter timers), these are the oracle's reference
// topologies, copied unchanged from src/engine/__oracle__: they carry no positions, so the app
// lays them out when it opens them.

import arpFailRouter from './arp-fail-router.clab.yml?raw';
import calicoIpip from './calico-ipip.clab.yml?raw';
import homeNat from './home-nat.clab.yml?raw';
import natDnat from './nat-dnat.clab.yml?raw';
import tcpNat from './tcp-nat.clab.yml?raw';
import stpTriangle from './stp-triangle.clab.yml?raw';
import tcpUdpSamePort from './tcp-udp-same-port.clab.yml?raw';
import icmpRedirect from './icmp-redirect.clab.yml?raw';
import lanTwoHosts from './lan-two-hosts.clab.yml?raw';
import noRoute from './no-route.clab.yml?raw';
import proxyArpCalico from './proxy-arp-calico.clab.yml?raw';
import routeTypes from './route-types.clab.yml?raw';
import routerChain from './router-chain.clab.yml?raw';
import ttlExpired from './ttl-expired.clab.yml?raw';
import twoSubnetsRouter from './two-subnets-router.clab.yml?raw';
import vxlanOverlay from './vxlan-overlay.clab.yml?raw';
import routerOnAStick from './router-on-a-stick.clab.yml?raw';
import l3Switch from './l3-switch.clab.yml?raw';

export interface Example {
  /** what the URL (`?example=NAME`) and `loadExample(NAME)` call it */
  name: string;
  /** file name, used in problem messages */
  file: string;
  /** the file's text */
  text: string;
}

const example = (name: string, text: string): Example => ({ name, file: `${name}.clab.yml`, text });

/** In the order the Examples menu lists them: from one LAN to routing subtleties. */
export const EXAMPLES: readonly Example[] = [
  example('lan-two-hosts', lanTwoHosts),
  example('stp-triangle', stpTriangle),
  example('two-subnets-router', twoSubnetsRouter),
  example('router-on-a-stick', routerOnAStick),
  example('l3-switch', l3Switch),
  example('router-chain', routerChain),
  example('ttl-expired', ttlExpired),
  example('no-route', noRoute),
  example('arp-fail-router', arpFailRouter),
  example('route-types', routeTypes),
  example('icmp-redirect', icmpRedirect),
  example('proxy-arp-calico', proxyArpCalico),
  example('calico-ipip', calicoIpip),
  example('vxlan-overlay', vxlanOverlay),
  example('home-nat', homeNat),
  example('nat-dnat', natDnat),
  example('tcp-udp-same-port', tcpUdpSamePort),
  example('tcp-nat', tcpNat),
];

export function findExample(name: string): Example | undefined {
  return EXAMPLES.find((e) => e.name === name);
}
