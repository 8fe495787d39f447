// The packet walk player in Chromium: a ping walked hop by hop on the default example, the
// header diff at the router, the tables going back to empty, Chinese, the Wireshark export, a
// storm that stops while the page stays responsive, and an edit that clears the walk.

import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { PlayerPage } from './pages/PlayerPage';

const LOOP = fileURLToPath(new URL('./scenarios/switch-loop.clab.yml', import.meta.url));
const R1_ETH2 = '02:00:00:00:00:05';

test.describe('ping h1 → h2 on two-subnets-router, walked from the UI', () => {
  test('ARP broadcast, ARP reply, the echo request leaving h1 with TTL 64 and r1 with TTL 63 and r1’s MAC', async ({ page }) => {
    const p = new PlayerPage(page);
    await p.goto('two-subnets-router');
    await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
    await expect(p.position).toHaveText('Start of 18');

    // The event list tells the story before stepping.
    await expect(p.row(1)).toContainText('ARP request: who has 10.0.1.1? tell 10.0.1.10');
    await expect(p.row(2)).toContainText('flooded');
    await expect(p.row(3)).toContainText('ARP reply: 10.0.1.1 is at 02:00:00:00:00:03');
    await expect(p.row(5)).toContainText('ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 64');
    await expect(p.row(11)).toContainText('ICMP echo request 10.0.1.10 → 10.0.2.10, TTL 63');

    // Step 1: h1 broadcasts the ARP request; the frame travels towards sw1.
    await p.forward();
    await expect(p.position).toHaveText('Step 1 of 18');
    await expect(p.explanation).toContainText('10.0.2.10 AND 255.255.255.0 = 10.0.2.0, which is not my network 10.0.1.0/24 → send it to the gateway 10.0.1.1');
    await expect(p.explanation).toContainText('No neighbour entry for 10.0.1.1 → broadcast an ARP request');
    await expect(p.headerField('eth.dstMac')).toContainText('ff:ff:ff:ff:ff:ff');
    await expect(page.getByTestId('canvas.packet')).toHaveCount(1);
    await expect(page.getByTestId('canvas.packet')).toHaveAttribute('data-link', 'h1:eth1--sw1:p1');

    // Step 2: sw1 floods it.
    await p.control('step-forward').click();
    await expect(p.explanation).toContainText('floods the frame out of every other port: p2');
    // The diagram marks sw1 as acting, h1 and r1 and the two links as taking part, and dims the rest.
    await expect(page.getByTestId('node.sw1')).toHaveAttribute('data-step', 'at');
    await expect(page.getByTestId('node.h1')).toHaveAttribute('data-step', 'involved');
    await expect(page.getByTestId('node.r1')).toHaveAttribute('data-step', 'involved');
    await expect(page.getByTestId('node.h2')).not.toHaveAttribute('data-step', /./);
    await expect(page.getByTestId('link-end.sw1.p2')).toHaveAttribute('data-step', 'involved');
    await expect(page.getByTestId('link-end.sw2.p1')).not.toHaveAttribute('data-step', /./);
    await expect(page.getByTestId('node.h2').locator('.pw-node__symbol')).toHaveCSS('box-shadow', 'none');
    await expect(page.getByTestId('node.sw1').locator('.pw-node__symbol')).not.toHaveCSS('box-shadow', 'none');

    // Step 5: the echo request leaves h1 with TTL 64, a new packet.
    await p.row(5).click();
    await expect(p.headerField('ipv4.ttl')).toHaveText(/^TTL\s*64$/);
    await expect(page.getByTestId('header.summary')).toContainText('A new packet: h1 built it');

    // Step 11: r1 forwards it with TTL 63 and its own MAC as the source: the header view marks it.
    await p.row(11).click();
    await expect(p.headerField('ipv4.ttl')).toHaveAttribute('data-changed', 'hop');
    await expect(p.headerField('ipv4.ttl')).toContainText('64 → 63');
    await expect(p.headerField('eth.srcMac')).toHaveAttribute('data-changed', 'hop');
    await expect(p.headerField('eth.srcMac')).toContainText(`02:00:00:00:00:01 → ${R1_ETH2}`);
    await expect(p.headerField('eth.dstMac')).toHaveAttribute('data-changed', 'hop');
    await expect(p.headerField('ipv4.headerChecksum')).toHaveAttribute('data-changed', 'hop');
    await expect(p.headerField('ipv4.srcIp')).not.toHaveAttribute('data-changed', /./);
    await expect(page.getByTestId('header.ip-unchanged')).toContainText('IP addresses unchanged');

    // The raw bytes: the TTL field's one byte is marked, and it is 0x3f (63).
    await page.getByTestId('header.hex-toggle').check();
    await p.headerField('ipv4.ttl').click();
    await expect(page.getByTestId('header.hex.marked')).toHaveText(['3f']);

    // r1's neighbour cache at this step: h2 just became REACHABLE.
    await p.tablesOf('r1');
    await expect(p.table('neigh')).toContainText('10.0.2.10');
    await expect(page.getByTestId('tables.neigh.10.0.2.10')).toContainText('REACHABLE');

    // Back to the start: every neighbour cache is empty again.
    await p.toStart();
    await expect(page.getByTestId('tables.neigh.empty')).toBeVisible();
    await p.tablesOf('h1');
    await expect(page.getByTestId('tables.neigh.empty')).toBeVisible();
    await p.tablesOf('h2');
    await expect(page.getByTestId('tables.neigh.empty')).toBeVisible();
    await expect(page.getByTestId('canvas.packet')).toHaveCount(0);

    // And forward again: step 1 restores h1's INCOMPLETE entry, marked new.
    await p.tablesOf('h1');
    await p.control('step-forward').click();
    await expect(page.getByTestId('tables.neigh.10.0.1.1')).toContainText('INCOMPLETE');
    await expect(page.getByTestId('tables.neigh.10.0.1.1')).toContainText('new');
  });

  test('the Chinese UI explains each step in Chinese', async ({ page }) => {
    const p = new PlayerPage(page);
    await p.goto('two-subnets-router');
    await p.switchLanguage('中文');
    await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
    await p.forward();
    await expect(p.position).toHaveText('第 1 步，共 18 步');
    await expect(p.explanation).toContainText('查找 10.0.2.10 的路由：10.0.2.10 AND 255.255.255.0 = 10.0.2.0，不是我的网络 10.0.1.0/24 → 发给网关 10.0.1.1');
    await expect(p.explanation).toContainText('邻居表中没有 10.0.1.1 → 广播一个 ARP 请求');
    await expect(p.row(2)).toContainText('泛洪');
    await expect(p.headerField('eth.dstMac')).toContainText('目的 MAC');
    // Switching back re-words the same step.
    await p.switchLanguage('English');
    await expect(p.explanation).toContainText('No neighbour entry for 10.0.1.1');
  });

  test('playing moves through the steps by itself; Space pauses; End jumps to the end', async ({ page }) => {
    const p = new PlayerPage(page);
    await p.goto('two-subnets-router');
    await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
    await page.getByTestId('player.speed').selectOption('8');
    await p.control('play').click();
    await expect(p.position).toHaveText(/Step ([3-9]|1\d) of 18/);
    // Space anywhere but on a button (here: the event list) pauses.
    await page.getByTestId('trace.list').getByRole('listbox').focus();
    await page.keyboard.press('Space');
    const paused = await p.position.textContent();
    await page.waitForTimeout(400);
    await expect(p.position).toHaveText(paused!);
    await page.keyboard.press('End');
    await expect(p.position).toHaveText('Step 18 of 18');
    await expect(p.explanation).toContainText('ends with exit status 0');
    await page.keyboard.press('ArrowLeft');
    await expect(p.position).toHaveText('Step 17 of 18');
    await expect(page.getByTestId('canvas.marker.delivered')).toBeVisible();
  });
});

test.describe('Wireshark', () => {
  test('the walk downloads as pcapng with each frame’s explanation; a link as classic pcap', async ({ page }) => {
    const p = new PlayerPage(page);
    await p.goto('two-subnets-router');
    await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
    const walk = await p.downloadCapture('player.export-pcapng');
    expect(walk.name).toBe('two-subnets-router-walk.pcapng');
    expect(walk.bytes.subarray(0, 4).toString('hex')).toBe('0a0d0d0a');
    expect(walk.bytes.toString('utf8')).toContain('No neighbour entry for 10.0.1.1 → broadcast an ARP request');

    await p.clickLink('r1', 'sw2');
    const link = await p.downloadCapture('player.export-link');
    expect(link.name).toBe('two-subnets-router-r1_eth2--sw2_p1.pcap');
    expect(link.bytes.subarray(0, 4).toString('hex')).toBe('d4c3b2a1');
  });

  test('the comments are in the language of the UI', async ({ page }) => {
    const p = new PlayerPage(page);
    await p.goto('two-subnets-router');
    await p.switchLanguage('中文');
    await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
    const walk = await p.downloadCapture('player.export-pcapng');
    expect(walk.bytes.toString('utf8')).toContain('邻居表中没有 10.0.1.1');
  });

  test('a walk that put nothing on a wire says so instead of downloading', async ({ page }) => {
    const p = new PlayerPage(page);
    await p.goto('two-subnets-router');
    await p.walk({ from: 'h1', to: 'h1', address: '10.0.1.10' });
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByTestId('player.export-pcapng').click();
    await expect(p.toast('export-empty')).toContainText('No frame crossed a wire in this walk');
    expect(downloaded).toBe(false);
  });
});

test('home-nat: the gateway’s MASQUERADE shows in the conntrack table and as a NAT change in the header, and the reply is translated back', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto('home-nat');
  await p.runScenario();
  await expect(p.row(9)).toBeVisible({ timeout: 30_000 });
  // The step is named by NAT's rewrite, not only by the ARP request it sends.
  await expect(p.row(9)).toContainText('NAT: source 192.168.1.10 → 198.51.100.2 · ARP request: who has 198.51.100.1?');
  await expect(p.row(17)).toContainText('NAT, reply: destination 198.51.100.2 → 192.168.1.10');
  await p.row(9).click();
  await expect(p.explanation).toContainText('nat POSTROUTING: rule 1 matches: “iptables -t nat -A POSTROUTING -o wan -j MASQUERADE” → the source becomes 198.51.100.2');
  await expect(page.getByTestId('tables.conntrack.0')).toContainText('192.168.1.10 → 203.0.113.10 id');
  await expect(page.getByTestId('tables.conntrack.0')).toContainText('new');
  // The packet leaves the gateway two steps later (after ARP): its source address is NAT's change.
  await p.row(11).click();
  await expect(p.headerField('ipv4.srcIp')).toHaveAttribute('data-changed', 'nat');
  await expect(p.headerField('ipv4.srcIp')).toContainText('192.168.1.10 → 198.51.100.2NAT');
  await expect(p.headerField('ipv4.ttl')).toHaveAttribute('data-changed', 'hop');
  await expect(page.getByTestId('header.nat-changed')).toBeVisible();
  // The echo reply comes back to the WAN address; the gateway finds the entry and sends it on to lan1.
  await expect(p.row(16)).toContainText('ICMP echo reply 203.0.113.10 → 198.51.100.2');
  await p.row(17).click();
  await expect(p.explanation).toContainText('192.168.1.10');
  await expect(p.headerField('ipv4.dstIp')).toHaveAttribute('data-changed', 'nat');
  await expect(p.headerField('ipv4.dstIp')).toContainText('198.51.100.2 → 192.168.1.10');
  await expect(p.headerField('ipv4.srcIp')).not.toHaveAttribute('data-changed', /./);
  await expect(page.getByTestId('tables.conntrack.0')).toContainText('192.168.1.10 → 203.0.113.10 id');
  await p.row(19).click();
  await expect(p.row(19)).toContainText('ICMP echo reply 203.0.113.10 → 192.168.1.10');
});

for (const locale of ['en-US', 'zh-CN']) {
  test.describe(`at 1366×768 in ${locale}`, () => {
    test.use({ locale, viewport: { width: 1366, height: 768 } });

    test("the event list's column names are whole, not cut", async ({ page }) => {
      const p = new PlayerPage(page);
      await p.goto('home-nat');
      await p.runScenario();
      await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
      const cut = await page
        .getByTestId('trace.list')
        .locator('.pw-trace__head > span')
        .evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth + 1 || s.scrollHeight > s.clientHeight + 1).map((s) => s.textContent));
      expect(cut).toEqual([]);
    });
  });
}

test('a looped switch topology ends in a storm message, and the page stays responsive', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto('two-subnets-router');
  await p.openFile(LOOP);
  await expect(p.topologyName).toContainText('switch-loop');
  // Frames the page paints while the worker simulates 50 000 events: the main thread stays free.
  const gaps = page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const tick = (now: number) => {
          out.push(now - last);
          last = now;
          if (document.querySelector('[data-testid="player.storm"]')) resolve(out);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  await p.runScenario();
  await expect(page.getByTestId('player.storm')).toContainText('Broadcast storm: frames keep circulating between sw1, sw2, sw3', { timeout: 60_000 });
  const frames = await gaps;
  expect(frames.length).toBeGreaterThan(5);
  // A guard against the page hanging, not a speed test (those are in npm run bench:ui): locally
  // the longest gap is 30–70 ms, but a loaded CI machine once stalled a single frame for 1 s.
  expect(Math.max(...frames)).toBeLessThan(5000);
  // The player answers at once on tens of thousands of steps.
  await p.control('last').click();
  await expect(p.explanation).toContainText('a broadcast storm');
  await expect(page.getByTestId('canvas.marker.storm')).toBeVisible();
  await p.control('step-back').click();
  await expect(p.position).not.toHaveText(/Start/);
  await expect(p.player).toContainText('flooded');
});

test('an edit of the network clears the walk and says so', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto('two-subnets-router');
  await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
  await p.forward(3);
  await p.select('h2');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('player.invalidated')).toContainText('The network was changed');
  await expect(page.getByTestId('canvas.packet')).toHaveCount(0);
});

test.describe('Walk a packet: TCP', () => {
  test('to a port the NAT gateway forwards: the listener runs on the server, the SYN reaches it translated, the data arrives', async ({ page }) => {
    const p = new PlayerPage(page);
    await p.goto('nat-dnat');
    await p.walk({
      from: 'client',
      to: 'gw',
      address: '198.51.100.2',
      protocol: 'tcp',
      dstPort: 8080,
      commands: ['server: nc -l -p 80 &', 'client: echo hello | nc -N -p 40000 198.51.100.2 8080'],
    });
    const list = page.getByTestId('trace.list');
    await expect(list).toContainText('TCP 198.51.100.10:40000 → 198.51.100.2:8080 [SYN]');
    await expect(list).toContainText('TCP 198.51.100.10:40000 → 192.168.1.10:80 [SYN]');
    // Step 1 starts the listener: the server's sockets table shows it.
    await p.forward();
    await p.tablesOf('server');
    await expect(page.getByTestId('tables.sockets.tcp.0.0.0.0:80')).toContainText('LISTEN');
    await page.keyboard.press('End');
    await page.getByTestId('player.tab.output').click();
    await expect(page.getByTestId('run.output')).toContainText('hello');
  });
});
