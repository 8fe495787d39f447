// Generates a fabric in the worker and opens it as a new network, like an example: a new history,
// autosaved. Asks first when the network on screen was changed.

import i18n from '../../i18n';
import { useAppStore } from '../../store';
import type { SimClient } from '../../worker/protocol';
import { confirmReplace } from '../commands/replace';
import { toast } from '../toast/toastStore';
import type { FabricSpec } from '../../walk/fabricSpec';

export type OpenPhase = 'generating' | 'drawing';

/** Returns true when the fabric was opened; `onPhase` hears what is happening (for a busy state). */
export async function openFabric(client: SimClient, spec: FabricSpec, onPhase: (phase: OpenPhase) => void = () => {}): Promise<boolean> {
  if (!(await confirmReplace())) return false;
  try {
    onPhase('generating');
    const topology = await client.generateFabric(spec);
    onPhase('drawing');
    // Let the busy state paint before React draws a few thousand devices.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    useAppStore.getState().openTopology(topology);
    return true;
  } catch (e) {
    toast('error', i18n.t('generator.failed'), { details: [e instanceof Error ? e.message : String(e)], testId: 'generate-error' });
    return false;
  }
}
