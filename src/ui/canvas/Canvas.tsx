// The network diagram. React Flow needs each node's position in its `nodes` array, so the canvas
// subscribes to the topology's node and link lists (which change only when a node or link does)
// and to the selected ids; what a node shows, each node component reads itself. The sizes React
// Flow measures stay here: they are view state, not part of the document.

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../engine';
import { linkId, selectLinks, selectNodes, useAppStore } from '../../store';
import { FIT_VIEW_OPTIONS, FitOnResize } from './FitOnResize';
import { NO_DATA, type DeviceFlowNode, type LinkFlowEdge } from './flowTypes';
import { edgeTypes, nodeTypes } from './nodeTypes';
import './canvas.css';

interface Size {
  width: number;
  height: number;
}

/** Where a node without a stored position goes: a row, left to right. */
const fallbackPosition = (index: number) => ({ x: index * 250, y: 0 });

const ROLE_COLOURS: Record<Role, string> = {
  host: '#2563eb',
  server: '#7c3aed',
  router: '#059669',
  nat: '#d97706',
  switch: '#0891b2',
};


export function Canvas() {
  const { t } = useTranslation();
  const topoNodes = useAppStore(selectNodes);
  const links = useAppStore(selectLinks);
  const selectedNodes = useAppStore((s) => s.selectedNodes);
  const selectedLinks = useAppStore((s) => s.selectedLinks);
  const moveNode = useAppStore((s) => s.moveNode);
  const setNodeSelected = useAppStore((s) => s.setNodeSelected);
  const setLinkSelected = useAppStore((s) => s.setLinkSelected);
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  /** Has the user panned or zoomed since the view was last fitted? */
  const userMoved = useRef(false);

  const nodes = useMemo<DeviceFlowNode[]>(
    () =>
      topoNodes.map((n, i) => ({
        id: n.name,
        type: n.kind,
        position: n.position ?? fallbackPosition(i),
        data: NO_DATA,
        selected: selectedNodes.includes(n.name),
        ...(sizes[n.name] ? { measured: sizes[n.name] } : {}),
      })),
    [topoNodes, selectedNodes, sizes],
  );

  const minimapColour = useMemo(() => {
    const roles = new Map(topoNodes.map((n) => [n.name, n.role]));
    return (n: DeviceFlowNode): string => {
      const role = roles.get(n.id);
      return role ? ROLE_COLOURS[role] : '#94a3b8';
    };
  }, [topoNodes]);

  const edges = useMemo<LinkFlowEdge[]>(
    () =>
      links.map((l) => {
        const id = linkId(l);
        return { id, type: 'link', source: l.a.node, target: l.b.node, data: NO_DATA, selected: selectedLinks.includes(id) };
      }),
    [links, selectedLinks],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<DeviceFlowNode>[]) => {
      const measured: Record<string, Size> = {};
      for (const c of changes) {
        if (c.type === 'position' && c.position) moveNode(c.id, c.position);
        else if (c.type === 'select') setNodeSelected(c.id, c.selected);
        else if (c.type === 'dimensions' && c.dimensions) measured[c.id] = c.dimensions;
      }
      if (Object.keys(measured).length) setSizes((prev) => ({ ...prev, ...measured }));
    },
    [moveNode, setNodeSelected],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<LinkFlowEdge>[]) => {
      for (const c of changes) if (c.type === 'select') setLinkSelected(c.id, c.selected);
    },
    [setLinkSelected],
  );

  return (
    <div className="pw-canvas" data-testid="canvas">
      <ReactFlow<DeviceFlowNode, LinkFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        nodeOrigin={[0.5, 0.5]}
        nodesConnectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        onMoveStart={(event) => {
          // Only panning and zooming by the user carry an event; fitView does not.
          if (event) userMoved.current = true;
        }}
        minZoom={0.02}
        maxZoom={2.5}
        aria-label={t('canvas.label')}
        attributionPosition="top-right"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <MiniMap<DeviceFlowNode>
          pannable
          zoomable
          nodeColor={minimapColour}
          nodeStrokeWidth={0}
          nodeBorderRadius={6}
          style={{ width: 160, height: 100 }}
          ariaLabel={t('canvas.minimap')}
        />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} onFitView={() => (userMoved.current = false)} />
        <FitOnResize userMoved={userMoved} />
      </ReactFlow>
    </div>
  );
}
