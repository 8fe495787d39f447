// The lessons' narratives in English: an introduction and one paragraph per key step (ids from
// lessons.ts). `code` is written between backticks. Every address, MAC, TTL, route and output
// quoted here is checked against the walk by lessons.test.ts: change the text and the test tells
// whether it is still true. Titles and menu texts are in i18n/locales/lessons.en.ts.

export const textEn = {
  'same-subnet': {
    intro:
      'h1 (10.0.1.10/24) pings two hosts: first h2 (10.0.1.20), on its own subnet, then h3 (10.0.2.10), behind the router r1. Watch whom h1 asks for a MAC address each time: that is how a host decides between “deliver it myself” and “hand it to the gateway”.',
    andOwn:
      'Same subnet or not? h1 ANDs the destination with its mask: 10.0.1.20 AND 255.255.255.0 = 10.0.1.0, its own network. The route that matches is the one the kernel made from h1’s address, `10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10`: no gateway, the destination is on the wire. So h1 asks for 10.0.1.20 itself, with an ARP request to ff:ff:ff:ff:ff:ff (everyone on the LAN).',
    h2Answers: 'h2 owns 10.0.1.20, so it answers h1 alone: “10.0.1.20 is at 02:00:00:00:00:03”. It also keeps h1’s MAC from the request, since the question was for it.',
    r1Ignores: 'Every device on sw1 receives the broadcast, r1 first: a Linux bridge floods out of its most recently added port first (p3, then p2). r1 was not asked about one of its own addresses, so it drops the request and learns nothing.',
    direct: 'Now h1 knows h2’s MAC and sends the echo request straight to it: destination MAC 02:00:00:00:00:03, destination IP 10.0.1.20. No router takes part.',
    andOther:
      'Second ping: 10.0.2.10 AND 255.255.255.0 = 10.0.2.0, not h1’s network 10.0.1.0/24. The only route that matches is `default via 10.0.1.1 dev eth1`, so the next hop is the gateway: h1 ARPs for 10.0.1.1, never for 10.0.2.10. A host only asks for MAC addresses on its own subnet.',
    viaGateway:
      'The echo request leaves h1 with destination IP 10.0.2.10 but destination MAC 02:00:00:00:00:05, which is r1’s. The IP header names the end of the trip; the Ethernet header only the next hop.',
    done: 'h3’s reply came back through r1: ping prints ttl=63, one less than the 64 h3 sent it with, because one router forwarded it.',
  },
  'switch-learns': {
    intro:
      'One switch, sw1, and three hosts on 10.0.0.0/24. h1 pings h2. Watch the switch’s forwarding table (fdb) in the Tables panel: it starts empty and fills with what the switch sees.',
    flood:
      'A frame arrives on p1. First the switch learns: the source MAC 02:00:00:00:00:01 is behind p1. Then it looks at the destination: ff:ff:ff:ff:ff:ff is the broadcast address, so it floods the frame out of every other port, the most recently added first: p3, then p2.',
    h3Drops: 'h3 gets the flooded ARP request as well. It asks for 10.0.0.2, which is not h3’s address, so h3 drops it. Flooding costs every host on the LAN a little work.',
    forward:
      'h2’s ARP reply comes in on p2: the switch learns 02:00:00:00:00:03 behind p2. Its destination, 02:00:00:00:00:01, is already in the table (learned from the request), so the frame goes out of p1 only. h3’s link stays quiet from now on.',
    unchanged:
      'The echo request goes out of p2 exactly as it came in: the same MAC addresses, the same TTL 64, the same bytes. A switch forwards frames; it never changes them (the header view shows no change).',
    done: 'ping prints ttl=64: there is no router between h1 and h2, so nothing lowered the TTL.',
  },
  'through-a-router': {
    intro:
      'h1 pings h2 across three routers, r1, r2 and r3, each link its own /24. Follow one echo request and watch three things in the headers: the MAC addresses, the IP addresses and the TTL.',
    leave: 'The echo request leaves h1 from 10.0.1.10 to 10.0.2.10 with TTL 64, sent to the MAC 02:00:00:00:00:02, r1’s, because h2 is not on h1’s subnet.',
    nextHop:
      'r1 looks up 10.0.2.10 and finds `10.0.2.0/24 via 10.0.12.2 dev eth2`. The next hop, 10.0.12.2, is written in no header of the packet: r1 only uses it to find a MAC address, with an ARP request for 10.0.12.2. It lowers the TTL from 64 to 63 and holds the packet until the answer comes.',
    r1: 'r1 sends the packet on with new MAC addresses: from 02:00:00:00:00:03 (its eth2) to 02:00:00:00:00:04 (r2’s eth1). The IP addresses are still 10.0.1.10 → 10.0.2.10; only the TTL changed, to 63 (and the header checksum with it).',
    r2: 'r2 does the same: new MAC addresses 02:00:00:00:00:05 → 02:00:00:00:00:06, the same IP addresses, TTL 62.',
    r3: 'r3 delivers it to h2 (MAC 02:00:00:00:00:08) with TTL 61: three routers, three new pairs of MAC addresses, three TTL decrements.',
    reply: 'h2 answers with a new packet, from 10.0.2.10 to 10.0.1.10, with a fresh TTL 64. It is rewritten the same way, hop by hop, on the way back.',
    done: 'ping prints ttl=61: the reply crossed three routers too.',
  },
  'route-table': {
    intro:
      'A Kubernetes node as Calico sets it up. Each pod (pod1 10.244.0.5, pod2 10.244.0.6) has a /32 address and one route; the node has a /32 route per pod, a blackhole for its block of pod addresses and a default route. Open the Tables panel on a device to read its `ip route`, then watch which line each lookup picks.',
    onlink:
      'pod1’s address is a /32: no subnet, so no connected route. Its only route is `default via 169.254.1.1 dev eth1 onlink`. Nobody has 169.254.1.1; `onlink` tells the kernel to treat it as reachable on eth1 all the same. So pod1 ARPs for 169.254.1.1.',
    proxyArp:
      'The node answers for 169.254.1.1 with its own eth1 MAC, 02:00:00:00:00:02: proxy ARP (proxy_arp=1 on eth1, and its route to 169.254.1.1 leaves by another interface). Whatever gateway address a pod uses, its gateway is the node.',
    kernelRoute:
      'The node forwards pod1’s packet for 10.0.0.10 by `10.0.0.0/24 dev eth2 proto kernel scope link src 10.0.0.1`: `proto kernel` because `ip addr add` made it, `scope link` because the destination is on that wire, so the next hop is 10.0.0.10 itself.',
    localFirst:
      'h2 receives the packet. Linux looks in the local table before the main table: `local 10.0.0.10 dev eth1 table local proto kernel scope host src 10.0.0.10` matches, so the packet is for h2 itself, whatever the main table says.',
    slash32:
      'The reply comes back for 10.244.0.5. Three routes match it: the default route, `blackhole 10.244.0.0/26` and `10.244.0.5 dev eth1 scope link`. The longest prefix wins, the /32: straight out of eth1, no gateway.',
    borrowed:
      'h2 pings pod2. `10.244.0.6 dev eth3 scope link` sends the packet out of eth3, which has no address. The node ARPs for 10.244.0.6 all the same, with 10.0.0.1, its address on eth2, as the sender address.',
    blackhole:
      'Now 10.244.0.7: no pod has it, so no /32 matches. `blackhole 10.244.0.0/26` is longer than the default route and wins: the packet is dropped silently, with no ICMP error. Without it the default route would send the packet back to h2, which routes 10.244.0.0/16 to the node: a loop.',
    silence: 'h2’s ping waits its one second and gives up: 100% packet loss, and no error message, because a blackhole says nothing.',
  },
  'home-nat': {
    intro:
      'lan1 and lan2 sit on a home network, 192.168.1.0/24, behind gw. gw’s WAN address, 198.51.100.2, is the only one the internet sees: isp has no route to 192.168.1.0/24. lan1 pings the server 203.0.113.10. Watch the source address at gw, and gw’s conntrack table in the Tables panel.',
    leave: 'The echo request leaves lan1 from 192.168.1.10 to 203.0.113.10, sent to gw’s MAC address (gw is its default gateway).',
    masquerade:
      'gw routes the packet out of wan, and on the way out `-A POSTROUTING -o wan -j MASQUERADE` matches: the source 192.168.1.10 becomes wan’s address 198.51.100.2. The ICMP identifier 34566 stays as it is (no other connection uses it). conntrack records the connection and how it was rewritten: that entry is the NAT table.',
    wan: 'On the WAN link the packet reads 198.51.100.2 → 203.0.113.10, TTL 63. Nothing beyond gw ever sees 192.168.1.10.',
    serverReplies: 'The server answers the address it saw: 198.51.100.2.',
    unNat:
      'The reply reaches gw and matches the conntrack entry in the reply direction, so gw rewrites the destination back to 192.168.1.10 (no rule is consulted for it) and forwards it into the LAN: 203.0.113.10 → 192.168.1.10.',
    done: 'lan1’s ping gets its answer (ttl=62: isp and gw each lowered it) and never knows about the translation.',
  },
  ports: {
    intro:
      'h2 (10.0.0.2) runs four listeners: UDP and TCP on the same port, 5000, TCP alone on 6000, UDP alone on 7000. h1 (10.0.0.1) sends to each. A port number means nothing on its own: the protocol number in the IP header picks TCP or UDP first, and each has its own table of ports. Keep the Sockets table of h2 open in the Tables panel.',
    udpListens: 'h2 starts `nc -u -l -p 5000`: a UDP socket bound to port 5000 on every address, waiting (UNCONN in `ss -tuan`).',
    tcpListens:
      'Then `nc -l -p 5000`: a TCP socket on the very same number, LISTEN on 0.0.0.0:5000. No “Address already in use”: the two sockets live in different tables, UDP’s and TCP’s.',
    udpArrives:
      'h1’s datagram to port 5000 arrives. The IP header says protocol 17, UDP, so only UDP’s sockets are searched: it goes to udp 0.0.0.0:5000. The listener now answers h1 from port 5000 (in the table it becomes ESTAB with h1 as its peer).',
    tcpArrives:
      'h1 connects to port 5000 with TCP: protocol 6. TCP searches its own sockets and finds tcp 0.0.0.0:5000, the listener, which answers the SYN with SYN, ACK; a new socket for this connection appears in the table (SYN-RECV).',
    listenerGets: 'The TCP listener prints what h1 sent, “hello”: the UDP listener on the same port never saw it.',
    udpToTcpPort:
      'Port 6000: only TCP listens there. A UDP datagram to 6000 finds no UDP socket, and the TCP listener does not count: h2 answers with ICMP destination unreachable, type 3 code 3 (port unreachable).',
    tcpToUdpPort:
      'Port 7000: only UDP listens there. A TCP SYN to 7000 finds no TCP socket (tcp 7000): h2 refuses it with RST, ACK. TCP refuses with a segment of its own; UDP, which has no connection to reset, with ICMP.',
    refused: 'nc on h1 gives up at once, exit status 1: connection refused. Same host, same port numbers, two protocols, two answers.',
  },
  troubles: {
    intro: 'h1 pings four addresses and every ping fails, each in its own way. Each failure leaves a different trace: an ICMP error from a router, a long wait, or nothing at all.',
    noRoute:
      '10.9.9.9: r1 has routes for its own subnets and for 10.0.4.0/24 and 10.0.9.0/24, but no default route. No route matches, so r1 drops the packet and tells h1 with ICMP type 3 code 0, destination net unreachable, from 10.0.1.1.',
    noRouteOutput: 'ping prints the router’s message: “From 10.0.1.1 icmp_seq=1 Destination Net Unreachable”.',
    arpAsks:
      '10.0.3.99 is on r1’s own subnet (`10.0.3.0/24 dev eth3 proto kernel scope link src 10.0.3.1`), so r1 ARPs for it with a broadcast to ff:ff:ff:ff:ff:ff. Nobody owns 10.0.3.99: mid hears the question and drops it. r1 holds the echo request and asks again, three times, one second apart.',
    hostUnreachable: 'No answer to the third request: the neighbour entry turns FAILED and r1 sends h1 ICMP type 3 code 1, destination host unreachable. The route was fine; the host was not there.',
    hostUnreachableOutput: 'ping prints “Destination Host Unreachable”, three seconds after it sent its request.',
    notForwarding:
      '10.0.4.10: r1 forwards the packet to mid, which has a route to it, `10.0.4.0/24 dev eth2 proto kernel scope link src 10.0.4.1`. But mid is a host: its ip_forward is 0. Linux drops a packet that is not for it silently when it does not forward: no ICMP error.',
    silent: 'ping waits its one second and reports 100% packet loss: no message tells h1 what happened. Of the four, this failure is the hardest to find.',
    loop: '10.0.9.9: r1 sends it to r2 (via 10.0.12.2), and r2’s route `10.0.9.0/24 via 10.0.12.1 dev eth1` sends it straight back to r1. Each router lowers the TTL by one: the packet reached r2 with TTL 63 and leaves with 62.',
    ttlExceeded:
      'Round and round until r2 receives the packet with TTL 1: forwarding would make it 0, so r2 drops it and sends ICMP type 11, time exceeded, from 10.0.12.2. This is what the TTL is for: a loop ends by itself.',
    loopOutput: 'ping prints “From 10.0.12.2 icmp_seq=1 Time to live exceeded”: the address tells you where the loop is.',
  },
  loop: {
    intro:
      'Three switches in a loop, as new Linux bridges come: no spanning tree. h1 pings h2 (10.0.0.2), so it first broadcasts an ARP request. Watch where the copies of that one frame go.',
    floods:
      'sw1 does not know who has 10.0.0.2: the request goes to ff:ff:ff:ff:ff:ff, so sw1 floods it out of every other port, to sw2 and to sw3. From here one copy goes round the loop each way.',
    comesBack:
      'sw2 got the request from sw1 on p1 and flooded it on; now the copy that went the other way round, through sw3, arrives on p2. Same source MAC, so sw2 moves h1’s MAC from p1 to p2 (and back, and forth): the fdb no longer knows where h1 is. And sw2 floods this copy too.',
    ownRequest:
      'h1 receives its own ARP request, come back round the loop. Meanwhile h2 has answered every copy it received. Nothing ever removes a copy from the loop: Ethernet has no TTL, and every switch floods every broadcast it receives.',
    storm:
      'So it goes on for ever, faster than the ping’s second: packetwalk stops the walk after 50 000 events and names the switches the frames circulate between, sw1, sw2 and sw3. A real network would be saturated until someone pulls a cable. Next: the same triangle with the spanning tree on.',
    withStp:
      'The same three switches, now running the Linux bridge’s spanning tree (`ip link set br0 type bridge stp_state 1`), with a forward delay of 4 s instead of 15 s. Press play or step: the tree forms in the first seconds of virtual time, then h1 pings h2 again, then a link fails.',
    claims:
      'Every switch starts out thinking it is the root and says so in BPDUs, every 2 s. sw1 has the lowest bridge id (same priority, lowest MAC), so its BPDUs win: sw2 makes p1, the port that hears sw1 directly, its root port, at cost 2 from the root.',
    blocks:
      'The link sw2–sw3 is the loop’s last side. Both ends reach the root at cost 2; sw2 has the lower bridge id, so its p2 stays designated and sw3 blocks p1. A blocked port still listens to BPDUs, but forwards nothing and learns nothing.',
    learning: 'The ports the tree keeps do not forward at once: they listen for one forward delay (4 s), so that a loop can show itself, then learn MACs for another 4 s without forwarding.',
    forwarding:
      'After twice the forward delay sw1’s ports forward. A port that starts forwarding is a topology change: the root sets the TC flag in its BPDUs, and every switch ages its fdb entries out after 8 s instead of 300 s, to forget paths that may have moved.',
    cutOff: 'h1’s ARP request, a broadcast to ff:ff:ff:ff:ff:ff, reaches sw3 on its blocked port p1 and stops there: this is where the storm would have begun.',
    crossed: 'The ping crosses the tree, h1 – sw1 – sw2 – h2, and ping prints 1 received.',
    failure:
      'Now the link between sw3 and the root fails: `ip link set p2 down` on sw3. Both ends lose their carrier and STP disables the ports. sw3 has lost its root port. Its blocked p1 still holds what sw2 said about the root (sw2’s cost 2, plus 2 for the link), so p1 becomes sw3’s root port at cost 4 at once: no wait for old information to age out, because it came from a port that is still up.',
    takesOver: 'A new root port must listen and learn before it forwards: 8 s after the failure, p1 forwards and the loop’s last side carries traffic again.',
    again: 'The second ping still arrives (1 received): the tree has formed again around the broken link, through sw2.',
  },  vlans: {
    intro:
      'One switch, two LANs. sw1 is a Linux bridge with VLAN filtering on (`ip link set br0 type bridge vlan_filtering 1`): h10 and h11 are on access ports of VLAN 10, h20 on an access port of VLAN 20, and p4 is a trunk that carries both VLANs, tagged, to r1. First h10 pings h11 in its own VLAN, then h20 in the other one, through r1, a router on a stick. On the right, the same two VLANs are joined inside an L3 switch, l3sw: g10 pings g20 twice.',
    split:
      'h10 asks who has 10.0.10.11, a broadcast to ff:ff:ff:ff:ff:ff. It arrives untagged on p1, so it belongs to p1’s pvid, VLAN 10, and sw1 floods it to the ports of VLAN 10 only: h11’s p3 and the trunk p4 (tagged there). p2 is not a member of VLAN 10: h20 never hears it. One switch now holds two broadcast domains.',
    sameVlan: 'Within VLAN 10 nothing else changes: h11 answers, the echo goes back and forth untagged on the access ports, and ping prints ttl=64.',
    tagged:
      '10.0.20.10 is in another subnet, so h10 sends the echo request to its gateway 10.0.10.1, r1’s eth1.10. sw1 found that MAC on the trunk and forwards the frame out of p4, where VLAN 10 is tagged: the 802.1Q tag with VLAN id 10 is pushed (— → 10 in the header view).',
    onAStick:
      'r1’s eth1 receives a frame tagged 10; the VLAN device eth1.10 takes it and pops the tag, so the packet is received on eth1.10. r1 routes it by `10.0.20.0/24 dev eth1.20 proto kernel scope link src 10.0.20.1` and sends it out of eth1.20, which pushes VLAN 20: it leaves on the same cable, tagged 20 (its ARP request for h20 first). One link, two VLANs, one router: a router on a stick.',
    popped: 'sw1 receives the echo request on the trunk tagged 20, finds h20 in VLAN 20’s fdb and sends it out of p2, where VLAN 20 is untagged: the tag is popped. h20 never sees a tag.',
    stickDone: 'The reply takes the same way back, 20 on the trunk into r1, 10 out of it. r1 lowered the TTL once: ping prints ttl=63.',
    l3Routes:
      'l3sw is an L3 switch as Linux builds one: its ports are in a VLAN-aware bridge, br0, and the gateways are on VLAN devices of the bridge itself, vlan10 and vlan20, with ip_forward on. g10’s echo request enters p1 in VLAN 10, goes up through br0 to vlan10, and the router inside the switch chooses `10.1.20.0/24 dev vlan20 proto kernel scope link src 10.1.20.1`. No trunk and no second box: the routing happens between two VLAN devices of one bridge.',
    l3Done: 'g10 gets its reply; ping prints ttl=63: the switch routed, so it lowered the TTL.',
    again:
      'The second ping: l3sw looks the route up again, `10.1.20.0/24 dev vlan20 proto kernel scope link src 10.1.20.1`, for this packet too, but sends it on in the same step: the neighbour cache already has g20’s MAC (no ARP) and the fdb already knows its port, p2 (no flood). Hardware L3 switches are sold as “route once, switch many”: the first packet of a flow is routed, the later ones switched by a shortcut. Linux has no such flow cache (the IPv4 routing cache was removed in Linux 3.6): it routes every packet, and what makes the later ones cheap is the neighbour cache and the fdb.',
    cheap: 'ping prints ttl=63 again. Same path, same routing decision, no ARP and no flooding this time.',
  },

  'data-center': {
    intro:
      'A small three-tier data centre from the generator: 2 core routers, 2 pods of 2 aggregation and 2 access routers, racks of 2 hosts. Each rack is its own subnet behind its access router. h1-1-1 pings a host in its own rack, one in the other rack of its pod, and one in the other pod.',
    rackFlood: 'h1-1-1’s ARP request for 10.1.0.3 is a broadcast (ff:ff:ff:ff:ff:ff). sw1-1 floods it, but only within the rack: to acc1-1 and h1-1-2. The broadcast domain is one rack, 10.1.0.0/24.',
    routerStops:
      'acc1-1 receives the broadcast and drops it: it was not asked about its address, and a router never forwards a broadcast. Routers bound broadcast domains; that is why each rack is its own subnet: an ARP request reaches a few hosts, not thousands.',
    upToAgg: 'East-west traffic to the other rack of pod 1: acc1-1 routes 10.1.1.2 by `10.1.1.0/24 via 10.0.0.17 dev eth1`, up to agg1-1.',
    turnAtAgg: 'agg1-1 turns it back down towards acc1-2 (`10.1.1.0/24 via 10.0.0.20 dev eth4`): traffic between the racks of one pod never reaches the core.',
    otherRack: 'acc1-2 ARPs for h1-2-1 in its own rack: sw1-2 floods the request to h1-2-1 and h1-2-2 only. No other rack sees it.',
    upToCore:
      'Now to pod 2: agg1-1 has `10.1.2.0/24 via 10.0.0.1 dev eth1`, up to core1. Traffic between pods always crosses the core, so the core carries the sum of it: the layer that runs out of bandwidth first in a three-tier design.',
    core: 'core1 sends it down into pod 2 by `10.1.2.0/24 via 10.0.0.8 dev eth3`. core2 and agg1-2 carry nothing in this walk: this network was generated single-path, one route per destination (no ECMP), through the lowest-numbered router. Generated with ECMP (the default), flows would spread over both cores.',
    done: 'The reply came back across five routers: ping prints ttl=59.',
  },
  calico: {
    intro:
      'The seed’s Calico node in IPIP mode: node1 (192.168.56.101) and node2 (192.168.56.103) share a LAN, each with a pod behind an address-less cali interface. The pod addresses are not on the LAN: each node reaches the other’s pod block through tunl0, the IP-in-IP device. pod-a pings pod-b, then an address of its own node’s block that no pod has.',
    proxyArp:
      'pod-a’s default gateway, 169.254.1.1, belongs to nobody. node1 answers the ARP request with its own MAC because proxy ARP is on for the cali interface: every pod sends everything to its node.',
    intoTunnel:
      'node1 forwards the echo request by `172.32.135.128/26 via 192.168.56.103 dev tunl0 proto bird onlink`, the route BIRD (Calico’s BGP daemon) installed. tunl0 is the ipip fallback device, with remote any: the route’s gateway, 192.168.56.103, becomes the outer destination. Its outer source is node1’s address towards it, and its outer TTL the inner one. Then node1 routes and ARPs for 192.168.56.103 like for any packet of its own.',
    onTheLan:
      'On the LAN the frame holds two IP headers. The outer one, 192.168.56.101 → 192.168.56.103, protocol 4 (IP in IP), TTL 63, is all the LAN sees; inside it, the pod’s packet 172.32.185.70 → 172.32.135.130 with its own TTL 63.',
    outOfTunnel:
      'node2 receives a packet for its own address with protocol 4: ipip takes it, finds no tunnel with these ends but tunl0, which is up, and removes the outer header. The inner packet is received on tunl0 as if it had arrived there, and routed by `172.32.135.130 dev cali6d5e7989019 scope link`.',
    toPodB: 'node2 sends it to pod-b through its cali interface, lowering the TTL again: it reaches pod-b with TTL 62.',
    done: 'The reply takes the same way back through node2’s tunl0: ping prints ttl=62. Two routers, node2 and node1, lowered the TTL; the tunnel did not.',
    blackhole:
      '172.32.185.99 is in node1’s own block, 172.32.185.64/26, but no pod has it. The route `blackhole 172.32.185.64/26 proto bird` matches: node1 drops the packet silently. Without it the node would send it to its default gateway, out of the cluster.',
    lost: 'pod-a hears nothing back: 100% packet loss, and no ICMP error says why.',
  },
  overlay: {
    intro:
      'a (192.0.2.1) and b (198.51.100.1) are on two subnets joined by the router r. Each has vx0, a VXLAN device with VNI 42 whose remote end is the other host, and an address on it (10.10.0.1 and 10.10.0.2): one Ethernet segment that r never sees. a pings 10.10.0.2.',
    arpInside:
      '10.10.0.2 is on vx0’s subnet, `10.10.0.0/24 dev vx0 proto kernel scope link src 10.10.0.1`, so a ARPs for it on vx0. vx0 does not know where the broadcast goes and sends it to its remote, b: the whole Ethernet frame inside UDP to port 4789 with a VXLAN header, VNI 42. The UDP source port is a hash of the inner flow.',
    underlay: 'r routes the UDP packet like any other (`198.51.100.0/24 dev eth2 proto kernel scope link src 198.51.100.254`): it knows nothing of the overlay inside.',
    learns:
      'b’s VXLAN socket receives the datagram, finds vx0 by VNI 42, and learns that the inner source MAC 02:00:00:00:0a:01 is behind the VTEP 192.0.2.1. Then the ARP request is received on vx0 as if it had come from a wire.',
    echo: 'b’s ARP reply came back inside VXLAN the same way, and a learned b’s MAC behind 198.51.100.1 from it. The echo request now goes there straight, from its forwarding database.',
    done: 'ping prints ttl=64: inside the overlay a and b are neighbours. The routers on the way lowered only the outer TTL.',
  },
} as const;

/** The narratives' shape: every language has exactly the English ids. */
export type LessonsText = { [L in keyof typeof textEn]: { [K in keyof (typeof textEn)[L]]: string } };
