// Lessons and shared links in Chromium: a lesson opened by link and stepped through by its key
// steps in English and in Chinese, one opened from the menu; Share from the player opened in a
// new page (same network, walk and step); a damaged link that leaves the autosaved network in
// place; hostile text in a link shown as text; the user's own network kept and brought back.

import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { LessonPage } from './pages/LessonPage';

const AUTOSAVE = 'packetwalk.autosave.v1';

/** The network autosaved in this browser. */
const autosaved = (page: Page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.topology as unknown, AUTOSAVE);

/** Makes an edit of the network on screen (a new host) and waits until autosave has written it. */
async function editAndSave(app: LessonPage, page: Page): Promise<void> {
  await app.palette('host').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k) ?? '', AUTOSAVE)).toContain('"name":"h4"');
}

test.describe('a lesson opened by its link', () => {
  test('same subnet or not, key step by key step, in English', async ({ page }) => {
    const app = new LessonPage(page);
    await app.open('#lesson=same-subnet');
    await expect(app.topologyName).toContainText('same-subnet');
    await expect(app.narrative).toContainText('Lesson 1: Same subnet or not');
    await expect(app.keyStep).toHaveText('Introduction');
    await expect(app.lessonText).toContainText('h1 (10.0.1.10/24) pings two hosts');
    await expect(app.position).toHaveText('Start of 30');

    await app.nextKey();
    await expect(app.position).toHaveText('Step 1 of 30');
    await expect(app.keyStep).toHaveText('Key step 1 of 7');
    await expect(app.lessonText).toContainText('10.0.1.20 AND 255.255.255.0 = 10.0.1.0, its own network');
    await expect(app.lessonText.locator('code')).toHaveText('10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.10');
    // The narrative agrees with the player's own explanation and header view of the step.
    await expect(app.explanation).toContainText('10.0.1.20 AND 255.255.255.0 = 10.0.1.0');
    await expect(app.headerField('eth.dstMac')).toContainText('ff:ff:ff:ff:ff:ff');

    // The bridge floods to r1 (p3, added last) before h2 (p2): r1 ignores the request first.
    await app.nextKey();
    await expect(app.position).toHaveText('Step 3 of 30');
    await expect(app.lessonText).toContainText('Every device on sw1 receives the broadcast, r1 first');

    // Stepping on by hand: h2 answering is the next key step; after it, between key steps, its
    // narrative stays, marked as from its step.
    await app.forward();
    await expect(app.position).toHaveText('Step 4 of 30');
    await expect(app.keyStep).toHaveText('Key step 3 of 7');
    await expect(app.lessonText).toContainText('“10.0.1.20 is at 02:00:00:00:00:03”');
    await app.forward();
    await expect(app.keyStep).toHaveText('Key step 3 of 7 · from step 4');
    await expect(app.lessonText).toHaveAttribute('data-key', 'h2Answers');

    for (let i = 0; i < 2; i++) await app.nextKey();
    await expect(app.keyStep).toHaveText('Key step 5 of 7');
    await expect(app.lessonText).toContainText('h1 ARPs for 10.0.1.1, never for 10.0.2.10');
    await app.nextKey();
    await expect(app.lessonText).toContainText('destination MAC 02:00:00:00:00:05');
    await expect(app.headerField('eth.dstMac')).toContainText('02:00:00:00:00:05');
    await app.nextKey();
    await expect(app.lessonText).toContainText('ping prints ttl=63');
    await expect(page.getByTestId('lesson.next')).toBeDisabled();
    await app.previousKey();
    await expect(app.keyStep).toHaveText('Key step 6 of 7');
  });

  test('ports: the same port number on UDP and TCP, two sockets in the sockets table', async ({ page }) => {
    const app = new LessonPage(page);
    await app.open('#lesson=ports');
    await expect(app.narrative).toContainText('Lesson 6: Ports: TCP and UDP apart');
    for (let i = 0; i < 2; i++) await app.nextKey();
    await expect(app.keyStep).toHaveText('Key step 2 of 8');
    await expect(app.lessonText).toContainText('No “Address already in use”');
    await expect(page.getByTestId('tables.sockets.udp.0.0.0.0:5000')).toContainText('UNCONN');
    await expect(page.getByTestId('tables.sockets.tcp.0.0.0.0:5000')).toContainText('LISTEN');
    for (let i = 0; i < 4; i++) await app.nextKey();
    await expect(app.keyStep).toHaveText('Key step 6 of 8');
    await expect(app.lessonText).toContainText('type 3 code 3 (port unreachable)');
    await expect(page.getByTestId('tables.sockets.tcp.0.0.0.0:6000')).toContainText('LISTEN');
    await expect(page.getByTestId('tables.sockets.udp.0.0.0.0:6000')).toHaveCount(0);
  });

  test('a loop: the storm walked on the triangle without STP, then the same triangle with it', async ({ page }) => {
    const app = new LessonPage(page);
    await app.open('#lesson=loop');
    await expect(app.keyStep).toHaveText('Walk 1 of 2 · Introduction');
    await expect(app.lessonText).toContainText('no spanning tree');
    for (let i = 0; i < 4; i++) await app.nextKey();
    await expect(app.lessonText).toHaveAttribute('data-key', 'storm');
    await expect(page.getByTestId('player.storm')).toContainText('sw1, sw2, sw3');
    await expect(page.getByTestId('lesson.next')).toHaveText('Next walk ›');

    // The next walk opens the STP triangle's own network and walk, at its introduction.
    await app.nextKey();
    await expect(app.keyStep).toHaveText('Walk 2 of 2 · Introduction');
    await expect(app.lessonText).toHaveAttribute('data-key', 'withStp');
    await expect(page.getByTestId('player.storm')).toHaveCount(0);
    await expect(page).toHaveURL(/#lesson=loop&walk=2$/);
    await app.nextKey();
    await expect(app.lessonText).toHaveAttribute('data-key', 'claims');

    // Back from the walk's first key step: the first walk's last key step, the storm again.
    await expect(page.getByTestId('lesson.previous')).toHaveText('‹ Previous walk');
    await app.previousKey();
    await expect(app.keyStep).toContainText('Walk 1 of 2 · Key step 4 of 4');
    await expect(app.lessonText).toHaveAttribute('data-key', 'storm');
  });

  test('a step in the link opens the lesson there', async ({ page }) => {
    const app = new LessonPage(page);
    await app.open('#lesson=through-a-router&step=6');
    await expect(app.position).toHaveText('Step 6 of 18');
    await expect(app.keyStep).toHaveText('Key step 3 of 7');
    await expect(app.lessonText).toContainText('from 02:00:00:00:00:03 (its eth2) to 02:00:00:00:00:04');
    await expect(app.headerField('ipv4.ttl')).toContainText('64 → 63');
  });

  test('an unknown lesson says so and the app opens as usual', async ({ page }) => {
    const app = new LessonPage(page);
    await app.open('#lesson=no-such-lesson');
    await expect(app.toast('lesson-error')).toContainText('There is no lesson named “no-such-lesson”');
    await expect(app.topologyName).toContainText('two-subnets-router');
  });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('NAT at home, by link, key step by key step', async ({ page }) => {
    const app = new LessonPage(page);
    await app.open('#lesson=home-nat');
    await expect(app.narrative).toContainText('第 5 课：家里的 NAT');
    await expect(app.keyStep).toHaveText('简介');
    await expect(app.lessonText).toContainText('lan1 和 lan2 在家庭网络 192.168.1.0/24 中');
    await app.nextKey();
    await expect(app.keyStep).toHaveText('关键步骤 1/6');
    await expect(app.lessonText).toContainText('回显请求离开 lan1：从 192.168.1.10 到 203.0.113.10');
    await app.nextKey();
    await expect(app.lessonText).toContainText('源地址 192.168.1.10 变成 wan 的地址 198.51.100.2');
    await expect(app.lessonText.locator('code')).toHaveText('-A POSTROUTING -o wan -j MASQUERADE');
    await app.nextKey();
    await expect(app.lessonText).toContainText('198.51.100.2 → 203.0.113.10，TTL 63');
    await expect(app.headerField('ipv4.srcIp')).toContainText('198.51.100.2');
    await app.nextKey();
    await app.nextKey();
    await expect(app.lessonText).toContainText('gw 把目的地址改回 192.168.1.10');
    await app.nextKey();
    await expect(app.lessonText).toContainText('ttl=62');
  });

  test('from the Lessons menu, and the text follows the language', async ({ page }) => {
    const app = new LessonPage(page);
    await app.goto();
    await app.openLesson('switch-learns');
    await expect(app.topologyName).toContainText('lan-two-hosts');
    await app.nextKey();
    await expect(app.lessonText).toContainText('源 MAC 02:00:00:00:00:01 在 p1 后面');
    await app.switchLanguage('English');
    await expect(app.lessonText).toContainText('the source MAC 02:00:00:00:00:01 is behind p1');
    await expect(app.keyStep).toHaveText('Key step 1 of 5');
  });
});

test('Share from the player opens the same network, walk and step in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new LessonPage(page);
  await app.goto('two-subnets-router');
  await app.walk({ from: 'h1', to: 'h2', address: '10.0.2.10', ttl: 9 });
  await app.row(11).click();
  await expect(app.position).toHaveText('Step 11 of 18');
  const link = await app.share();
  expect(link).toMatch(/#share=v1\./);

  const other = new LessonPage(await context.newPage());
  await other.page.goto(link);
  await expect(other.topologyName).toContainText('two-subnets-router');
  await expect(other.player).toContainText('Packet walk: h1 → h2 (10.0.2.10) ICMP');
  await expect(other.position).toHaveText('Step 11 of 18');
  await expect(other.headerField('ipv4.ttl')).toContainText('9 → 8');
  await expect(other.headerField('eth.srcMac')).toContainText('02:00:00:00:00:05');
  await expect(other.toast('link-opened')).toContainText('Your own network is kept');
  await expect(other.node('h1')).toBeVisible();
});

test('a damaged link says so, and the autosaved network is still there after a reload', async ({ page }) => {
  const app = new LessonPage(page);
  await app.goto('lan-two-hosts');
  await editAndSave(app, page);
  const saved = await autosaved(page);

  const good = LZString.compressToEncodedURIComponent(JSON.stringify({ app: 'packetwalk', v: 1, topology: { name: 'other', nodes: [], links: [], scenario: [] } }));
  await app.open(`#share=v1.${good.slice(0, Math.floor(good.length / 2))}`);
  await expect(app.toast('link-error')).toContainText('This link could not be opened. Your own network is untouched.');
  await expect(app.toast('link-error')).toContainText('The link is damaged');
  await expect(app.topologyName).toContainText('lan-two-hosts');
  await expect(app.node('h4')).toBeVisible();

  await page.reload();
  await expect(app.canvas).toBeVisible();
  await expect(app.topologyName).toContainText('lan-two-hosts');
  await expect(app.node('h4')).toBeVisible();
  expect(await autosaved(page)).toEqual(saved);

  // Pasted into the address bar of the open page (a hashchange, no reload).
  await app.open(`#share=v1.${'A'.repeat(50_001)}`);
  await expect(app.toast('link-error').last()).toContainText('The link is too large: at most 50,000 characters');
  await app.open('#share=hello');
  await expect(app.toast('link-error').last()).toContainText('This is not a packetwalk link.');
  expect(new URL(page.url()).hash).toBe('');
  await expect(app.node('h4')).toBeVisible();
});

test('text from a link is shown as text, never run', async ({ page }) => {
  const app = new LessonPage(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const name = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  const topology = { name, nodes: [{ kind: 'linux', name: 'h1', role: 'host', ifaces: [], loAddrs: [], routes: [], ipForward: false, position: { x: 0, y: 0 } }], links: [], scenario: [] };
  await app.open(`#share=v1.${LZString.compressToEncodedURIComponent(JSON.stringify({ app: 'packetwalk', v: 1, topology }))}`);
  await expect(app.topologyName).toContainText(name);
  await expect(page.locator('header img, header script')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a lesson leaves the autosaved network alone, and “Back to my own network” brings it back', async ({ page }) => {
  const app = new LessonPage(page);
  await app.goto('lan-two-hosts');
  await editAndSave(app, page);
  const saved = await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE);

  // The network on screen was edited: opening the lesson asks first (its undo history goes).
  await page.getByTestId('header.lessons').click();
  await page.getByTestId('lesson.troubles').click();
  await page.getByTestId('confirm.ok').click();
  await expect(app.narrative).toBeVisible({ timeout: 30_000 });
  await expect(app.topologyName).toContainText('troubles');
  expect(page.url()).toMatch(/#lesson=troubles$/);
  await page.waitForTimeout(500);
  expect(await page.evaluate((k) => localStorage.getItem(k), AUTOSAVE)).toBe(saved);

  await page.getByTestId('header.lessons').click();
  await page.getByTestId('lesson.back').click();
  await expect(page.getByTestId('confirm')).toBeHidden();
  await expect(app.topologyName).toContainText('lan-two-hosts');
  await expect(app.node('h4')).toBeVisible();
  expect(page.url()).not.toContain('#');
});
