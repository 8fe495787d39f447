// "Generate data center…": the dialog checks what is typed, counts the devices, refuses what is
// too large, and opens a routed fabric whose tiers are rows and whose ping crosses it.

import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';

test('a three-tier fabric from the dialog: checked fields, the count, tiers as rows, a ping across it', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto();
  const dialog = await app.openGenerator();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('generator.design.three-tier').check();

  // The defaults: 2 cores, 2 pods of 2 aggregation and 2 access routers, 4 hosts each.
  await expect(dialog.getByTestId('generator.count')).toContainText('30 devices');

  // A field that is not a whole number says why beside it, and nothing can be generated.
  await dialog.getByTestId('generator.pods').fill('two');
  await expect(dialog.getByTestId('generator.pods.error')).toHaveText('A whole number, like 4');
  await expect(dialog.getByTestId('generator.generate')).toBeDisabled();

  // Too large as a whole: the count and the limit.
  await dialog.getByTestId('generator.pods').fill('40');
  await dialog.getByTestId('generator.hostsPerAccess').fill('200');
  await expect(dialog.getByTestId('generator.total-error')).toContainText('at most 10,000');
  await expect(dialog.getByTestId('generator.generate')).toBeDisabled();

  await dialog.getByTestId('generator.pods').fill('3');
  await dialog.getByTestId('generator.hostsPerAccess').fill('2');
  await expect(dialog.getByTestId('generator.pods.error')).toHaveText('');
  // 2 cores + 6 aggregation + 6 access routers, 6 rack switches, 12 hosts.
  await expect(dialog.getByTestId('generator.count')).toContainText('32 devices: 14 routers, 6 switches, 12 hosts');
  await expect(dialog.getByTestId('generator.scenario')).toContainText('three-tier-2-3-2-2-2');
  await dialog.getByTestId('generator.generate').click();
  await expect(dialog).toBeHidden();

  await expect(app.topologyName).toContainText('three-tier-2-3-2-2-2');
  const rowOf = async (name: string) => (await app.node(name).boundingBox())!.y;
  const core = await rowOf('core1');
  const agg = await rowOf('agg1-1');
  const access = await rowOf('acc3-2');
  const host = await rowOf('h3-2-2');
  expect(await rowOf('core2')).toBe(core);
  expect(await rowOf('agg3-2')).toBe(agg);
  expect(core).toBeLessThan(agg);
  expect(agg).toBeLessThan(access);
  expect(access).toBeLessThan(host);
  // Every host has an address in its rack's subnet.
  await expect(app.node('h1-1-1')).toContainText('10.1.');

  await app.runScenario();
  await expect(app.output).toContainText('1 packets transmitted, 1 received', { timeout: 30_000 });
});
