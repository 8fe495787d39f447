// A switch (a Linux bridge) on the canvas: its symbol, name and number of ports (a card placed as
// LinuxNode's is). Ports have no addresses; which port leads where is written on the links.

import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectNode, useAppStore } from '../../store';
import { cardPlaceStyle, useCardPlace } from './diagramLabels';
import type { DeviceFlowNode } from './flowTypes';
import { Handles } from './Handles';
import { stepMark } from './stepMarks';

export const SwitchNode = memo(function SwitchNode({ id, selected, dragging }: NodeProps<DeviceFlowNode>) {
  const { t, i18n } = useTranslation();
  const node = useAppStore(selectNode(id));
  const place = cardPlaceStyle(useCardPlace(id, i18n.language));
  const mark = useMemo(() => stepMark(`n:${id}`), [id]);
  if (node?.kind !== 'bridge') return null;
  return (
    <div ref={mark} className={`pw-node pw-node--switch${selected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}`} data-testid={`node.${id}`}>
      <div className="pw-node__symbol">
        <span className="pw-node__icon" />
      </div>
      <div className={place.className} style={place.style}>
        <div className="pw-node__name">{node.name}</div>
        <div className="pw-node__role">
          {t('role.switch')} · {t('node.ports', { count: node.ifaces.length })}
        </div>
      </div>
      <Handles name={id} />
    </div>
  );
});
