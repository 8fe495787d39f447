// `ip -d link` and `ip -d addr` on the default example (h1 — sw1 — r1 — sw2 — h2). Expected texts
// are what iproute2 6.1 printed (Linux 6.x, 2 CPUs) in network namespaces built as the example:
// same names and MACs, IPv6 disabled, the bridges up for more than their forward delay.

import { describe, expect, test } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseClab } from '../io/clab';
import { runShell } from './shell';
import { bridgeId, bridgeMac } from './ip-details';

const example = EXAMPLES.find((e) => e.name === 'two-subnets-router')!;
const stdout = (node: string, line: string) => {
  const r = runShell(parseClab(example.text, example.file), node, line);
  return r.kind === 'done' ? r.stdout + r.stderr : r.kind;
};

describe('ip -d', () => {
  test('ip -d link: lo and a veth', () => expect(stdout('h1', 'ip -d link')).toBe("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n2: eth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns sw1 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n"));

  test('ip -d addr: the same details without addrgenmode', () => expect(stdout('h1', 'ip -d addr')).toBe("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n2: eth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns sw1 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n    veth numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n    inet 10.0.1.10/24 scope global eth1\n       valid_lft forever preferred_lft forever\n"));

  test("ip -d link show p2 on a bridge: the port's veth and bridge_slave lines", () => {
    const text = stdout('sw1', 'ip -d link show p2').split('\n');
    expect(text[1]!.replace('    link/ether 02:00:00:00:00:04 brd ff:ff:ff:ff:ff:ff', '')).toBe(" promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535 ");
    expect(text.slice(2).join('\n')).toBe("    veth \n    bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8002 port_no 0x2 designated_port 32770 designated_cost 0 designated_bridge 8000.2:0:0:0:0:2 designated_root 8000.2:0:0:0:0:2 hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n");
  });

  test('the bridge id: priority, then the smallest port MAC with bytes in %x', () => {
    expect(bridgeId(bridgeMac(['8a:50:69:6d:4b:0a', 'fe:1b:96:ca:35:ba']))).toBe('8000.8a:50:69:6d:4b:a');
  });
});
