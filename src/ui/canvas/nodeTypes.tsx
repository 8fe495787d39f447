// Node and edge components by type. At module scope so React Flow sees the same objects on every
// render (a new object would remount every node).

import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { LinkEdge } from './LinkEdge';
import { LinuxNode } from './LinuxNode';
import { SwitchNode } from './SwitchNode';

/** A device under the zoomed-out drawing (flowTypes.ts): an empty box of its symbol's size. */
const FarNode = () => <div className="pw-node-far" />;

export const nodeTypes = { linux: LinuxNode, bridge: SwitchNode, far: FarNode } satisfies NodeTypes;

export const edgeTypes = { link: LinkEdge } satisfies EdgeTypes;
