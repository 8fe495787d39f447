// A linux node's tunnel devices (ipip, gre, gretap, vxlan): each with its type, ends, key or VNI,
// outer TTL and MTU, and the `ip link add` line that makes it. They come from the node's file
// (its exec lines) or the terminal; the inspector shows them, it does not edit them.

import { useTranslation } from 'react-i18next';
import type { LinuxNode, Tunnel } from '../../engine';
import { linkAddText, tunnelMtu } from '../../engine/pure';

function TunnelRow({ tunnel: tn }: { tunnel: Tunnel }) {
  // Labels and values are iproute2's own words (`ip -d link show` prints them so), not translated.
  const rows: [string, string][] = [
    ['type', tn.fallback ? `${tn.kind} (fallback)` : tn.kind],
    ['local', tn.local ?? 'any'],
    ['remote', tn.remote ?? (tn.kind === 'vxlan' ? '-' : 'any (via)')],
  ];
  if (tn.key !== undefined) rows.push(['key', String(tn.key)]);
  if (tn.vni !== undefined) rows.push(['id (VNI)', `${tn.vni}, dstport ${tn.dstport ?? 8472}`]);
  if (tn.flood?.length) rows.push(['fdb dst', tn.flood.join(', ')]);
  rows.push(['ttl', tn.ttl !== undefined ? String(tn.ttl) : 'inherit']);
  rows.push(['mtu', String(tunnelMtu(tn))]);
  if (tn.addrs.length) rows.push(['inet', tn.addrs.map((a) => `${a.ip}/${a.len}`).join(', ')]);
  return (
    <div className="pw-tunnel" data-testid={`inspector.tunnel.${tn.name}`}>
      <h4 className="pw-tunnel__name">
        {tn.name}
        {tn.up ? '' : ' (DOWN)'}
      </h4>
      <table className="pw-tunnel__fields">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!tn.fallback && <code className="pw-tunnel__line">{linkAddText(tn)}</code>}
    </div>
  );
}

export function TunnelsSection({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  // VLAN devices and a bridge device are VlanSection's
  const tunnels = (node.tunnels ?? []).filter((x) => x.kind !== 'vlan' && x.kind !== 'bridge');
  if (!tunnels.length) return null;
  return (
    <section className="pw-section" aria-labelledby="pw-sec-tunnels" data-testid="inspector.tunnels">
      <h3 id="pw-sec-tunnels" className="pw-section__title">
        {t('inspector.tunnels')}
      </h3>
      {tunnels.map((tn) => (
        <TunnelRow key={tn.name} tunnel={tn} />
      ))}
    </section>
  );
}
