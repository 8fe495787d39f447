// On a NAT gateway, under its note at the top of the inspector: the networks behind a router on
// its LAN side that it has no route back to (engine/edit/returnRoutes.ts), each as the
// `ip route add` line that would fix it, and a button that adds them all (one undo step, checked
// like typed routes). Nothing when none is missing.

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinuxNode } from '../../engine';
import { missingReturnRoutes, routeText } from '../../engine/pure';
import { selectTopology, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import { addReturnRoutes } from '../commands/routes';
import { refusal } from './outcome';

export function ReturnRoutes({ node }: { node: LinuxNode }) {
  const { t } = useTranslation();
  const topology = useAppStore(selectTopology);
  const missing = useMemo(() => (topology ? missingReturnRoutes(topology, node.name) : []), [topology, node.name]);
  const [error, setError] = useState<string>();
  if (!missing.length) return null;
  const routers = [...new Set(missing.map((r) => r.router))].join(', ');
  const add = async () => setError(refusal(await addReturnRoutes(simClient(), node.name)));
  return (
    <div className="pw-note pw-return" data-testid="inspector.return-routes">
      <strong className="pw-return__title">{t('inspector.returnRoutes.title', { routers })}</strong>
      <p>{t('inspector.returnRoutes.text', { count: missing.length, routers })}</p>
      <ul className="pw-return__lines">
        {missing.map((r) => (
          <li key={routeText(r.route)} className="pw-mono">{`ip route add ${routeText(r.route)}`}</li>
        ))}
      </ul>
      <button type="button" className="pw-button pw-button--small pw-button--primary" onClick={() => void add()} data-testid="inspector.return-routes.add">
        {t('inspector.returnRoutes.add', { count: missing.length })}
      </button>
      {error ? (
        <p className="pw-field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
