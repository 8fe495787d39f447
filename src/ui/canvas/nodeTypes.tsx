// Node and edge components by type. At module scope so React Flow sees the same objects on every
// render (a new object would remount every node).

import type { EdgeTypes, NodeProps, NodeTypes } from '@xyflow/react';
import { createContext, memo, useContext, type ComponentType } from 'react';
import type { DeviceFlowNode } from './flowTypes';
import { LinkEdge } from './LinkEdge';
import { LinuxNode } from './LinuxNode';
import { SwitchNode } from './SwitchNode';

/**
 * True while a large network is drawn zoomed out (farView.ts, Canvas.tsx): its devices are then
 * empty boxes of a symbol's size (canvas.css, .pw-node-far). Their type stays the same: React
 * Flow measures a device whose type changes on its own, one update of its store per device.
 */
export const UnderDrawing = createContext(false);

const boxedUnderDrawing = (Device: ComponentType<NodeProps<DeviceFlowNode>>) =>
  memo(function Boxed(props: NodeProps<DeviceFlowNode>) {
    return useContext(UnderDrawing) ? <div className="pw-node-far" /> : <Device {...props} />;
  });

export const nodeTypes = { linux: boxedUnderDrawing(LinuxNode), bridge: boxedUnderDrawing(SwitchNode) } satisfies NodeTypes;

export const edgeTypes = { link: LinkEdge } satisfies EdgeTypes;
