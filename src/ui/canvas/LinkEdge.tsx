// A link: a straight line between the two nodes, cut at their borders, with each end's interface
// name written next to the node it belongs to (as on a network diagram).

import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo } from 'react';
import { selectLink, useAppStore } from '../../store';
import type { LinkFlowEdge } from './flowTypes';
import { borderPoint, centre, endLabels, type Box, type Size } from './geometry';

/** The size of an interface name's label (see .pw-link__iface: 11.5px monospace, 5px padding). */
const labelSize = (text: string): Size => ({ width: text.length * 7 + 12, height: 20 });

function boxOf(n: InternalNode): Box | undefined {
  const { width, height } = n.measured;
  if (!width || !height) return undefined;
  return { ...n.internals.positionAbsolute, width, height };
}

export const LinkEdge = memo(function LinkEdge({ id, source, target, selected }: EdgeProps<LinkFlowEdge>) {
  const link = useAppStore(selectLink(id));
  const a = useInternalNode(source);
  const b = useInternalNode(target);
  const boxA = a && boxOf(a);
  const boxB = b && boxOf(b);
  if (!link || !boxA || !boxB) return null;

  const start = borderPoint(boxA, centre(boxB), 2);
  const end = borderPoint(boxB, centre(boxA), 2);
  const [labelA, labelB] = endLabels(start, end, labelSize(link.a.iface), labelSize(link.b.iface));
  const ends = [
    { at: labelA, endpoint: link.a },
    { at: labelB, endpoint: link.b },
  ];
  return (
    <>
      <BaseEdge id={id} path={`M ${start.x},${start.y} L ${end.x},${end.y}`} className={selected ? 'pw-link is-selected' : 'pw-link'} />
      <EdgeLabelRenderer>
        {ends.map(({ at, endpoint }) => (
          <div
            key={`${endpoint.node}:${endpoint.iface}`}
            className={`pw-link__iface nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
            data-testid={`link-end.${endpoint.node}.${endpoint.iface}`}
          >
            {endpoint.iface}
          </div>
        ))}
      </EdgeLabelRenderer>
    </>
  );
});
