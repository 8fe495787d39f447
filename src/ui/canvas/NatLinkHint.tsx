// While a link is being dragged from or to a NAT gateway: which side of the gateway this link will
// make, written above it ("nat1: this link becomes its WAN side (eth2, MASQUERADE)"), as connect
// will decide it (natLinkSide: its first link is the LAN side, its second the WAN side). The rule
// is otherwise only in the palette's tooltip and the inspector's note. Loaded and rendered only
// while a link is dragged (Canvas.tsx).

import { useConnection, useInternalNode, useStore, ViewportPortal, type ConnectionState } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { natLinkSide } from '../../engine/pure';
import { selectTopology, useAppStore } from '../../store';

const NONE = { from: undefined, to: undefined };

/** The ids of the devices at the ends of the link being dragged (compared shallowly by React Flow). */
const ends = (c: ConnectionState): { from: string | undefined; to: string | undefined } => (c.inProgress ? { from: c.fromNode.id, to: c.toNode?.id } : NONE);

export function NatLinkHint() {
  const { from, to } = useConnection(ends);
  if (from === undefined) return null;
  return (
    <ViewportPortal>
      <Hint name={from} />
      {to !== undefined && to !== from ? <Hint name={to} /> : null}
    </ViewportPortal>
  );
}

function Hint({ name }: { name: string }) {
  const { t } = useTranslation();
  const topology = useAppStore(selectTopology);
  const side = useMemo(() => (topology ? natLinkSide(topology, name) : undefined), [topology, name]);
  const node = useInternalNode(name);
  const zoom = useStore((s) => s.transform[2]);
  const width = node?.measured.width;
  if (!side || !node || !width) return null;
  // Above the device's top centre, at the same size on the screen whatever the zoom.
  const x = node.internals.positionAbsolute.x + width / 2;
  const y = node.internals.positionAbsolute.y;
  return (
    <div
      className={`pw-nat-hint pw-nat-hint--${side.side}`}
      style={{ transform: `translate(${x}px, ${y}px) translate(-50%, -100%) scale(${1 / zoom})` }}
      role="status"
      data-testid={`canvas.nat-hint.${name}`}
    >
      {t(`canvas.natSide.${side.side}`, { name, iface: side.iface })}
    </div>
  );
}
