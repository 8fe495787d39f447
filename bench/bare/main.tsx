// The baseline of `npm run bench:ui`: React 19 + React Flow 12 + zustand and nothing of the app.
// It draws the nodes and edges the benchmark hands it (window.__FABRIC__: the same generated
// fabric the app opens, at the same positions) as device-card-like nodes (a symbol, the name,
// the role, the interfaces with their addresses, a source and a target handle, without which
// React Flow draws no edge) and straight edges, with React Flow's own
// background, controls and minimap, in a canvas of the app's canvas size. window.__packet()
// starts one tag moving along the edges, by requestAnimationFrame and CSS transforms (no React
// render per frame), as a moving packet.

import { Background, BackgroundVariant, Controls, Handle, MiniMap, Position, ReactFlow, ReactFlowProvider, ViewportPortal, useReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { create } from 'zustand';
import './bare.css';

interface DeviceData extends Record<string, unknown> {
  name: string;
  role: string;
  ifaces: { name: string; addr: string }[];
}

export interface BareFabric {
  nodes: { id: string; x: number; y: number; data: DeviceData }[];
  edges: { source: string; target: string }[];
  width: number;
  height: number;
}

declare global {
  interface Window {
    __FABRIC__: BareFabric;
    __packet?: (on: boolean) => void;
  }
}

type DeviceNode = Node<DeviceData, 'device'>;

const fabric = window.__FABRIC__;

const useFlow = create<{ nodes: DeviceNode[]; edges: Edge[]; packet: boolean }>()(() => ({
  nodes: fabric.nodes.map((n) => ({ id: n.id, type: 'device', position: { x: n.x, y: n.y }, data: n.data })),
  edges: fabric.edges.map((e, i) => ({ id: `e${i}`, source: e.source, target: e.target, type: 'straight' })),
  packet: false,
}));
window.__packet = (packet) => useFlow.setState({ packet });

const Device = memo(function Device({ data }: NodeProps<DeviceNode>) {
  return (
    <div className={`card card--${data.role}`}>
      <div className="card__symbol">
        <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
          <rect x="8" y="10" width="24" height="16" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M6 30h28" stroke="currentColor" strokeWidth="2" />
        </svg>
      </div>
      <div className="card__name">{data.name}</div>
      <div className="card__role">{data.role}</div>
      {data.ifaces.length > 0 && (
        <table className="card__ifaces">
          <tbody>
            {data.ifaces.map((i) => (
              <tr key={i.name}>
                <th>{i.name}</th>
                <td>{i.addr}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* React Flow draws an edge only between handles: one to leave by, one to arrive at. */}
      <Handle type="source" position={Position.Right} />
      <Handle type="target" position={Position.Left} />
    </div>
  );
});

const nodeTypes = { device: Device };

/** One tag travelling edge after edge, 900 ms each, moved outside React. */
function Packet() {
  const on = useFlow((s) => s.packet);
  const ref = useRef<HTMLDivElement>(null);
  const { getInternalNode } = useReactFlow();
  useEffect(() => {
    if (!on) return;
    const edges = useFlow.getState().edges;
    const centre = (id: string) => {
      const n = getInternalNode(id)!;
      return { x: n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2, y: n.internals.positionAbsolute.y + 40 };
    };
    const t0 = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      const k = (now - t0) / 900;
      const e = edges[Math.floor(k) % edges.length]!;
      const a = centre(e.source);
      const b = centre(e.target);
      const f = k % 1;
      if (ref.current) ref.current.style.transform = `translate(${a.x + (b.x - a.x) * f}px, ${a.y + (b.y - a.y) * f}px) translate(-50%, -50%)`;
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [on, getInternalNode]);
  return on ? (
    <ViewportPortal>
      <div ref={ref} className="packet">
        ICMP
      </div>
    </ViewportPortal>
  ) : null;
}

function Flow() {
  const nodes = useFlow((s) => s.nodes);
  const edges = useFlow((s) => s.edges);
  return (
    <div style={{ width: fabric.width, height: fabric.height }} data-testid="canvas">
      <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} nodeOrigin={[0.5, 0]} fitView fitViewOptions={{ padding: 0.12, maxZoom: 1.2 }} minZoom={0.02} maxZoom={2.5}>
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <MiniMap pannable zoomable style={{ width: 160, height: 100 }} />
        <Controls showInteractive={false} />
        <Packet />
      </ReactFlow>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <Flow />
  </ReactFlowProvider>,
);
