// Issue 16: the inspector edits a node's tunnel devices. On the overlay example, host a's vx0:
// a VNI out of range is refused beside its field with iproute2's words and ours, and stays there
// (nothing typed is lost, nothing applied); a valid one is applied as one undo step and shows in
// the device's `ip link add` line. A device is added and removed, and the lines refuse what
// iproute2 refuses, on its line.

import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

test('overlay: vx0 on host a is edited field by field and as ip link add lines', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto('vxlan-overlay');
  await app.select('a');
  const vx0 = page.getByTestId('inspector.tunnel.vx0');
  await expect(vx0.locator('.pw-tunnel__line')).toHaveText('ip link add vx0 type vxlan id 42 dstport 4789 local 192.0.2.1 remote 198.51.100.1 dev eth1');

  const vni = page.getByTestId('inspector.tunnel.vx0.key');
  await vni.fill('16777216');
  await vni.press('Enter');
  await expect(page.getByTestId('inspector.tunnel.vx0.key.error')).toContainText('Error: argument "16777216" is wrong: invalid id');
  await expect(page.getByTestId('inspector.tunnel.vx0.key.error')).toContainText('A VNI is a number from 0 to 16777215.');
  await expect(vni).toHaveValue('16777216');
  await expect(app.undoButton).toBeDisabled();

  await vni.fill('43');
  await vni.press('Enter');
  await expect(vx0.locator('.pw-tunnel__line')).toHaveText('ip link add vx0 type vxlan id 43 dstport 4789 local 192.0.2.1 remote 198.51.100.1 dev eth1');
  await expect(page.getByTestId('inspector.tunnel.vx0.key.error')).toBeHidden();

  const remote = page.getByTestId('inspector.tunnel.vx0.remote');
  await remote.fill('198.51.100');
  await remote.press('Enter');
  await expect(page.getByTestId('inspector.tunnel.vx0.remote.error')).toContainText('Error: inet address is expected rather than "198.51.100".');
  await remote.press('Escape');
  await expect(remote).toHaveValue('198.51.100.1');

  // Added, then removed.
  await page.getByTestId('inspector.tunnel-new.type').selectOption('gre');
  await page.getByTestId('inspector.tunnel-new.add').click();
  await expect(page.getByTestId('inspector.tunnel.gre1').locator('.pw-tunnel__line')).toHaveText('ip link add gre1 type gre');
  const ttl = page.getByTestId('inspector.tunnel.gre1.ttl');
  await ttl.fill('300');
  await ttl.press('Enter');
  await expect(page.getByTestId('inspector.tunnel.gre1.ttl.error')).toContainText('invalid TTL');
  await ttl.fill('64');
  await ttl.press('Enter');
  await expect(page.getByTestId('inspector.tunnel.gre1').locator('.pw-tunnel__line')).toHaveText('ip link add gre1 type gre ttl 64');
  await page.getByTestId('inspector.tunnel.gre1.remove').click();
  await expect(page.getByTestId('inspector.tunnel.gre1')).toHaveCount(0);

  // The lines: a refusal on its line, nothing applied; then applied.
  const lines = page.getByTestId('inspector.tunnels-text');
  await lines.fill('ip link add vx0 type vxlan id 43 dstport 4789 local 192.0.2.1 remote 198.51.100.1 dev eth1\nip link add g1 type gre key 4294967296');
  await expect(page.getByTestId('inspector.tunnels-text.error')).toContainText('line 2: Error: argument "4294967296" is wrong: invalid value for "key"');
  await expect(page.getByTestId('inspector.tunnels-apply')).toBeDisabled();
  await lines.fill('ip link add vx0 type vxlan id 43 dstport 4789 local 192.0.2.1 remote 198.51.100.1 dev eth1\nip link add g1 type gre remote 198.51.100.1 key 7');
  await expect(page.getByTestId('inspector.tunnels-text.error')).toBeHidden();
  await page.getByTestId('inspector.tunnels-apply').click();
  await expect(page.getByTestId('inspector.tunnel.g1').locator('.pw-tunnel__line')).toHaveText('ip link add g1 type gre remote 198.51.100.1 key 7');
});
