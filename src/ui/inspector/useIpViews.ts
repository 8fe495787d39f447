// What `ip` and `bridge` print on one device, asked from the worker whenever the network or the
// last run changes. The answer to an older question never replaces a newer one.

import { useEffect, useState } from 'react';
import type { NodeState, Topology } from '../../engine';
import { selectLearned, selectTopology, useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import type { IpViews } from '../../worker/protocol';

/** One question per (topology, device, learned state): the route rows and the Linux views share it. */
const asked = new WeakMap<Topology, Map<string, { learned: NodeState | undefined; answer: Promise<IpViews> }>>();

function ask(topology: Topology, name: string, learned: NodeState | undefined): Promise<IpViews> {
  let byName = asked.get(topology);
  if (!byName) asked.set(topology, (byName = new Map()));
  const hit = byName.get(name);
  if (hit && hit.learned === learned) return hit.answer;
  const answer = simClient().ipViews(topology, name, learned);
  byName.set(name, { learned, answer });
  answer.catch(() => byName.delete(name));
  return answer;
}

export type ViewsState = { status: 'loading'; last?: IpViews } | { status: 'ready'; views: IpViews } | { status: 'failed'; message: string };

export function useIpViews(name: string): ViewsState {
  const topology = useAppStore(selectTopology);
  const learned = useAppStore(selectLearned(name));
  const [state, setState] = useState<ViewsState>({ status: 'loading' });
  useEffect(() => {
    if (!topology || !topology.nodes.some((n) => n.name === name)) return;
    let current = true;
    setState((s) => ({ status: 'loading', ...(s.status === 'ready' ? { last: s.views } : {}) }));
    ask(topology, name, learned).then(
        (views) => current && setState({ status: 'ready', views }),
        (e: unknown) => current && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      current = false;
    };
  }, [topology, name, learned]);
  return state;
}

/** The views to show: the fresh ones, else the previous ones while the fresh ones come. */
export const viewsOf = (s: ViewsState): IpViews | undefined => (s.status === 'ready' ? s.views : s.status === 'loading' ? s.last : undefined);
