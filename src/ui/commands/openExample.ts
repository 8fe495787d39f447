// Opens one of the bundled examples: the worker reads it, the store holds it.

import type { SimClient } from '../../worker/protocol';
import { useAppStore } from '../../store';

export async function openExample(client: SimClient, name: string): Promise<void> {
  try {
    useAppStore.getState().openTopology(await client.loadExample(name));
  } catch (e) {
    useAppStore.getState().openFailed(e instanceof Error ? e.message : String(e));
  }
}
