// NAT in the editor, as a teacher builds it: a NAT gateway from the palette between a LAN switch
// and a WAN router gets MASQUERADE on its WAN side, and the canvas says which side a link will
// make while it is dragged; a port forward added with the form shows as a row and as an iptables
// line; a rule iptables would refuse changes nothing; undo takes a rule back; the rules survive a
// containerlab export and open; a gateway behind a router says which route back it needs and adds
// it in one click. Screenshots of the NAT inspector in English and Chinese are kept with the
// test's output.

import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { EditorPage } from './pages/EditorPage';
import { PlayerPage } from './pages/PlayerPage';

const BEHIND_ROUTER = fileURLToPath(new URL('./scenarios/nat-behind-router.clab.yml', import.meta.url));

const MASQ = '-A POSTROUTING -o eth2 -j MASQUERADE';
const FORWARD = '-A PREROUTING -i eth2 -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80';

/** A new network with sw1, nat1 and r1 dropped from the palette, side by side, not linked. */
async function dropThree(page: Page): Promise<EditorPage> {
  const app = new EditorPage(page);
  await app.goto();
  await app.newNetwork();
  await app.dropDevice('switch', { x: 150, y: 300 });
  await expect(app.node('sw1')).toBeVisible();
  await app.dropDevice('nat', { x: 360, y: 300 });
  await expect(app.node('nat1')).toBeVisible();
  await app.dropDevice('router', { x: 570, y: 300 });
  await expect(app.node('r1')).toBeVisible();
  // Links are drawn where the devices are: wait for the view to be at rest.
  await app.settle();
  return app;
}

/** sw1 (LAN) — nat1 — r1 (WAN): the NAT gateway dropped from the palette, linked LAN side first. */
async function buildGateway(page: Page): Promise<EditorPage> {
  const app = await dropThree(page);
  await app.connect('sw1', 'nat1');
  await expect(app.linkEnd('nat1', 'eth1')).toBeVisible();
  await app.connect('nat1', 'r1');
  await expect(app.linkEnd('nat1', 'eth2')).toBeVisible();
  return app;
}

test('a NAT gateway from the palette masquerades on its WAN side; port forwards, bad lines, undo, containerlab', async ({ page }) => {
  const app = await buildGateway(page);
  // The second link is the WAN side, marked on the diagram.
  await expect(page.getByTestId('node.nat1.eth2')).toContainText('WAN');
  await expect(page.getByTestId('node.nat1.eth1')).not.toContainText('WAN');

  await app.select('nat1');
  await expect(app.wanSelect()).toHaveValue('eth2');
  await expect(app.natRows()).toHaveText([/POSTROUTING\s*out eth2\s*MASQUERADE/]);
  await expect(app.natText()).toHaveValue(MASQ);
  await expect(await app.linuxView('iptables-nat')).toHaveText(`-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT\n${MASQ}`);
  await page.screenshot({ path: test.info().outputPath('preset.png') });

  // A port forward from the form: a row and a line.
  await app.addPortForward({ proto: 'tcp', port: 8080, to: '192.168.1.10', toPort: 80 });
  await expect(app.natRows()).toHaveCount(2);
  await expect(app.natRows().nth(1)).toHaveText(/PREROUTING\s*in eth2\s*tcp\s*dport 8080\s*DNAT\s*→ 192\.168\.1\.10:80/);
  await expect(app.natText()).toHaveValue(`${MASQ}\n${FORWARD}`);
  await expect(await app.linuxView('iptables-nat')).toContainText('-A PREROUTING -i eth2 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80');

  // Lines iptables (or packetwalk) refuses: the reason beside the field, nothing applied.
  await app.natText().fill(`${MASQ}\n-A POSTROUTING -o eth2 -j DROP`);
  await expect(app.natTextError()).toContainText('line 2: iptables: target "DROP" is not supported (MASQUERADE, SNAT, DNAT)');
  await expect(app.natApply()).toBeDisabled();
  await expect(app.natText()).toHaveAttribute('aria-invalid', 'true');
  await app.natText().fill(`-A POSTROUTING -o eth9 -j MASQUERADE\n${FORWARD}`);
  await expect(app.natTextError()).toContainText('line 1: iptables: interface "eth9" does not exist on nat1');
  await expect(app.natApply()).toBeDisabled();
  await app.natText().press('Control+Enter');
  await app.natText().press('Escape');
  await expect(app.natText()).toHaveValue(`${MASQ}\n${FORWARD}`);
  await expect(app.natTextError()).toBeHidden();
  await expect(app.natRows()).toHaveCount(2);

  // Undo takes the port forward back; redo brings it again.
  await app.undoButton.click();
  await expect(app.natRows()).toHaveCount(1);
  await expect(app.natText()).toHaveValue(MASQ);
  await app.redoButton.click();
  await expect(app.natText()).toHaveValue(`${MASQ}\n${FORWARD}`);

  // Exported to containerlab and opened again, the rules come back.
  const clab = await app.download('export-clab');
  expect(clab.text).toContain(`- iptables -t nat ${MASQ}`);
  expect(clab.text).toContain(`- iptables -t nat ${FORWARD}`);
  await app.newNetwork();
  await app.openFile(clab.path);
  await expect(app.toast('opened')).toBeVisible();
  await app.select('nat1');
  await expect(app.natText()).toHaveValue(`${MASQ}\n${FORWARD}`);
  await expect(app.natRows()).toHaveCount(2);
  await expect(app.node('nat1')).toContainText('NAT gateway');
});

test('while a link is dragged to or from a NAT gateway, the canvas says which side of it the link makes', async ({ page }) => {
  const app = await dropThree(page);
  const hint = page.getByTestId('canvas.nat-hint.nat1');
  await expect(hint).toHaveCount(0);
  // From the switch onto the gateway: its first link, the LAN side.
  await app.startLink('sw1');
  await app.dragLinkOver('nat1');
  await expect(hint).toHaveText('nat1: this link becomes its LAN side (eth1)');
  await page.mouse.up();
  await expect(hint).toHaveCount(0);
  await expect(app.linkEnd('nat1', 'eth1')).toBeVisible();
  // From the gateway: said as soon as the drag starts, its second link is the WAN side.
  await app.startLink('nat1');
  await expect(hint).toHaveText('nat1: this link becomes its WAN side (eth2, MASQUERADE)');
  await page.screenshot({ path: test.info().outputPath('nat-hint.png') });
  await app.dragLinkOver('r1');
  await page.mouse.up();
  await expect(page.getByTestId('node.nat1.eth2')).toContainText('WAN');
  // A third link is another LAN side.
  await app.dropDevice('host', { x: 360, y: 520 });
  await app.startLink('h1');
  await app.dragLinkOver('nat1');
  await expect(hint).toHaveText('nat1: this link becomes its LAN side (eth3)');
  await page.mouse.up();
});

test('a NAT gateway behind a router says which route back it needs, adds it in one click (one undo step), and the ping then gets its reply', async ({ page }) => {
  const app = new PlayerPage(page);
  await app.goto();
  await app.openFile(BEHIND_ROUTER);
  await expect(app.toast('opened')).toBeVisible();
  await app.select('nat1');
  const advice = page.getByTestId('inspector.return-routes');
  await expect(advice).toContainText('No route back to the LAN behind r1');
  await expect(advice).toContainText('ip route add 10.0.1.0/24 via 10.0.2.1 dev eth1');
  await page.screenshot({ path: test.info().outputPath('return-routes.png') });

  // Without it, h1's ping gets no reply.
  await app.runScenario();
  await expect(app.row(1)).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('player.tab.output').click();
  await expect(page.getByTestId('run.output')).toContainText('0 received');

  await page.getByTestId('inspector.return-routes.add').click();
  await expect(advice).toHaveCount(0);
  await expect(app.routesText()).toHaveValue('10.0.1.0/24 via 10.0.2.1 dev eth1');
  await app.undoButton.click();
  await expect(advice).toBeVisible();
  await app.redoButton.click();
  await expect(advice).toHaveCount(0);

  await app.runScenario();
  await expect(app.row(1)).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('player.tab.output').click();
  await expect(page.getByTestId('run.output')).toContainText('1 received');
});

test('the WAN selector moves MASQUERADE; on a router it makes a NAT gateway', async ({ page }) => {
  const app = await buildGateway(page);
  await app.select('nat1');
  await app.wanSelect().selectOption('eth1');
  await expect(app.natText()).toHaveValue('-A POSTROUTING -o eth1 -j MASQUERADE');
  await expect(page.getByTestId('node.nat1.eth1')).toContainText('WAN');
  await app.undoButton.click();
  await expect(app.natText()).toHaveValue(MASQ);

  await app.select('r1');
  await page.getByTestId('inspector.nat.open').click();
  await expect(app.natRows()).toHaveText(['No NAT rules.']);
  await app.wanSelect().selectOption('eth1');
  await expect(app.node('r1')).toContainText('NAT gateway');
  await expect(page.getByTestId('node.r1.eth1')).toContainText('WAN');
  await expect(app.natText()).toHaveValue('-A POSTROUTING -o eth1 -j MASQUERADE');
});

/** The NAT inspector of nat-dnat's gateway, with a port forward typed in the form, as a screenshot. */
async function screenshotNat(page: Page, name: string): Promise<void> {
  const app = new EditorPage(page);
  await app.goto('nat-dnat');
  await app.select('gw');
  await page.getByTestId('inspector.nat.forward.proto').selectOption('udp');
  await page.getByTestId('inspector.nat.forward.port').fill('6000');
  await page.getByTestId('inspector.nat.forward.to-addr').fill('192.168.1.20');
  await expect(page.getByTestId('inspector.nat.forward-add')).toBeEnabled();
  await app.scrollInspectorTo('inspector.nat');
  await page.screenshot({ path: test.info().outputPath(`${name}-rows.png`) });
  await app.scrollInspectorTo('inspector.nat.forward-add');
  await page.screenshot({ path: test.info().outputPath(`${name}-text.png`) });
}

test('screenshot: the NAT inspector in English', async ({ page }) => {
  await screenshotNat(page, 'nat-en');
  await expect(page.getByTestId('inspector.nat')).toContainText('Port forwarding (DNAT)');
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the NAT inspector speaks Chinese (screenshot)', async ({ page }) => {
    await screenshotNat(page, 'nat-zh');
    await expect(page.getByTestId('inspector.nat')).toContainText('端口转发（DNAT）');
    await expect(page.getByTestId('inspector.nat')).toContainText('WAN 接口（通往互联网）');
    await expect(page.getByTestId('inspector.nat.rule.4')).toContainText('出接口 wan');
  });
});
