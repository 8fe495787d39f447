// What Tab offers in a device's terminal: the commands, then each command's objects, verbs,
// keywords and options as its own grammar has them, the device's interface names after `dev`,
// `-i`, `-I` and `-o`, and the network's addresses where an address may stand. A small tree per
// command, not a parser: the command itself checks what was typed.

/** Where the completion is: what a command takes after the words typed so far. */
interface Spec {
  /** words that lead further (`ip` → `route` → `add`), each with what follows it */
  sub?: Record<string, Spec>;
  /** keywords and options that may stand here */
  words?: readonly string[];
  /** an address may stand here (offer the network's) */
  addr?: boolean;
}

const ROUTE_ARGS = ['via', 'dev', 'onlink', 'scope', 'metric', 'src', 'default', 'blackhole', 'unreachable', 'prohibit'];
const NEIGH_ARGS = ['lladdr', 'dev', 'nud', 'permanent', 'noarp', 'reachable', 'stale'];
const verbs = (names: readonly string[], then: Spec): Record<string, Spec> => Object.fromEntries(names.map((n) => [n, then]));

const IP: Spec = {
  words: ['-4', '-br', '-d', '-s'],
  sub: {
    addr: { sub: verbs(['show', 'add', 'del', 'replace', 'flush'], { words: ['dev'], addr: true }) },
    link: { sub: { ...verbs(['show'], { words: ['dev'] }), set: { words: ['dev', 'address', 'up'] } } },
    route: { sub: { ...verbs(['show', 'add', 'del', 'replace', 'flush'], { words: ROUTE_ARGS, addr: true }), get: { words: ['from'], addr: true } } },
    neigh: { sub: verbs(['show', 'add', 'del', 'replace', 'change', 'flush'], { words: NEIGH_ARGS, addr: true }) },
  },
};

/** Every command the terminal runs, with its grammar. */
export const COMMANDS: Record<string, Spec> = {
  ip: IP,
  ping: { words: ['-c', '-t', '-W', '-i', '-s', '-M', '-I', '-b', '-q'], addr: true },
  traceroute: { words: ['-n', '-m', '-q', '-N', '-I'], addr: true },
  nc: { words: ['-u', '-l', '-p', '-w', '-N', '-z', '-v'], addr: true },
  arping: { words: ['-c', '-I'], addr: true },
  tcpdump: { words: ['-i', '-e', '-n', '-c'] },
  bridge: { sub: { fdb: { sub: { show: {} } }, link: { sub: { show: {} } } } },
  sysctl: { words: ['-w', 'net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding', 'net.ipv4.conf.all.proxy_arp', 'net.ipv4.conf.all.send_redirects', 'net.ipv4.conf.all.accept_redirects'] },
  iptables: { words: ['-t', 'nat', '-L', '-S', '-A', '-I', '-D', '-F', '-n', '-v', '--line-numbers', 'PREROUTING', 'POSTROUTING', '-i', '-o', '-s', '-d', '-p', '--sport', '--dport', '-j', 'MASQUERADE', 'SNAT', 'DNAT', '--to-source', '--to-destination'], addr: true },
  conntrack: { words: ['-L', '-F'] },
  ss: { words: ['-tuan', '-t', '-u', '-a', '-n'] },
  hostname: {},
  clear: {},
  help: {},
  history: {},
};

/** What the device and the network offer to complete with. */
export interface CompletionContext {
  /** the device's interface names */
  ifaces: readonly string[];
  /** the network's addresses (without prefix lengths) */
  addrs: readonly string[];
}

const IFACE_AFTER = new Set(['dev', '-i', '-I', '-o']);

/** The words that may stand where the cursor is, after the words `before`. */
export function candidates(before: readonly string[], ctx: CompletionContext): string[] {
  if (before.length === 0) return Object.keys(COMMANDS);
  const root = COMMANDS[before[0]!];
  if (!root) return [];
  let spec: Spec = root;
  const prev = before[before.length - 1]!;
  if (IFACE_AFTER.has(prev) && (before[0] !== 'iptables' || prev !== '-I')) return [...ctx.ifaces];
  for (const w of before.slice(1)) {
    // iproute2 takes abbreviations (`ip r g`): the first keyword the word begins.
    const key = spec.sub && (w in spec.sub ? w : Object.keys(spec.sub).find((k) => k.startsWith(w)));
    const next: Spec | undefined = key ? spec.sub?.[key] : undefined;
    if (next) spec = next;
  }
  return [...Object.keys(spec.sub ?? {}), ...(spec.words ?? []), ...(spec.addr ? ctx.addrs : [])];
}
