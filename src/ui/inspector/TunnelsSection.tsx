// A linux node's virtual devices: the tunnels (ipip, gre, gretap, vxlan) edited in TunnelEditor,
// and, shown as they are, the fallback device tunl0, VLAN devices and bridges (each with its
// type, ends, key or VNI, outer TTL and MTU, and the `ip link add` line that makes it). On a node
// without any the section starts folded: most never need it.

import { useTranslation } from 'react-i18next';
import type { LinuxNode, Tunnel } from '../../engine';
import { linkAddText, tunnelMtu } from '../../engine/pure';
import { isEditableTunnel } from '../../engine/pure-inspector';
import { TunnelEditor } from './TunnelEditor';
import { useFold } from './useFold';

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
  const wanted = tunnels.length > 0;
  // Open on a node with devices (and once it gets one); else as the user leaves it.
  const [open, setOpen] = useFold(wanted);
  return (
    <section className="pw-section" aria-labelledby="pw-sec-tunnels" data-testid="inspector.tunnels">
      <details className="pw-nat__fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary data-testid="inspector.tunnels.open">
          <h3 id="pw-sec-tunnels" className="pw-section__title pw-nat__title">
            {t('inspector.tunnels')}
          </h3>
          {!wanted && <span className="pw-nat__none">{t('inspector.tunnel.none')}</span>}
        </summary>
        {tunnels
          .filter((tn) => !isEditableTunnel(tn))
          .map((tn) => (
            <TunnelRow key={tn.name} tunnel={tn} />
          ))}
        <TunnelEditor node={node} />
      </details>
    </section>
  );
}
