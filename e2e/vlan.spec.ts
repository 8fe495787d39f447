// Issue 21: two VLANs on one switch, built through the UI, joined by a router on a stick. sw1's
// port p1 is an access port of VLAN 10 (h1), p2 of VLAN 20 (h2), p3 a trunk of both to r1, which
// has a VLAN subinterface for each (eth1.10, eth1.20) holding the gateways. A ping from h1 to h2
// crosses the trunk twice: tagged 10 towards r1, tagged 20 back; the access links carry no tag.

import { expect, test, type Page } from '@playwright/test';
import { PlayerPage } from './pages/PlayerPage';

async function buildVlans(page: Page): Promise<PlayerPage> {
  const app = new PlayerPage(page);
  await app.goto();
  await app.newNetwork();
  const roles = [
    ['host', 90, 200],
    ['host', 90, 420],
    ['switch', 330, 310],
    ['router', 580, 310],
  ] as const;
  for (const [role, x, y] of roles) await app.dropDevice(role, { x, y });
  for (const name of ['h1', 'h2', 'sw1', 'r1']) await expect(app.node(name)).toBeVisible();
  await app.connect('h1', 'sw1');
  await app.connect('h2', 'sw1');
  await app.connect('r1', 'sw1');
  await expect(app.linkEnd('sw1', 'p3')).toBeVisible();

  // The switch: VLAN-aware, p1 access 10, p2 access 20, p3 a trunk of 10 and 20.
  await app.select('sw1');
  // the switch turns once the worker has checked the change: wait for it, not for time
  await page.getByTestId('inspector.vlan-filtering').dispatchEvent('click');
  await expect(page.getByTestId('inspector.vlan-filtering')).toBeChecked();
  await expect(page.getByTestId('inspector.vlan-ports')).toBeVisible();
  for (const [port, vid] of [['p1', '10'], ['p2', '20']] as const) {
    await page.getByTestId(`inspector.vlan-access.${port}`).fill(vid);
    await page.getByTestId(`inspector.vlan-access.${port}`).press('Enter');
    await expect(page.getByTestId('inspector.vlan-text')).toHaveValue(new RegExp(`bridge vlan add dev ${port} vid ${vid} pvid untagged`));
  }
  // A reserved VLAN id is refused beside the field, and nothing changes.
  await page.getByTestId('inspector.vlan-access.p3').fill('4095');
  await expect(page.getByTestId('inspector.vlan-access.p3.error')).toContainText('4095');
  await page.getByTestId('inspector.vlan-access.p3').press('Escape');
  await page.getByTestId('inspector.vlan-mode.p3').selectOption('trunk');
  await page.getByTestId('inspector.vlan-trunk.p3').fill('10,20');
  await page.getByTestId('inspector.vlan-trunk.p3').press('Enter');
  await expect(page.getByTestId('inspector.vlan-text')).toHaveValue(/bridge vlan add dev p3 vid 10\nbridge vlan add dev p3 vid 20$/);
  await expect(page.getByTestId('inspector.vlan-native.p3')).toHaveValue('');

  // The router on a stick: a VLAN subinterface per VLAN on eth1, each with its gateway address.
  await app.select('r1');
  for (const vid of ['10', '20']) {
    await page.getByTestId('inspector.vlan-dev-vid').fill(vid);
    await page.getByTestId('inspector.vlan-dev-add').click();
    await expect(page.getByTestId(`inspector.vlan-dev.eth1.${vid}`)).toBeVisible();
    await app.setAddress(`eth1.${vid}`, `10.0.${vid}.1/24`);
    await expect(app.address(`eth1.${vid}`)).toHaveValue(`10.0.${vid}.1/24`);
  }
  await page.getByTestId('inspector.vlan-dev-vid').fill('0');
  await expect(page.getByTestId('inspector.vlan-dev-error')).toContainText('0');

  // The hosts: one in each VLAN, each with its router as the default gateway.
  for (const [host, vid] of [['h1', '10'], ['h2', '20']] as const) {
    await app.select(host);
    await app.setAddress('eth1', `10.0.${vid}.10/24`);
    await expect(app.node(host)).toContainText(`10.0.${vid}.10/24`);
    await app.routesText().fill(`default via 10.0.${vid}.1`);
    await page.getByTestId('inspector.routes-apply').click();
    await expect(app.routeRows().first()).toContainText('default');
  }
  return app;
}

test('a ping from VLAN 10 to VLAN 20 through a router on a stick: tagged on the trunk, untagged on the access links', async ({ page }) => {
  const app = await buildVlans(page);
  await app.walk({ from: 'h1', to: 'h2', address: '10.0.20.10' });
  const rows = page.getByTestId(/^trace\.row-\d+$/);
  await expect(rows.filter({ hasText: /echo reply/ }).first()).toBeVisible();

  // Each row is a device's step; the header view shows the frame it sends (on the link named).
  const step = (text: RegExp) => rows.filter({ hasText: text }).first().click();
  const vid = app.headerField('eth.vlans.0.vid');

  // h1 sends on its access link to sw1: no tag.
  await step(/ICMP echo request 10\.0\.10\.10 → 10\.0\.20\.10, TTL 64/);
  await expect(app.headerField('eth.srcMac')).toBeVisible();
  await expect(vid).toHaveCount(0);
  // sw1 forwards it out of the trunk p3 to r1: tagged 10, pushed there.
  await step(/out of p3 · ICMP echo request/);
  await expect(vid).toContainText('10');
  await expect(page.getByTestId('header.vlan-pushed')).toContainText('10');
  // r1 routes it out of eth1.20, back onto the trunk: tagged 20.
  await step(/ICMP echo request 10\.0\.10\.10 → 10\.0\.20\.10, TTL 63/);
  await expect(page.getByTestId('header.vlan-changed')).toBeVisible();
  await expect(vid).toContainText('20');
  // sw1 forwards it out of the access port p2 to h2: the tag popped.
  await step(/out of p2 · ICMP echo request/);
  await expect(app.headerField('eth.srcMac')).toBeVisible();
  await expect(vid).toHaveCount(0);
  await expect(page.getByTestId('header.vlan-popped')).toContainText('20');
});

test('the palette\'s L3 switch routes between its VLANs as it comes: two hosts linked to it reach each other', async ({ page }) => {
  const app = new PlayerPage(page);
  await app.goto();
  await app.newNetwork();
  for (const [role, x, y] of [
    ['host', 120, 200],
    ['l3switch', 360, 300],
    ['host', 600, 200],
  ] as const)
    await app.dropDevice(role, { x, y });
  await expect(app.node('l3sw1')).toContainText('br0.10');
  await app.connect('h1', 'l3sw1');
  await app.connect('h2', 'l3sw1');
  // its first two ports: eth1 in VLAN 10, eth2 in VLAN 20, as the diagram says
  await expect(app.linkEnd('l3sw1', 'eth1')).toContainText('10');
  await expect(app.linkEnd('l3sw1', 'eth2')).toContainText('20');
  for (const [host, vid] of [['h1', '10'], ['h2', '20']] as const) {
    await app.select(host);
    await app.setAddress('eth1', `10.0.${vid}.10/24`);
    await expect(app.node(host)).toContainText(`10.0.${vid}.10/24`);
    await app.routesText().fill(`default via 10.0.${vid}.1`);
    await page.getByTestId('inspector.routes-apply').click();
    await expect(app.routeRows().first()).toContainText('default');
  }
  await app.walk({ from: 'h1', to: 'h2', address: '10.0.20.10' });
  await expect(page.getByTestId(/^trace\.row-\d+$/).filter({ hasText: 'exit 0' })).toHaveCount(1);
});
