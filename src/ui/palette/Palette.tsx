// The device palette: Host, Server, Switch, Router and NAT gateway. Drag one onto the canvas, or
// press it (mouse or keyboard) to add it in the middle of the view, beside any device already
// there. The new device is selected, so the inspector opens on it.

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position, Role } from '../../engine';
import { selectNodes, useAppStore } from '../../store';
import { DeviceIcon } from '../canvas/DeviceIcon';
import { ROLE_MIME } from '../canvas/Canvas';
import { ReasonButton } from '../toolbar/ReasonButton';
import { snapped, useView } from '../viewStore';
import './palette.css';

/** In the order they are offered. */
export const PALETTE: readonly Role[] = ['host', 'server', 'switch', 'router', 'nat'];

/** How close two devices may be added before the new one is moved aside. */
const CLEARANCE = 90;

/** The spot nearest `p` (stepping down-right) that no device occupies. */
export function freeSpot(p: Position, taken: readonly Position[], step = 40): Position {
  let at = p;
  for (let k = 0; k < 50 && taken.some((q) => Math.abs(q.x - at.x) < CLEARANCE && Math.abs(q.y - at.y) < CLEARANCE); k++) {
    at = { x: at.x + step, y: at.y + step };
  }
  return at;
}

export function Palette() {
  const { t } = useTranslation();
  const ready = useAppStore((s) => s.doc.status === 'ready');
  const { screenToFlowPosition } = useReactFlow();
  const flow = useStoreApi();

  const addAtCentre = useCallback(
    (role: Role) => {
      const { domNode } = flow.getState();
      const box = domNode?.getBoundingClientRect();
      const centre = box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      const taken = selectNodes(useAppStore.getState()).flatMap((n) => (n.position ? [n.position] : []));
      const snap = useView.getState().snapToGrid;
      useAppStore.getState().addDevice(role, snapped(freeSpot(snapped(centre, snap), taken), snap));
    },
    [flow, screenToFlowPosition],
  );

  const onDragStart = (role: Role) => (e: DragEvent) => {
    e.dataTransfer.setData(ROLE_MIME, role);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="pw-palette" aria-label={t('palette.label')} data-testid="palette">
      <p id="pw-palette-hint" className="pw-sr-only">
        {t('palette.hint')}
      </p>
      <p id="pw-palette-nat-hint" className="pw-sr-only">
        {t('palette.natHint')}
      </p>
      {PALETTE.map((role) => (
        <ReasonButton
          key={role}
          type="button"
          className={`pw-palette__item pw-node--${role}`}
          draggable={ready}
          reason={ready ? undefined : t('header.why.noNetwork')}
          onDragStart={onDragStart(role)}
          onClick={() => addAtCentre(role)}
          title={role === 'nat' ? `${t('palette.natHint')}\n${t('palette.hint')}` : t('palette.hint')}
          aria-label={t(`role.${role}`)}
          aria-describedby={role === 'nat' ? 'pw-palette-nat-hint pw-palette-hint' : 'pw-palette-hint'}
          data-testid={`palette.add-${role}`}
        >
          <DeviceIcon role={role} size={30} />
          <span className="pw-palette__label">{t(`role.${role}`)}</span>
        </ReasonButton>
      ))}
    </nav>
  );
}
