// ECMP across a generated fabric: a 4-spine leaf–spine network from the generator (ECMP, its
// default), eight flows with different source ports from a host of rack 1 to one of rack 2. More
// than one spine carries them, each flow's links are drawn in its colour, and the spine each one
// crossed is the one Linux's multipath hash picks for it (computed here with the engine's hash:
// fib_multipath_hash_policy 1 over addresses, protocol and ports, the fabric's seed, four equal
// weights), its answer coming back over the same spine.

import { expect, test } from '@playwright/test';
import { FABRIC_HASH_SEED } from '../src/engine/generate/fabric';
import { multipathHash, multipathKeys, selectNexthop } from '../src/engine/devices/linux/fib-multipath';
import { upperBounds } from '../src/engine/tables/fib';
import type { Ipv4Addr } from '../src/engine/wire/addr';
import { AppPage } from './pages/AppPage';

const FLOWS = 8;
const SPINES = 4;

/** The spine leaf1 sends flow i to: the path fib_select_multipath picks for its hash. */
function expectedSpine(i: number): string {
  const keys = multipathKeys(1, { flow: { src: '10.1.0.2' as Ipv4Addr, proto: 6, sport: 40000 + i, dport: 80 }, dst: '10.1.1.3' as Ipv4Addr });
  const nexthops = upperBounds(Array(SPINES).fill(1)).map((upperBound, k) => ({ dev: `eth${k + 1}`, nhScope: 'link' as const, weight: 1, upperBound }));
  return `spine${selectNexthop(nexthops, multipathHash(keys, FABRIC_HASH_SEED)) + 1}`;
}

test('flows across a generated 4-spine ECMP fabric spread over the spines, each on the spine its hash picks', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto();
  const dialog = await app.openGenerator();
  await dialog.getByTestId('generator.design.leaf-spine').check();
  await dialog.getByTestId('generator.spines').fill(String(SPINES));
  await dialog.getByTestId('generator.leaves').fill('2');
  await dialog.getByTestId('generator.hostsPerLeaf').fill('2');
  await expect(dialog.getByTestId('generator.ecmp')).toBeChecked();
  await dialog.getByTestId('generator.scenario.flows').check();
  await dialog.getByTestId('generator.flows').fill(String(FLOWS));
  await expect(dialog.getByTestId('generator.scenario')).toContainText(`${FLOWS} flows from h1-1 to h2-2`);
  await dialog.getByTestId('generator.generate').click();
  await expect(dialog).toBeHidden();

  await app.runScenario();
  const legend = page.getByTestId('player.flows');
  await expect(legend).toBeVisible({ timeout: 30_000 });
  await expect(legend.locator('li')).toHaveCount(FLOWS);

  const spines = new Set<string>();
  for (let i = 0; i < FLOWS; i++) {
    const flow = page.getByTestId(`player.flow.${i}`);
    await expect(flow).toContainText(`nc -z -p ${40000 + i} 10.1.1.3 80`);
    const spine = expectedSpine(i);
    // The routers that forwarded it, both ways: leaf1, the hashed spine, leaf2.
    await expect(flow).toHaveAttribute('data-routers', `leaf1 ${spine} leaf2`);
    spines.add(spine);
    // On the diagram: the flow's colour on leaf1's link to that spine and on that spine's link to leaf2, on no other spine link.
    const k = spine.slice('spine'.length);
    await expect(page.getByTestId(`link-flow.leaf1:eth${k}--${spine}:eth1.${i}`)).toHaveCount(1);
    await expect(page.getByTestId(`link-flow.leaf2:eth${k}--${spine}:eth2.${i}`)).toHaveCount(1);
    await expect(page.locator(`[data-testid^="link-flow."][data-testid*="spine"][data-testid$=".${i}"]`)).toHaveCount(2);
  }
  expect(spines.size).toBeGreaterThan(1);
});
