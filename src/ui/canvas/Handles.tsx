// React Flow draws an edge only between handles. Links are drawn centre to centre (see LinkEdge),
// so every node has one invisible handle of each type; connecting by dragging comes later.

import { Handle, Position } from '@xyflow/react';

export function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} className="pw-handle" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} className="pw-handle" isConnectable={false} />
    </>
  );
}
