// A Linux node on the canvas (host, server, router or NAT gateway: the same network stack,
// configured differently), drawn as on a network diagram: its symbol, its name and role under it,
// and each interface with its addresses (a NAT gateway's WAN interface marked WAN); that card goes
// beside or above the symbol where a link or another card takes the place under it (diagramLabels.ts).

import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectNode, useAppStore } from '../../store';
import type { LinuxNode as LinuxDevice } from '../../engine';
import { wanOf } from '../../engine/pure';
import { cardDevices, cardPlaceStyle, forwardsBeyondRole, useCardPlace } from './diagramLabels';
import type { DeviceFlowNode } from './flowTypes';
import { Handles } from './Handles';
import { stepMark } from './stepMarks';

export const LinuxNode = memo(function LinuxNode({ id, selected, dragging }: NodeProps<DeviceFlowNode>) {
  const node = useAppStore(selectNode(id));
  // During a walk: the device acting at this step, or one involved in it (stepMarks.ts).
  const mark = useMemo(() => stepMark(`n:${id}`), [id]);
  if (node?.kind !== 'linux') return null;
  return (
    <div ref={mark} className={`pw-node pw-node--${node.role}${selected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}`} data-testid={`node.${id}`}>
      <div className="pw-node__symbol">
        <span className="pw-node__icon" />
      </div>
      <Label id={id} node={node} />
      <Handles name={id} />
    </div>
  );
});

const Label = memo(function Label({ id, node }: { id: string; node: LinuxDevice }) {
  const { t, i18n } = useTranslation();
  const wan = wanOf(node);
  const devices = cardDevices(node);
  const place = cardPlaceStyle(useCardPlace(id, i18n.language));
  return (
    <div className={place.className} style={place.style}>
      <div className="pw-node__name">{node.name}</div>
      <div className="pw-node__role">
        {t(`role.${node.role}`)}
        {forwardsBeyondRole(node) ? (
          <span title={t('node.forwardingHint')}>{` · ${t('node.forwarding')}`}</span>
        ) : null}
      </div>
      {devices.length > 0 && (
        <table className="pw-node__ifaces">
          <tbody>
            {devices.map((i) => (
              <tr key={i.name} data-testid={`node.${id}.${i.name}`}>
                <th scope="row">
                  {i.name}
                  {i.name === wan ? (
                    <span className="pw-node__wan" title={t('node.wanHint', { iface: i.name })} data-testid={`node.${id}.wan`}>
                      {t('node.wan')}
                    </span>
                  ) : null}
                </th>
                <td>
                  {i.addrs.length === 0 ? (
                    <span className="pw-muted">{t('node.noAddress')}</span>
                  ) : (
                    i.addrs.map((a) => <div key={`${a.ip}/${a.len}`}>{`${a.ip}/${a.len}`}</div>)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
});
