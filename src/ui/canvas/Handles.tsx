// React Flow connects handles. Each device has two: a small dot on the right of its symbol to drag
// a link from (pale on every device, blue when the device is hovered or selected), and a drop
// target covering the whole device, live only while a link is being dragged, so that a link can be
// dropped anywhere on the other device. Links are drawn centre to centre (see LinkEdge), whatever
// the handles.

import { Handle, Position, useConnection } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';

export const Handles = memo(function Handles({ name }: { name: string }) {
  const { t } = useTranslation();
  const connecting = useConnection((c) => c.inProgress);
  return (
    <>
      <Handle
        type="source"
        id="connect"
        position={Position.Right}
        className="pw-connect"
        data-testid={`node.${name}.connect`}
        title={t('node.connect', { name })}
        aria-label={t('node.connect', { name })}
      />
      <Handle type="target" id="drop" position={Position.Left} className={`pw-drop${connecting ? ' is-live' : ''}`} isConnectableStart={false} />
    </>
  );
});
