// The React Flow node and edge types of the canvas. They carry ids only: each component reads
// its device or link from the store by id, so the flow's data never goes stale.

import type { Edge, Node } from '@xyflow/react';

/** No data: a node's id is the device's name. */
export type NoData = Record<string, never>;
export const NO_DATA: NoData = Object.freeze({}) as NoData;

/** A device on the canvas; `type` is the engine's node kind. */
export type DeviceFlowNode = Node<NoData, 'linux' | 'bridge'>;

/** A link on the canvas; its id is linkKey(link), source is endpoint a, target endpoint b. */
export type LinkFlowEdge = Edge<NoData, 'link'>;
