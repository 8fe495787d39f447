// The network diagram and where it is edited. React Flow needs each node's position in its
// `nodes` array, so the canvas subscribes to the topology's node and link lists (which change only
// when a node or link does) and to the selected ids; what a node shows, each node component reads
// itself. The sizes React Flow measures and the positions of a drag in progress stay here: they
// are view state. A drag is written to the document once, when it ends (one undo step).

import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
  Controls,
  ReactFlow,
  useConnection,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeHandle,
  Position as HandlePosition,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position, Role, TopoNode } from '../../engine';
import { linkKey } from '../../engine/pure';
import { selectLinks, selectNodes, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { openFile } from '../commands/files';
import { toast } from '../toast/toastStore';
import { GRID, snapped, useView } from '../viewStore';
import { Camera, FIT_VIEW_OPTIONS } from './Camera';
import { NO_DATA, type DeviceFlowNode, type LinkFlowEdge } from './flowTypes';
import { fallbackPosition, SYMBOL_CENTRE_Y } from './geometry';
import { ICON_VARS, ROLES } from './icons';
import { edgeTypes, nodeTypes, UnderDrawing } from './nodeTypes';
import { useDiagramKeys } from './useDiagramKeys';
import { selectWalking } from '../player/selectors';
import { useTerminals } from '../terminal/terminalStore';
import './canvas.css';

interface Size {
  width: number;
  height: number;
}

/** The drag-and-drop type of a palette device (its role). */
export const ROLE_MIME = 'application/x-packetwalk-role';

/** Networks with more devices than this draw only the devices in view when zoomed in. */
const LARGE = 200;

/**
 * A large network's device not measured yet (as an empty box under the drawing, canvas.css
 * .pw-node-far): React Flow culls it, fits it and places the moving frames on it by this size.
 */
const BOX_SIZE: Size = { width: 96, height: 70 };
/**
 * And its handles until it is measured: React Flow renders every device whose handles it has not
 * measured, in view or not (2 000 cards at once when a walk first zoomed in).
 */
const BOX_HANDLES: NodeHandle[] = [
  { id: 'connect', type: 'source', position: HandlePosition.Right, x: BOX_SIZE.width - 12, y: 0, width: 12, height: 12 },
  { id: 'drop', type: 'target', position: HandlePosition.Left, x: 0, y: 0, ...BOX_SIZE },
];
const UNMEASURED = { measured: BOX_SIZE, handles: BOX_HANDLES };
/**
 * Under the drawing a device is hidden from React Flow (no element, no subscription to its store:
 * 2 000 empty boxes made every update of that store ask each of them whether it changed), except
 * the diagram's tab stop and the selected devices, which keep an empty box for the keyboard.
 */
const FAR_HIDDEN = { hidden: true, draggable: false, connectable: false };
const FAR_BOX = { draggable: false, connectable: false };
const NO_EDGES: LinkFlowEdge[] = [];

/**
 * Below this zoom the interface names on the links are too small to read (under 5 px): they are
 * not drawn (canvas.css), which also spares the browser thousands of labels to hit-test and
 * paint at every step of a pan on a large network.
 */
const FAR_ZOOM = 0.4;

const loadFarView = () => import('./FarView');
const FarView = lazy(() => loadFarView().then((m) => ({ default: m.FarView })));
// The frames of a walk (and where they rest among the labels) come with the first walk.
const PacketLayer = lazy(() => import('./PacketLayer').then((m) => ({ default: m.PacketLayer })));
// What a link dragged to or from a NAT gateway will be comes with the first link dragged.
const NatLinkHint = lazy(() => import('./NatLinkHint').then((m) => ({ default: m.NatLinkHint })));
const isConnecting = (c: { inProgress: boolean }) => c.inProgress;
// The overview comes just after the diagram (the first load has no room for it).
const MiniMap = lazy(() => import('./MiniMap').then((m) => ({ default: m.MiniMap })));
// The tunnels' curves come with the packet layer's chunk (they share what they import).
const TunnelLayer = lazy(() => import('./PacketLayer').then((m) => ({ default: m.TunnelLayer })));

// React Flow copies every prop it is given into its store when the prop changes (a new array or
// function is a change), and every device listens to that store: props are stable values.
const NODE_ORIGIN: [number, number] = [0.5, 0];
const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];
const MINIMAP_SIZE = { width: 160, height: 100 };
const isValidConnection = (c: { source: string; target: string }) => c.source !== c.target;
/** The diagram's one tab stop, and the devices and links the arrow keys and L reach (useDiagramKeys). */
const TAB_STOP = { tabIndex: 0 };
const NOT_A_TAB_STOP = { tabIndex: -1 };

/** React Flow places a node by its top centre; the document by its symbol's centre. */
const toFlow = (p: Position): Position => ({ x: p.x, y: p.y - SYMBOL_CENTRE_Y });
const fromFlow = (p: Position): Position => ({ x: p.x, y: p.y + SYMBOL_CENTRE_Y });

const ROLE_SET = new Set<string>(ROLES);

/**
 * React Flow renders again every device and link whose object is new: the
 * object made last time for the same device or link is given again while nothing in it changed,
 * so that a selection renders what it changes, not 2 000 devices.
 */
const madeFor = new WeakMap<object, DeviceFlowNode | LinkFlowEdge>();
function again<T extends DeviceFlowNode | LinkFlowEdge>(of: object, made: T): T {
  const old = madeFor.get(of) as T | undefined;
  if (old && sameFields(old, made)) return old;
  madeFor.set(of, made);
  return made;
}
function sameFields(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    const [va, vb] = [(a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]];
    if (Object.is(va, vb)) return true;
    const [pa, pb] = [va as Position, vb as Position];
    return k === 'position' && pa.x === pb.x && pa.y === pb.y;
  });
}

function ariaLabelOf(n: TopoNode, role: string): string {
  const addrs = n.kind === 'linux' ? n.ifaces.flatMap((i) => i.addrs.map((a) => `${i.name} ${a.ip}/${a.len}`)) : [];
  return [n.name, role, ...addrs].join(', ');
}

function EmptyHint() {
  const { t } = useTranslation();
  return (
    <div className="pw-canvas__empty" data-testid="canvas.empty">
      {t('canvas.empty')}
    </div>
  );
}

export function Canvas() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const topoNodes = useAppStore(selectNodes);
  const links = useAppStore(selectLinks);
  const selectedNodes = useAppStore((s) => s.selectedNodes);
  const selectedLinks = useAppStore((s) => s.selectedLinks);
  const moveNodes = useAppStore((s) => s.moveNodes);
  const setNodeSelected = useAppStore((s) => s.setNodeSelected);
  const setLinkSelected = useAppStore((s) => s.setLinkSelected);
  const snapToGrid = useView((s) => s.snapToGrid);
  // During a walk, devices and links the current step does not involve are dimmed (player.css).
  const walking = useAppStore(selectWalking);
  const connecting = useConnection(isConnecting);
  // A large network opens fitted to the view, at a zoom not known before React Flow has fitted it
  // (its first move): until then it is taken as zoomed out, as it is once fitted unless it is small
  // enough to read, so that the page does not first draw every device in the view it had before.
  const [fitting, setFitting] = useState(() => topoNodes.length > LARGE);
  const far = useStore((s) => s.transform[2] < FAR_ZOOM) || fitting;
  // A large network zoomed out is drawn on one canvas (farView.ts); its devices come back zoomed in.
  // The drawing is loaded when a large network opens (the first load carries none of it).
  const large = topoNodes.length > LARGE;
  const [farLoaded, setFarLoaded] = useState(false);
  useEffect(() => {
    if (large && !farLoaded) void loadFarView().then(() => setFarLoaded(true));
  }, [large, farLoaded]);
  const drawn = far && large && farLoaded;
  // Under the drawing the page draws no device and no link: React Flow keeps the devices hidden
  // (placed, sized: the fitted view and the moving frames use them) and is given no link.
  // Mounting 2 000 devices' cards and links blocked the page for seconds.
  const underDrawing = far && large;
  /** What a pane click selects while the network is drawn (set by FarView). */
  const farClick = useRef<((e: ReactMouseEvent) => void) | undefined>(undefined);
  const toggleSnap = useView((s) => s.toggleSnap);
  const { screenToFlowPosition, fitView } = useReactFlow();
  // Maps by device name (a device may be called "constructor").
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(() => new Map());
  /** Positions of the devices being dragged, until the drag ends. */
  const [dragging, setDragging] = useState<ReadonlyMap<string, Position>>(() => new Map());
  /** Has the user panned or zoomed since the view was last fitted? */
  const userMoved = useRef(false);
  // Fit the opened network once (the canvas is remounted for each document). Not an empty one:
  // React Flow would fit the first device added, and move it away from where it was dropped.
  const [fitOnOpen] = useState(() => topoNodes.length > 0);
  // React Flow fits when it has measured the devices it draws; a large network's are hidden and
  // sized at once, before React Flow can move the view: it is fitted as soon as the view can move.
  const canMove = useStore((s) => s.panZoom !== null);
  const fitLarge = useRef(fitOnOpen && large);
  useEffect(() => {
    if (!fitLarge.current || !canMove) return;
    fitLarge.current = false;
    void fitView(FIT_VIEW_OPTIONS);
  }, [canMove, fitView]);
  const root = useRef<HTMLDivElement>(null);
  const { tabStop, onKeyDownCapture, onFocusCapture } = useDiagramKeys(root);

  // Written once per network and language, not at each selection, drag or measure, nor when more
  // words load (the player's, at the first walk: `t` changes then, these words do not).
  const ariaLabels = useMemo(() => {
    const tl = i18n.getFixedT(lang);
    const roles = new Map(ROLES.map((r) => [r, tl(`role.${r}`)]));
    return topoNodes.map((n) => ariaLabelOf(n, roles.get(n.role) ?? n.role));
  }, [topoNodes, i18n, lang]);
  const nodes = useMemo<DeviceFlowNode[]>(() => {
    const selected = new Set(selectedNodes);
    return topoNodes.map((n, i) => {
      const measured = sizes.get(n.name);
      return again(n, {
        id: n.name,
        type: n.kind,
        ...(underDrawing ? (n.name === tabStop || selected.has(n.name) ? FAR_BOX : FAR_HIDDEN) : {}),
        position: dragging.get(n.name) ?? toFlow(n.position ?? fallbackPosition(i)),
        data: NO_DATA,
        selected: selected.has(n.name),
        ariaLabel: ariaLabels[i],
        domAttributes: n.name === tabStop ? TAB_STOP : NOT_A_TAB_STOP,
        ...(measured ? { measured } : large ? UNMEASURED : {}),
      });
    });
  }, [topoNodes, selectedNodes, sizes, dragging, tabStop, ariaLabels, underDrawing, large]);

  const hasTunnels = useMemo(() => topoNodes.some((n) => n.kind === 'linux' && n.tunnels?.length), [topoNodes]);

  const linkLabels = useMemo(() => {
    // The sentence once, its two ends filled in for each link.
    const sentence = i18n.getFixedT(lang)('canvas.link', { a: '\uE000', b: '\uE001' });
    return links.map((l) => sentence.replace(/[\uE000\uE001]/g, (end) => (end === '\uE000' ? `${l.a.node} ${l.a.iface}` : `${l.b.node} ${l.b.iface}`)));
  }, [links, i18n, lang]);
  const edges = useMemo<LinkFlowEdge[]>(() => {
    if (underDrawing) return NO_EDGES;
    const selected = new Set(selectedLinks);
    return links.map((l, i) => {
      const id = linkKey(l);
      return again(l, { id, type: 'link', source: l.a.node, target: l.b.node, data: NO_DATA, selected: selected.has(id), ariaLabel: linkLabels[i], domAttributes: NOT_A_TAB_STOP });
    });
  }, [links, selectedLinks, linkLabels, underDrawing]);

  const onNodesChange = useCallback(
    (changes: NodeChange<DeviceFlowNode>[]) => {
      const measured = new Map<string, Size>();
      const moving = new Map<string, Position>();
      const moved = new Map<string, Position>();
      for (const c of changes) {
        if (c.type === 'position' && c.position) (c.dragging ? moving : moved).set(c.id, c.position);
        else if (c.type === 'select') setNodeSelected(c.id, c.selected);
        else if (c.type === 'dimensions' && c.dimensions) measured.set(c.id, c.dimensions);
      }
      if (measured.size) setSizes((prev) => new Map([...prev, ...measured]));
      if (moving.size) setDragging((prev) => new Map([...prev, ...moving]));
      if (moved.size) {
        // The end of a drag (or an arrow key): one edit for every device that moved.
        moveNodes(Object.fromEntries([...moved].map(([id, p]) => [id, fromFlow(p)])));
        setDragging((prev) => {
          const next = new Map(prev);
          for (const id of moved.keys()) next.delete(id);
          return next;
        });
      }
    },
    [moveNodes, setNodeSelected],
  );

  // A device's menu (its terminal, select, delete) at the pointer: the browser's own menu is not useful on the diagram.
  const onNodeContextMenu = useCallback((e: ReactMouseEvent, node: DeviceFlowNode) => {
    e.preventDefault();
    useTerminals.getState().openMenu(node.id, e.clientX, e.clientY);
  }, []);
  const onNodeDragStop = useCallback(() => {
    // A drag that ends where it started emits no final position: forget its positions.
    setDragging(new Map());
  }, []);

  const onEdgesChange = useCallback(
    (changes: EdgeChange<LinkFlowEdge>[]) => {
      for (const c of changes) if (c.type === 'select') setLinkSelected(c.id, c.selected);
    },
    [setLinkSelected],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const r = useAppStore.getState().connect(c.source, c.target);
      if (r?.kind === 'error' && r.reason === 'self') toast('info', t('canvas.selfLink'));
    },
    [t],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(ROLE_MIME) || e.dataTransfer.types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const role = e.dataTransfer.getData(ROLE_MIME);
      if (ROLE_SET.has(role)) {
        e.preventDefault();
        const at = snapped(screenToFlowPosition({ x: e.clientX, y: e.clientY }), useView.getState().snapToGrid);
        useAppStore.getState().addDevice(role as Role, at);
        return;
      }
      const file = e.dataTransfer.files[0];
      if (file) {
        e.preventDefault();
        void openFile(simClient(), file);
      }
    },
    [screenToFlowPosition],
  );

  // Drawn zoomed out, the devices and links are not in the page's way: a click on the pane selects
  // what the drawing shows under it.
  const onPaneClick = useCallback((e: ReactMouseEvent) => farClick.current?.(e), []);

  const resetMoved = useCallback(() => {
    userMoved.current = false;
  }, []);

  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    // A large network's first move is the fit on open (see `fitting`).
    setFitting(false);
    // Only panning and zooming by the user carry an event; fitView does not.
    if (event) userMoved.current = true;
  }, []);

  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('canvas.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('canvas.nodeHelp'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t('canvas.moved', { direction: t(`canvas.direction.${direction as 'left'}`, { defaultValue: direction }), x: Math.round(x), y: Math.round(y) }),
      'edge.a11yDescription.default': t('canvas.edgeHelp'),
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
    }),
    [t],
  );

  return (
    <div
      ref={root}
      className={`pw-canvas${walking ? ' pw-canvas--walking' : ''}${far ? ' pw-canvas--far' : ''}${drawn ? ' pw-canvas--drawn' : ''}`}
      style={ICON_VARS}
      data-testid="canvas"
      // Focused when the focused device is deleted and none is left (useDiagramKeys).
      tabIndex={-1}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onKeyDownCapture={onKeyDownCapture}
      onFocusCapture={onFocusCapture}
    >
      <UnderDrawing value={underDrawing}>
        <ReactFlow<DeviceFlowNode, LinkFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onNodeContextMenu={onNodeContextMenu}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          connectionMode={ConnectionMode.Strict}
          connectionRadius={30}
          nodeOrigin={NODE_ORIGIN}
          snapToGrid={snapToGrid}
          snapGrid={SNAP_GRID}
          deleteKeyCode={null}
          // Space plays and pauses the walk (usePlayerKeys); the view pans by dragging anyway.
          panActivationKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          fitView={fitOnOpen && !large}
          fitViewOptions={FIT_VIEW_OPTIONS}
          onMoveStart={onMoveStart}
          onPaneClick={onPaneClick}
          // Zoomed in on a large network (the player following a packet), only the devices in view
          // are drawn: a step's pan then repaints a few dozen. Under the drawing, React Flow then
          // mounts nothing for the hidden devices.
          onlyRenderVisibleElements={large}
          minZoom={0.02}
          maxZoom={2.5}
          aria-label={t('canvas.label')}
          ariaLabelConfig={ariaLabelConfig}
          attributionPosition="top-right"
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} color="#cbd5e1" />
          <Suspense fallback={null}>
            <MiniMap nodes={topoNodes} size={MINIMAP_SIZE} ariaLabel={t('canvas.minimap')} />
          </Suspense>
          <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} onFitView={resetMoved}>
            <ControlButton
              onClick={toggleSnap}
              aria-label={t('canvas.snap')}
              title={t('canvas.snap')}
              aria-pressed={snapToGrid}
              className={snapToGrid ? 'pw-snap is-on' : 'pw-snap'}
              data-testid="canvas.snap"
            >
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M2 5h12M2 11h12M5 2v12M11 2v12" stroke="currentColor" strokeWidth="1.4" fill="none" />
              </svg>
            </ControlButton>
          </Controls>
          {drawn && (
            <Suspense fallback={null}>
              <FarView count={topoNodes.length} clickRef={farClick} />
            </Suspense>
          )}
          {/* A large network is open but its drawing not loaded yet. */}
          {underDrawing && !farLoaded && (
            <div className="pw-status" role="status" data-testid="canvas.loading">
              <span className="pw-spinner pw-spinner--dark" aria-hidden="true" /> {t('app.loading')}
            </div>
          )}
          <Camera userMoved={userMoved} resetMoved={resetMoved} />
          {hasTunnels && (
            <Suspense fallback={null}>
              <TunnelLayer />
            </Suspense>
          )}
          {walking && (
            <Suspense fallback={null}>
              <PacketLayer />
            </Suspense>
          )}
          {connecting && (
            <Suspense fallback={null}>
              <NatLinkHint />
            </Suspense>
          )}
        </ReactFlow>
      </UnderDrawing>
      {topoNodes.length === 0 && <EmptyHint />}
    </div>
  );
}
