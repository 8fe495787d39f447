// A device's terminal: h1's, on the default example (h1 — sw1 — r1 — sw2 — h2). Each command's
// output is Linux's text (recorded on Linux 6.18 with the same addresses; times and MACs are the
// network's); a walk's output appears as the player reaches it; a configuration command is an
// edit that Ctrl+Z in the editor undoes.

import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { EditorPage } from './pages/EditorPage';
import { TerminalPage } from './pages/TerminalPage';

/** A tall window: xterm draws only the rows on screen, and the checks read the screen. */
const TALL = { width: 1280, height: 1200 };

/** The default example in a tall window, with h1's terminal opened from the inspector. */
async function h1Terminal(page: Page): Promise<{ app: AppPage; editor: EditorPage; term: TerminalPage }> {
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  const term = new TerminalPage(page);
  await page.setViewportSize(TALL);
  await app.goto();
  await editor.select('h1');
  await page.getByTestId('inspector.terminal').click();
  return { app, editor, term };
}

/** Linux prints times that change from run to run: compared as the oracle compares them. */
const times = (s: string) => s.replace(/\d+\.\d{3} ms/g, '<t> ms').replace(/time=[\d.]+ ms/g, 'time=<t> ms').replace(/time \d+ms/g, 'time <t>ms').replace(/mdev = .*/g, 'mdev = <t>');

test('h1’s terminal: ip route, ping, traceroute, ip neigh, an error, an edit undone', async ({ page }) => {
  const { app, editor, term } = await h1Terminal(page);
  await expect(term.panel).toBeVisible();
  await term.expectPrompt('h1');

  await term.type('h1', 'ip route');
  await term.expectLines('h1', ['root@h1:~# ip route', 'default via 10.0.1.1 dev eth1', '10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10', 'root@h1:~#']);

  // A walk: the player opens on it, and the output comes as the walk gets there.
  await term.type('h1', 'clear');
  await term.type('h1', 'ping -c 1 10.0.2.10');
  await expect(page.getByTestId('player')).toBeVisible();
  // At the walk's start nothing is printed yet; the first step (the command) prints ping's header.
  await expect(page.getByTestId('player.step-forward')).toBeVisible();
  expect(await term.text('h1')).not.toContain('PING 10.0.2.10');
  await page.getByTestId('player.step-forward').click();
  await term.expectLines('h1', ['PING 10.0.2.10 (10.0.2.10) 56(84) bytes of data.']);
  expect(await term.text('h1')).not.toContain('64 bytes from');
  await page.getByTestId('player.last').click();
  await term.expectPrompt('h1');
  expect(times(await term.text('h1'))).toContain(
    [
      'PING 10.0.2.10 (10.0.2.10) 56(84) bytes of data.',
      '64 bytes from 10.0.2.10: icmp_seq=1 ttl=63 time=<t> ms',
      '',
      '--- 10.0.2.10 ping statistics ---',
      '1 packets transmitted, 1 received, 0% packet loss, time <t>ms',
      'rtt min/avg/max/mdev = <t>',
    ].join('\n'),
  );

  await term.type('h1', 'clear');
  await term.type('h1', 'traceroute -n 10.0.2.10');
  await term.expectLines('h1', ['root@h1:~# traceroute -n 10.0.2.10']);
  // Nothing printed before the walk is shown past the probes' answers.
  await page.getByTestId('player.last').click();
  await term.expectPrompt('h1');
  expect(times(await term.text('h1'))).toContain(
    ['traceroute to 10.0.2.10 (10.0.2.10), 30 hops max, 60 byte packets', ' 1  10.0.1.1  <t> ms  <t> ms  <t> ms', ' 2  10.0.2.10  <t> ms  <t> ms  <t> ms'].join('\n'),
  );

  await term.type('h1', 'ip neigh');
  await term.expectLines('h1', ['root@h1:~# ip neigh', '10.0.1.1 dev eth1 lladdr 02:00:00:00:00:03 REACHABLE', 'root@h1:~#']);

  // A route the kernel refuses: iproute2's error, nothing changed.
  await term.type('h1', 'ip route add 10.0.9.0/24 via 10.9.9.9');
  await term.expectLines('h1', ['root@h1:~# ip route add 10.0.9.0/24 via 10.9.9.9', 'Error: Nexthop has invalid gateway.', 'root@h1:~#']);

  // An address added in the terminal is an edit: the inspector shows it, Ctrl+Z removes it.
  await term.type('h1', 'ip addr add 10.0.1.20/24 dev eth1');
  await expect(editor.address('eth1')).toHaveValue('10.0.1.10/24, 10.0.1.20/24');
  await app.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await editor.select('h1');
  await expect(editor.address('eth1')).toHaveValue('10.0.1.10/24');
  await term.type('h1', 'ip -br addr');
  await term.expectLines('h1', ['root@h1:~# ip -br addr', 'lo               UNKNOWN        127.0.0.1/8', 'eth1@if3         UP             10.0.1.10/24', 'root@h1:~#']);
});

test('tabs, Tab completion, history, Ctrl+C and the device menu', async ({ page }) => {
  const app = new AppPage(page);
  const term = new TerminalPage(page);
  await app.goto();
  // The device's menu on the diagram opens its terminal; T opens the selected device's.
  await app.node('r1').click({ button: 'right' });
  await page.getByTestId('device-menu.terminal').click();
  await term.expectPrompt('r1');
  await term.screen('r1').click();
  await page.keyboard.type('ip ro');
  await page.keyboard.press('Tab');
  await page.keyboard.type('get 10.0.2.1');
  // Two addresses begin so: Tab lists them.
  await page.keyboard.press('Tab');
  await term.expectLines('r1', ['root@r1:~# ip route get 10.0.2.1', '10.0.2.1   10.0.2.10']);
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await term.expectLines('r1', ['root@r1:~# ip route get 10.0.2.10', '10.0.2.10 dev eth2 src 10.0.2.1 uid 0', '    cache', 'root@r1:~#']);
  // ↑ brings the line back; Ctrl+C drops it.
  await page.keyboard.press('ArrowUp');
  await term.expectLines('r1', ['    cache', 'root@r1:~# ip route get 10.0.2.10']);
  await page.keyboard.press('Control+c');
  await term.expectLines('r1', ['root@r1:~# ip route get 10.0.2.10^C', 'root@r1:~#']);
  await app.node('h2').click();
  await page.keyboard.press('t');
  await term.expectPrompt('h2');
  await expect(page.getByTestId('terminal.tab.r1')).toBeVisible();
  await expect(page.getByTestId('terminal.tab.h2')).toHaveAttribute('aria-selected', 'true');
});

test('Ctrl+C stops a ping where the walk is: its statistics so far', async ({ page }) => {
  const { term } = await h1Terminal(page);
  await term.type('h1', 'ping 10.0.2.10');
  await expect(page.getByTestId('player')).toBeVisible();
  // Past the first reply: a few steps in.
  for (let i = 0; i < 20; i++) await page.getByTestId('player.step-forward').click();
  await term.expectLines('h1', ['64 bytes from 10.0.2.10: icmp_seq=1 ttl=63 time=0.080 ms']);
  await term.screen('h1').click();
  await page.keyboard.press('Control+c');
  await term.expectPrompt('h1');
  const text = times(await term.text('h1'));
  // Where the walk was shown: the requests sent by then, the replies received by then.
  expect(text).toMatch(/64 bytes from 10\.0\.2\.10: icmp_seq=1 ttl=63 time=<t> ms\n(64 bytes from .*\n)*\^C\n--- 10\.0\.2\.10 ping statistics ---\n\d packets transmitted, \d received, \d+% packet loss, time <t>ms\nrtt min\/avg\/max\/mdev = <t>\nroot@h1:~#$/);
  // The walk in the player is the interrupted one, shown to its end.
  await expect(page.getByTestId('player.last')).toHaveAttribute('aria-disabled', 'true');
});

test('tcpdump prints the frames a walk passes on the interface, as the player shows them', async ({ page }) => {
  const { app, term } = await h1Terminal(page);
  await term.type('h1', 'tcpdump -i eth1 -n -c 3');
  await term.expectLines('h1', ['tcpdump: verbose output suppressed, use -v[v]... for full protocol decode', 'listening on eth1, link-type EN10MB (Ethernet), snapshot length 262144 bytes']);
  await app.press('header.run');
  await page.getByTestId('player.last').click();
  await term.expectPrompt('h1');
  const text = await term.text('h1');
  expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{6} ARP, Request who-has 10\.0\.1\.1 tell 10\.0\.1\.10, length 28\n/);
  expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{6} ARP, Reply 10\.0\.1\.1 is-at 02:00:00:00:00:03, length 28\n/);
  expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{6} IP 10\.0\.1\.10 > 10\.0\.2\.10: ICMP echo request, id \d+, seq 1, length 64\n3 packets captured\n3 packets received by filter\n0 packets dropped by kernel\nroot@h1:~#$/);
});

const SIZES = [
  [1024, 768],
  [1366, 768],
  [1920, 1080],
] as const;

for (const [short, language] of [
  ['en', 'en'],
  ['zh', 'zh-CN'],
] as const) {
  for (const [width, height] of SIZES) {
    test(`${short} ${width}×${height}: the terminal fits under the diagram, beside a walk`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.addInitScript((lng) => localStorage.setItem('packetwalk.language', lng), language);
      const app = new AppPage(page);
      const editor = new EditorPage(page);
      const term = new TerminalPage(page);
      await app.goto();
      await editor.select('h1');
      await page.getByTestId('inspector.terminal').click();
      await term.expectPrompt('h1');
      await term.type('h1', 'ip -br addr');
      await term.expectLines('h1', ['eth1@if3         UP             10.0.1.10/24']);
      // The panel lies inside the diagram's area, under the diagram (which gives it that room),
      // and the page does not scroll sideways.
      const main = (await page.locator('.pw-main').boundingBox())!;
      const panel = (await term.panel.boundingBox())!;
      const diagram = (await app.canvas.boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(main.x);
      expect(panel.x + panel.width).toBeLessThanOrEqual(main.x + main.width + 0.5);
      expect(panel.y + panel.height).toBeLessThanOrEqual(main.y + main.height + 0.5);
      expect(diagram.y + diagram.height).toBeLessThanOrEqual(panel.y + 0.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `test-results/terminal/${short}-${width}x${height}-editor.png` });
      await term.type('h1', 'ping -c 1 10.0.2.10');
      await page.getByTestId('player.last').click();
      await term.expectPrompt('h1');
      await page.screenshot({ path: `test-results/terminal/${short}-${width}x${height}-walk.png` });
    });
  }
}
