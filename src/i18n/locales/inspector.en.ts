// English messages of the device inspector's sections (interfaces, routes, tunnels: the lazily
// loaded DeviceInspector), out of the first load; i18n/index.ts merges them under `inspector`
// with the ones the page needs at once (en.ts).

export const inspectorLaterEn = {
  natNote: 'A NAT gateway is a router with iptables nat rules: packets from the LAN leave by its WAN interface, {{wan}}, with {{wan}}’s address (MASQUERADE). Choose another WAN interface or forward ports to servers inside under NAT below.',
  natNoteNoWan: 'A NAT gateway is a router with iptables nat rules. Link it to its LAN first, then to its WAN: the second link becomes its WAN interface, with MASQUERADE (packets from the LAN leave there with its address).',
  interfaces: 'Interfaces',
  ports: 'Ports',
  noInterfaces: 'No interfaces yet: link this device to another one, and each end gets an interface.',
  linkedTo: 'linked to {{peer}}',
  unlinked: 'no link',
  mac: 'MAC',
  macAuto: 'chosen by packetwalk',
  addresses: 'IPv4 addresses',
  nextFree: 'Next free address',
  nextFreeHint: 'Give {{iface}} the next free address of the subnet on its link',
  removeIface: 'Remove {{iface}}',
  connectTo: 'Connect to',
  connect: 'Connect',
  chooseDevice: 'Choose a device…',
  chooseFirst: 'Choose the device to connect to first.',
  typeDestination: 'Type a destination first: a network such as 192.0.2.0/24, or default.',
  tunnels: 'Tunnels',
  tunnel: {
    none: 'none',
    type: 'Type',
    dev: 'Dev (outer route)',
    noDev: 'any',
    local: 'Local',
    remote: 'Remote',
    key: 'Key',
    noKey: 'none',
    vni: 'VNI (id)',
    ttl: 'TTL',
    dstport: 'Dstport',
    remove: 'Remove {{name}} (ip link del {{name}})',
    add: 'Add a tunnel device',
    addButton: 'Add',
    lines: 'As ip link add lines',
    linesHint: 'One device per line, read as iproute2 reads it. A new device is brought up (ip link set NAME up); a device removed takes the routes through it.',
    range: {
      key: 'A GRE key is a number from 0 to 4294967295 (or written as an IPv4 address).',
      vni: 'A VNI is a number from 0 to 16777215.',
      ttl: 'The TTL is a number from 1 to 255, or inherit (0 means inherit).',
      dstport: 'A UDP port is a number from 0 to 65535.',
    },
  },
  routing: 'Routing',
  ipForward: 'Forward packets (net.ipv4.ip_forward)',
  ipForwardOn: 'This node routes packets between its interfaces.',
  ipForwardOff: 'This node drops packets that are not for it.',
  routes: 'Routes (ip route)',
  routeRows: 'Main routing table',
  destination: 'Destination',
  via: 'Via',
  dev: 'Dev',
  metric: 'Metric',
  type: 'Type',
  kernelRoute: 'added by the kernel for an address (proto kernel): change the address to change it',
  deleteRoute: 'Delete route {{route}}',
  noRoutes: 'No routes: give an interface an address first.',
  addRoute: 'Add route',
  auto: 'auto',
  defaultGateway: 'Set default gateway to the router on this link',
  returnRoutes: {
    title: 'No route back to the LAN behind {{routers}}',
    text_one: 'Hosts in this network reach the internet through this gateway via {{routers}}, but the gateway has no route back to them: the replies it translates for them would leave by the WAN or be dropped.',
    text_other: 'Hosts in these networks reach the internet through this gateway via {{routers}}, but the gateway has no route back to them: the replies it translates for them would leave by the WAN or be dropped.',
    add_one: 'Add this route',
    add_other: 'Add these {{count}} routes',
  },
  routesText: 'Routes as ip route add lines',
  routesTextHint: 'One route per line, as after "ip route add" (with or without it). Each line is checked the way the kernel checks it. Ctrl+Enter applies.',
};

export type InspectorLaterMessages = typeof inspectorLaterEn;

/** The inspector's NAT section (NatSection.tsx), merged under `nat`. */
export const natEn = {
  title: 'NAT',
  titleCmd: 'iptables -t nat',
  noRulesSummary: 'no rules',
  wan: 'WAN interface (towards the Internet)',
  makeGateway: 'Make this a NAT gateway: WAN interface',
  chooseWan: 'Choose…',
  wanOption: '{{iface}} — linked to {{peer}}',
  wanOptionUnlinked: '{{iface}} — no link',
  wanHint: 'Packets leaving by {{wan}} take its address (MASQUERADE); the other interfaces are the LAN side.',
  noWanHint: 'No WAN yet: choose the interface that faces the Internet, and it gets MASQUERADE.',
  makeGatewayHint: 'Choosing one adds MASQUERADE on it, and this router becomes a NAT gateway.',
  noIfacesHint: 'No WAN interface yet: it comes with this gateway’s second link (with MASQUERADE on it).',
  rules: 'Rules',
  rulesLabel: 'NAT rules',
  col: {
    chain: 'Chain',
    match: 'Match',
    target: 'Target',
  },
  m: {
    in: 'in',
    out: 'out',
    src: 'from',
    dst: 'to',
    sport: 'sport',
    dport: 'dport',
  },
  any: 'every packet',
  noRules: 'No NAT rules.',
  deleteRule: 'Delete rule {{rule}}',
  forward: {
    title: 'Port forwarding (DNAT)',
    proto: 'Protocol',
    port: 'WAN port',
    in: 'Arriving on',
    anyIn: 'any interface',
    toAddr: 'Inside address',
    toPort: 'Inside port',
    samePort: 'same',
    add: 'Add port forward',
    hint: 'Forward a port of the WAN address to a server inside: connections to it reach ADDR:PORT.',
    summary: 'Forward {{proto}} port {{port}} arriving on {{in}} to {{to}}',
  },
  text: 'Rules as iptables -t nat lines',
  textHint: 'One rule per line, as after “iptables -t nat” (with or without it): PREROUTING rules DNAT, POSTROUTING rules MASQUERADE or SNAT. Each line is checked as iptables checks it. Ctrl+Enter applies.',
};

export type NatMessages = typeof natEn;

/** Merged under `views`. */
export const viewsEn = {
  title: 'Linux views',
  tabs: 'Linux command',
  ipAddr: 'ip addr',
  ipRoute: 'ip route',
  ipRouteLocal: 'ip route show table local',
  ipNeigh: 'ip neigh',
  bridgeFdb: 'bridge fdb',
  iptablesNat: 'iptables -t nat -S',
  loading: 'Asking the simulator…',
  neighEmpty: 'Empty: the neighbour table fills when packets are sent. Run the scenario to see what this node learned.',
  learned: 'After the last run of the scenario.',
  notLearned: 'As configured, before any run.',
  empty: '(prints nothing)',
  wide: 'Show wide',
};

export type ViewsMessages = typeof viewsEn;

/** Merged under `syntax`. */
export const syntaxEn = {
  notIpv4: '“{{text}}” is not an IPv4 address: four numbers 0–255 separated by dots',
  noPrefix: '“{{text}}” has no prefix length: write it as a.b.c.d/len, for example 192.0.2.10/24',
  badPrefix: 'prefix length “{{text}}” must be a number from 0 to 32',
  twice: '{{text}} is listed twice',
  notMac: '“{{text}}” is not a MAC address: six pairs of hex digits, xx:xx:xx:xx:xx:xx',
  groupMac: '{{text}} is a group (multicast) address: the first byte must be even',
  zeroMac: '00:00:00:00:00:00 cannot be an interface’s address',
  badName: 'a name is 1–32 letters, digits, “_” or “-” (and not __proto__)',
  nameTaken: '{{text}} is already the name of another device',
};

export type SyntaxMessages = typeof syntaxEn;
