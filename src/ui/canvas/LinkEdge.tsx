// A link: a straight line between the two devices' symbols, with each end's interface name
// written next to the device it belongs to (as on a network diagram), where diagramLabels.ts puts
// it: on the line, moved along it while a card, a symbol or another link is there. Two links
// between the same devices (two cables) are drawn side by side. During a walk of several flows on
// a multipath network, a link shows the colours of the flows that took it (flowColors.ts). On a
// VLAN-aware bridge an end carries its VLAN: an access port's id in the VLAN's colour, a trunk's
// "T" with its VLANs in the tooltip (vlanMarks.ts).

import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectLink, selectParallel, useAppStore } from '../../store';
import { DIAGRAM, parseEnds, useEnds } from './diagramLabels';
import type { LinkFlowEdge } from './flowTypes';
import { endPoint } from './labels';
import { stepMark } from './stepMarks';
import { FLOW_COLORS, flowDash, selectLinkFlows } from './flowColors';
import { linkSegment, SYMBOL_CENTRE_Y, type Point } from './geometry';
import { selectPortMark } from './vlanMarks';

function symbolCentre(n: InternalNode): Point | undefined {
  const { width } = n.measured;
  if (!width) return undefined;
  return { x: n.internals.positionAbsolute.x + width / 2, y: n.internals.positionAbsolute.y + SYMBOL_CENTRE_Y };
}

export const LinkEdge = memo(function LinkEdge({ id, source, target, selected }: EdgeProps<LinkFlowEdge>) {
  const link = useAppStore(selectLink(id));
  const parallel = useAppStore(selectParallel(id));
  const { t, i18n } = useTranslation();
  const spots = useEnds(id, i18n.language);
  const mark = useMemo(() => stepMark(`l:${id}`), [id]);
  const flows = useAppStore(useMemo(() => selectLinkFlows(id), [id]));
  const markA = useAppStore(useMemo(() => selectPortMark(link ? `${link.a.node}:${link.a.iface}` : ''), [link]));
  const markB = useAppStore(useMemo(() => selectPortMark(link ? `${link.b.node}:${link.b.iface}` : ''), [link]));
  const a = useInternalNode(source);
  const b = useInternalNode(target);
  const ca = a && symbolCentre(a);
  const cb = b && symbolCentre(b);
  if (!link || !ca || !cb) return null;

  // Parallel links: shifted across the line, the same way whichever device is "a".
  const [start, end] = linkSegment(ca, cb, link.a.node, link.b.node, parallel, () => DIAGRAM.cut);
  // Measured from the line as drawn now (a device being dragged carries its names with it).
  const [spotA, spotB] = parseEnds(spots) ?? [
    { along: 0, across: 0 },
    { along: 0, across: 0 },
  ];
  const path = `M ${start.x},${start.y} L ${end.x},${end.y}`;
  const ends = [
    { at: endPoint(start, end, 'a', spotA), endpoint: link.a, mark: markA },
    { at: endPoint(start, end, 'b', spotB), endpoint: link.b, mark: markB },
  ];
  return (
    <>
      {/* During a walk: marked when the step's frames cross it (stepMarks.ts). */}
      <g ref={mark}>
        {flows.map((f, k) => (
          <path
            key={f}
            d={path}
            className="pw-link__flow"
            style={flowDash(k, flows.length)}
            data-flow={f % FLOW_COLORS}
            data-testid={`link-flow.${id}.${f}`}
          />
        ))}
        <BaseEdge id={id} path={path} className={`pw-link${selected ? ' is-selected' : ''}${flows.length ? ' has-flows' : ''}`} />
      </g>
      <EdgeLabelRenderer>
        {ends.map(({ at, endpoint, mark: vlan }) => (
          <div
            key={`${endpoint.node}:${endpoint.iface}`}
            ref={mark}
            className={`pw-link__iface nodrag nopan${selected ? ' is-selected' : ''}`}
            data-vlan={vlan?.kind}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)`, ...(vlan?.colour ? { '--vlan': vlan.colour } : {}) }}
            title={vlan && t(`vlanMark.${vlan.kind}`, { vids: vlan.vids, native: vlan.native ?? '—' })}
            data-testid={`link-end.${endpoint.node}.${endpoint.iface}`}
          >
            {endpoint.iface}
            {vlan && (
              <span className="pw-vlan-mark">{vlan.text}</span>
            )}
          </div>
        ))}
      </EdgeLabelRenderer>
    </>
  );
});
