// sysctl(8) (procps) for the settings packetwalk models: `sysctl KEY` prints `KEY = VALUE`, and
// `sysctl -w KEY=VALUE` (or a KEY=VALUE without -w, as procps takes it) writes it, as the
// `exec:` line does, and prints it back. Keys may be written with dots or slashes.

import type { LinuxNode } from '../topology';
import { failed, printed, type Program, type ShellEnv, type ShellResult } from './shell';
import { execOnNode } from './iproute';

const CONF = /^net\.ipv4\.conf\.([^.]+)\.(forwarding|proxy_arp|send_redirects|accept_redirects)$/;
const DELAY = /^net\.ipv4\.neigh\.([^.]+)\.proxy_delay$/;

/** The value of a modelled key on a node (the kernel's default when the node does not set it), or undefined. */
export function sysctlValue(node: LinuxNode, key: string): string | undefined {
  const b = (v: boolean | undefined, dflt: boolean) => ((v ?? dflt) ? '1' : '0');
  if (key === 'net.ipv4.ip_forward' || key === 'net.ipv4.conf.all.forwarding') return b(node.ipForward, false);
  if (key === 'net.ipv4.fib_multipath_hash_policy') return String(node.multipathHashPolicy ?? 0);
  if (key === 'net.ipv4.fib_multipath_hash_seed') return String(node.multipathHashSeed ?? 0);
  let m = CONF.exec(key);
  if (m) {
    const [, dev, setting] = m as unknown as [string, string, string];
    const conf = dev === 'all' ? node.all : dev === 'default' ? {} : dev === 'lo' ? {} : node.ifaces.find((i) => i.name === dev)?.conf;
    if (dev !== 'all' && dev !== 'default' && dev !== 'lo' && !node.ifaces.some((i) => i.name === dev)) return undefined;
    if (setting === 'forwarding') return b((conf as { forwarding?: boolean } | undefined)?.forwarding, node.ipForward);
    if (setting === 'proxy_arp') return b(conf?.proxyArp, false);
    if (setting === 'send_redirects') return b(conf?.sendRedirects, true);
    return b(conf?.acceptRedirects, true);
  }
  m = DELAY.exec(key);
  if (m) {
    const iface = node.ifaces.find((i) => i.name === m![1]);
    return iface ? String(iface.conf?.proxyDelay ?? 80) : undefined;
  }
  return undefined;
}

const keyOf = (text: string) => text.trim().replace(/\//g, '.');
const noSuchKey = (key: string) => failed(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory`, 1);

function read(env: ShellEnv, key: string): ShellResult {
  const node: LinuxNode = env.node.kind === 'linux' ? env.node : { kind: 'linux', name: env.node.name, role: 'host', ifaces: env.node.ifaces, loAddrs: [], routes: [], ipForward: false };
  const v = sysctlValue(node, key);
  return v === undefined ? noSuchKey(key) : printed(`${key} = ${v}\n`);
}

export const sysctl: Program = (args, env) => {
  const write = args.includes('-w');
  const settings = args.filter((a) => !a.startsWith('-'));
  if (settings.length === 0) return failed('sysctl: no variables specified (packetwalk models: net.ipv4.ip_forward, net.ipv4.fib_multipath_hash_{policy,seed}, net.ipv4.conf.{all,DEV}.{forwarding,proxy_arp,send_redirects,accept_redirects}, net.ipv4.neigh.DEV.proxy_delay)', 1);
  let env1 = env;
  let stdout = '';
  for (const s of settings) {
    const eq = s.indexOf('=');
    if (eq < 0) {
      if (write) return failed(`sysctl: "${s}" must be of the form name=value`, 1);
      const r = read(env1, keyOf(s));
      if (r.kind !== 'done' || r.exit !== 0) return r.kind === 'done' ? { ...r, stdout: stdout + r.stdout } : r;
      stdout += r.stdout;
      continue;
    }
    const key = keyOf(s.slice(0, eq));
    const value = s.slice(eq + 1).trim();
    const r = execOnNode(env1, `sysctl -w ${key}=${value}`);
    if (r.kind !== 'done' || r.exit !== 0 || !r.topology) return r.kind === 'done' ? { ...r, stdout } : r;
    env1 = { ...env1, topology: r.topology, node: r.topology.nodes.find((n) => n.name === env.node.name)! };
    stdout += `${key} = ${value}\n`;
  }
  return { kind: 'done', stdout, stderr: '', exit: 0, ...(env1.topology !== env.topology ? { topology: env1.topology } : {}) };
};
