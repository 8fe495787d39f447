// A switch (a Linux bridge) on the canvas: its symbol, name and number of ports. Ports have no
// addresses; which port leads where is written on the links.

import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectNode, useAppStore } from '../../store';
import { selectNodeRole } from '../player/selectors';
import { DeviceIcon } from './DeviceIcon';
import type { DeviceFlowNode } from './flowTypes';
import { Handles } from './Handles';

export const SwitchNode = memo(function SwitchNode({ id, selected, dragging }: NodeProps<DeviceFlowNode>) {
  const { t } = useTranslation();
  const node = useAppStore(selectNode(id));
  const role = useAppStore(selectNodeRole(id));
  if (node?.kind !== 'bridge') return null;
  return (
    <div className={`pw-node pw-node--switch${selected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}${role === 'none' ? '' : ` is-${role}`}`} data-testid={`node.${id}`}>
      <div className="pw-node__symbol">
        <DeviceIcon role="switch" size={40} />
      </div>
      <div className="pw-node__label">
        <div className="pw-node__name">{node.name}</div>
        <div className="pw-node__role">
          {t('role.switch')} · {t('node.ports', { count: node.ifaces.length })}
        </div>
      </div>
      <Handles name={id} />
    </div>
  );
});
