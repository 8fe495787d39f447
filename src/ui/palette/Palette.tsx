// The device palette: Host, Server, Switch, L3 switch, Router and NAT gateway. Drag one onto the canvas, or
// press it (mouse or keyboard) to add it in the middle of the view, or the free space nearest it
// (never on a device, its card, a link or an interface name: canvas/freeSpace.ts).
// The new device is selected, so the inspector opens on it.

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position, Role } from '../../engine';
import { useAppStore } from '../../store';
import { DeviceIcon } from '../canvas/DeviceIcon';
import { ROLE_MIME } from '../canvas/Canvas';
import { ReasonButton } from '../toolbar/ReasonButton';
import { snapped, useView } from '../viewStore';
import './palette.css';

/** In the order they are offered. */
export const PALETTE: readonly Role[] = ['host', 'server', 'switch', 'l3switch', 'router', 'nat'];

/** The view's edge kept clear when a device is added in it (screen pixels). */
const INSET = 24;

/** The box between two corners. */
const flowBox = (a: Position, b: Position) => ({ x: a.x, y: a.y, width: Math.max(0, b.x - a.x), height: Math.max(0, b.y - a.y) });

export function Palette() {
  const { t, i18n } = useTranslation();
  const ready = useAppStore((s) => s.doc.status === 'ready');
  const { screenToFlowPosition } = useReactFlow();
  const flow = useStoreApi();

  const addAtCentre = useCallback(
    (role: Role) => {
      const { domNode } = flow.getState();
      const box = domNode?.getBoundingClientRect();
      const centre = box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      const view = box && flowBox(screenToFlowPosition({ x: box.left + INSET, y: box.top + INSET }), screenToFlowPosition({ x: box.right - INSET, y: box.bottom - INSET }));
      const snap = useView.getState().snapToGrid;
      // Where it fits is worked out by a module of its own, loaded with the first device added so.
      void import('../canvas/freeSpace').then(({ newDeviceSpot }) => {
        const state = useAppStore.getState();
        state.addDevice(role, newDeviceSpot(state, i18n.language, role, snapped(centre, snap), view));
      });
    },
    [flow, screenToFlowPosition, i18n.language],
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
