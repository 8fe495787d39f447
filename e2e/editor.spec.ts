// Building and changing a network in the editor, as a teacher or a student does it: devices
// dragged from the palette and wired on the canvas, configured in the inspector, kept across a
// reload, undone and redone, exported to containerlab and opened again, in English and Chinese.

import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

/** Builds h1 — sw1 — r1 — sw2 — h2 by drag and drop, configured through the inspector. */
async function buildTwoSubnets(page: Page): Promise<EditorPage> {
  const app = new EditorPage(page);
  await app.goto();
  await app.newNetwork();
  const roles = ['host', 'switch', 'router', 'switch', 'host'] as const;
  for (const [i, role] of roles.entries()) await app.dropDevice(role, { x: 90 + i * 150, y: 300 });
  for (const name of ['h1', 'sw1', 'r1', 'sw2', 'h2']) await expect(app.node(name)).toBeVisible();

  await app.connect('h1', 'sw1');
  await app.connect('sw1', 'r1');
  await app.connect('r1', 'sw2');
  await app.connect('sw2', 'h2');
  // After wiring, the device the link was drawn from is still the one in the inspector.
  await expect(page.getByTestId('inspector.device.sw2')).toBeVisible();
  await expect(app.linkEnd('h1', 'eth1')).toBeVisible();
  await expect(app.linkEnd('sw1', 'p2')).toBeVisible();
  await expect(app.linkEnd('r1', 'eth2')).toBeVisible();
  await expect(app.linkEnd('h2', 'eth1')).toBeVisible();
  // Each switch numbers its own ports.
  await expect(app.linkEnd('sw2', 'p1')).toBeVisible();
  await expect(app.linkEnd('sw2', 'p2')).toBeVisible();

  await app.select('r1');
  await app.setAddress('eth1', '10.0.1.1/24');
  await expect(app.node('r1')).toContainText('10.0.1.1/24');
  await app.setAddress('eth2', '10.0.2.1/24');
  await expect(app.node('r1')).toContainText('10.0.2.1/24');

  await app.select('h1');
  await app.setAddress('eth1', '10.0.1.10/24');
  await expect(app.node('h1')).toContainText('10.0.1.10/24');
  await app.setDefaultGateway();
  await expect(app.routeRows().first()).toContainText('default');
  await expect(app.routesText()).toHaveValue('default via 10.0.1.1');

  await app.select('h2');
  await page.getByTestId('inspector.next-free.eth1').click();
  await expect(app.node('h2')).toContainText('10.0.2.2/24');
  await app.setDefaultGateway();
  await expect(app.routesText()).toHaveValue('default via 10.0.2.1');
  return app;
}

test('a network built by drag and drop and configured in the inspector comes back after a reload', async ({ page }) => {
  const app = await buildTwoSubnets(page);
  await expect(app.routeRows()).toHaveText([/default\s*10\.0\.2\.1\s*eth1/, /10\.0\.2\.0\/24\s*proto kernel\s*eth1/]);

  await page.reload();
  await expect(app.topologyName).toContainText('untitled');
  for (const [name, text] of [
    ['h1', 'eth110.0.1.10/24'],
    ['r1', 'eth110.0.1.1/24eth210.0.2.1/24'],
    ['h2', 'eth110.0.2.2/24'],
  ]) {
    await expect(app.node(name!)).toContainText(text!);
  }
  for (const [node, iface] of [
    ['h1', 'eth1'],
    ['sw1', 'p1'],
    ['sw1', 'p2'],
    ['r1', 'eth1'],
    ['r1', 'eth2'],
    // Each switch numbers its own ports.
    ['sw2', 'p1'],
    ['sw2', 'p2'],
    ['h2', 'eth1'],
  ]) {
    await expect(app.linkEnd(node!, iface!)).toBeVisible();
  }
  await app.select('h1');
  await expect(app.routesText()).toHaveValue('default via 10.0.1.1');
  // The history starts afresh with the restored network.
  await expect(app.undoButton).toBeDisabled();
});

test('an invalid address shows why beside the field and changes nothing', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.select('r1');
  await app.address('eth1').fill('10.0.1.300/24');
  await expect(app.addressError('eth1')).toContainText('“10.0.1.300” is not an IPv4 address');
  await expect(app.address('eth1')).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await app.address('eth1').getAttribute('aria-describedby');
  expect(describedBy).toContain(await app.addressError('eth1').getAttribute('id'));
  await app.address('eth1').press('Enter');
  await expect(app.node('r1')).toContainText('10.0.1.1/24');
  await expect(app.node('r1')).not.toContainText('10.0.1.300');

  // Valid as text, refused by what it means: h1 already has this address.
  await app.address('eth1').fill('10.0.1.10/24');
  await app.address('eth1').press('Enter');
  await expect(app.addressError('eth1')).toContainText('duplicate address 10.0.1.10');
  await expect(app.node('r1')).toContainText('10.0.1.1/24');
  await expect(app.undoButton).toBeDisabled();

  // Escape puts the value back.
  await app.address('eth1').press('Escape');
  await expect(app.address('eth1')).toHaveValue('10.0.1.1/24');
  await expect(app.addressError('eth1')).toBeHidden();
});

test('a route the kernel refuses is shown with iproute2’s message and not applied', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.select('h1');
  await app.routesText().fill('default via 10.0.1.1\n10.9.0.0/16 via 10.8.0.1');
  await expect(page.getByTestId('inspector.routes-text.error')).toContainText('line 2: Error: Nexthop has invalid gateway.');
  await expect(page.getByTestId('inspector.routes-apply')).toBeDisabled();
  await app.routesText().fill('ip route add default via 10.0.1.1\n10.9.0.0/16 via 10.0.1.1 metric 5');
  await expect(page.getByTestId('inspector.routes-text.error')).toBeHidden();
  await page.getByTestId('inspector.routes-apply').click();
  await expect(app.routesText()).toHaveValue('default via 10.0.1.1\n10.9.0.0/16 via 10.0.1.1 metric 5');
  await expect(app.routeRows().filter({ hasText: '10.9.0.0/16' })).toContainText('5');
});

test('undo and redo restore the previous and the next network', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await expect(app.undoButton).toBeDisabled();
  await app.palette('server').click();
  await expect(app.node('srv1')).toBeVisible();
  await app.select('r1');
  await app.setAddress('eth1', '10.0.1.254/24');
  await expect(app.node('r1')).toContainText('10.0.1.254/24');

  await app.clickEmptyCanvas();
  await page.keyboard.press('Control+z');
  await expect(app.node('r1')).toContainText('10.0.1.1/24');
  await expect(app.node('srv1')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(app.node('srv1')).toHaveCount(0);
  await expect(app.undoButton).toBeDisabled();

  await page.keyboard.press('Control+Shift+z');
  await expect(app.node('srv1')).toBeVisible();
  await expect(app.node('r1')).toContainText('10.0.1.1/24');
  await page.keyboard.press('Control+y');
  await expect(app.node('r1')).toContainText('10.0.1.254/24');
  await expect(app.redoButton).toBeDisabled();
  await app.undoButton.click();
  await expect(app.node('r1')).toContainText('10.0.1.1/24');
  await app.redoButton.click();
  await expect(app.node('r1')).toContainText('10.0.1.254/24');
});

test('deleting: the Delete key removes a device and its links; a deleted link keeps both interfaces', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.select('sw2');
  await page.keyboard.press('Delete');
  await expect(app.node('sw2')).toHaveCount(0);
  await expect(app.linkEnd('r1', 'eth2')).toHaveCount(0);
  await expect(app.node('r1')).toContainText('10.0.2.1/24');
  // The freed interface is used again for the next link.
  await app.connect('r1', 'h2');
  await expect(app.linkEnd('r1', 'eth2')).toBeVisible();
  await expect(app.linkEnd('h2', 'eth1')).toBeVisible();
});

test('copy and paste give fresh names and MACs; clashing addresses are left empty', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.select('h1');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(app.node('h3')).toBeVisible();
  await expect(app.page.getByTestId('inspector.device.h3')).toBeVisible();
  await expect(app.node('h3')).toContainText('no address');
  await expect(app.field('inspector.mac.eth1')).not.toHaveValue('');
  const mac = await app.field('inspector.mac.eth1').inputValue();
  await app.select('h1');
  await expect(app.field('inspector.mac.eth1')).not.toHaveValue(mac);
});

test('Export as containerlab YAML, then Open, gives back the same network', async ({ page }) => {
  const app = await buildTwoSubnets(page);
  const before = await app.download('save-json');
  const clab = await app.download('export-clab');
  expect(clab.name).toBe('untitled.clab.yml');
  expect(clab.text).toContain('ip route add default via 10.0.1.1');
  expect(clab.text).not.toContain('eth0');
  // Ports both switches have are named uniquely for containerlab's host, and come back as p1, p2.
  expect(clab.text).toContain('"sw2:sw2-p1"');
  expect(clab.text).toContain('packetwalk-ports: sw2-p1=p1 sw2-p2=p2');

  await app.newNetwork();
  await app.openFile(clab.path);
  await expect(app.toast('opened')).toBeVisible();
  await expect(app.node('r1')).toContainText('10.0.2.1/24');
  const after = await app.download('save-json');
  expect(normalise(after.text)).toEqual(normalise(before.text));
});

test('a file with problems opens nothing and says what is wrong', async ({ page }, info) => {
  const app = new EditorPage(page);
  await app.goto();
  const bad = info.outputPath('bad.clab.yml');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(bad, 'name: bad\ntopology:\n  nodes:\n    h1:\n      kind: linux\n      exec:\n        - ip route add default via 10.9.9.9\n');
  await app.openFile(bad);
  await expect(app.toast('open-error')).toContainText('bad.clab.yml:7: node h1: exec "ip route add default via 10.9.9.9"');
  await expect(app.topologyName).toContainText('two-subnets-router');
  await expect(app.node('r1')).toBeVisible();
});

test('the run uses the network as edited', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.select('h2');
  await app.setAddress('eth1', '10.0.2.20/24');
  await expect(app.node('h2')).toContainText('10.0.2.20/24');
  await app.runScenario();
  await expect(app.output).toContainText('1 packets transmitted, 0 received');
});

test('Linux views print what ip and bridge print', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.select('r1');
  await expect(await app.linuxView('ip-addr')).toContainText('inet 10.0.1.1/24 scope global eth1');
  await expect(await app.linuxView('ip-route')).toContainText('10.0.2.0/24 dev eth2 proto kernel scope link src 10.0.2.1');
  await expect(await app.linuxView('ip-route-local')).toContainText('local 10.0.1.1 dev eth1 proto kernel scope host src 10.0.1.1');
  await app.runScenario();
  await expect(app.output).toContainText('exit 0');
  await expect(await app.linuxView('ip-neigh')).toContainText('10.0.2.10 dev eth2 lladdr');
  await app.select('sw1');
  await expect(await app.linuxView('bridge-fdb')).toContainText('dev p1 master br0 permanent');
});

test('the help panel lists the keyboard shortcuts', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await page.getByTestId('header.help').click();
  await expect(page.getByTestId('help.shortcuts')).toContainText('Ctrl+Shift+Z');
  // The help's English comes with the dialog: its words, not its keys.
  await expect(page.getByTestId('help')).toContainText('How editing works');
  await expect(page.getByTestId('help')).toContainText('drawn as one picture');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help')).toBeHidden();
  await app.clickEmptyCanvas();
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
});

test('the Examples menu opens a reference topology, laid out left to right by hops', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.openExample('router-chain');
  const xs: number[] = [];
  for (const name of ['h1', 'r1', 'r2', 'r3', 'h2']) xs.push((await app.symbolCentre(name)).x);
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  // The NAT reference topology opens too, its gateway drawn as a NAT gateway.
  await app.openExample('home-nat');
  await expect(app.node('gw')).toContainText('NAT gateway');
  await expect(app.node('gw')).toContainText('198.51.100.2/24');
});

test('with the keyboard alone: add devices from the palette and connect them from the inspector', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.newNetwork();
  await app.palette('router').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector.device.r1')).toBeVisible();
  await app.palette('host').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector.device.h1')).toBeVisible();
  await page.getByTestId('inspector.connect-to').selectOption('r1');
  await page.getByTestId('inspector.connect').press('Enter');
  await expect(app.linkEnd('h1', 'eth1')).toBeVisible();
  await expect(app.linkEnd('r1', 'eth1')).toBeVisible();
  await app.address('eth1').focus();
  await page.keyboard.type('192.0.2.10/24');
  await page.keyboard.press('Tab');
  await expect(app.node('h1')).toContainText('192.0.2.10/24');
});

test.describe('a network saved in this browser that cannot be opened', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('packetwalk.autosave.v1', '{"format":"packetwalk-autosave","version":1,"edited":true,"topology":{"nodes":7}}');
        sessionStorage.setItem('seeded', '1');
      }
    });
  });

  test('is kept aside, the user is told, and the example opens', async ({ page }) => {
    const app = new EditorPage(page);
    await app.goto();
    await expect(app.toast('autosave-rejected')).toContainText('could not be opened');
    await expect(app.topologyName).toContainText('two-subnets-router');
    const kept = await page.evaluate(() => [localStorage.getItem('packetwalk.autosave.v1'), localStorage.getItem('packetwalk.autosave.v1.rejected')]);
    expect(kept[0]).toContain('"nodes":7');
    expect(kept[1]).toBe(kept[0]);
  });
});

test('every palette button has its English name', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  for (const name of ['Host', 'Server', 'Switch', 'Router', 'NAT gateway']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  }
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the palette, the inspector and the help speak Chinese', async ({ page }) => {
    const app = new EditorPage(page);
    await app.goto();
    for (const name of ['主机', '服务器', '交换机', '路由器', 'NAT 网关']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    await app.select('r1');
    await expect(app.inspector).toContainText('接口');
    await expect(app.inspector).toContainText('路由');
    await app.address('eth1').fill('10.0.1.300/24');
    await expect(app.addressError('eth1')).toContainText('不是 IPv4 地址');
    await page.getByTestId('header.help').click();
    await expect(page.getByTestId('help')).toContainText('键盘快捷键');
  });
});

/** A packetwalk JSON file's topology without what a containerlab file leaves to the kernel (auto MACs). */
function normalise(text: string): unknown {
  const file = JSON.parse(text) as { topology: { nodes: { ifaces: { mac?: string; macAuto?: boolean }[] }[] } };
  for (const n of file.topology.nodes) for (const i of n.ifaces) if (i.macAuto) delete i.mac;
  return file;
}
