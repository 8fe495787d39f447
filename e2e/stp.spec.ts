// The spanning tree in Chromium: the triangle example with STP on, walked: one port blocking on
// the diagram and in the STP table, the ping crossing the tree; then the link of sw3's root port
// cut from the STP table at the first ping, and the blocked port forwarding by the second; "+30 s"
// playing the convergence; a cut kept by autosave across a reload.

import { expect, test } from '@playwright/test';
import { PlayerPage } from './pages/PlayerPage';

test('stp-triangle: a blocked port, a ping across the tree, and the tree forming again after a cut', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto('stp-triangle');
  await p.runScenario();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });

  // At the end: sw3's port towards sw2 blocks, and its link is drawn cut; every other port forwards.
  await page.keyboard.press('End');
  await expect(page.getByTestId('link-end.sw3.p1')).toHaveAttribute('data-stp', 'blocking');
  await expect(page.locator('.react-flow__edge[data-stp="cut"]')).toHaveCount(1);
  await expect(page.locator('[data-testid^="link-end."][data-stp]')).toHaveCount(1);
  await p.tablesOf('sw3');
  await expect(page.getByTestId('tables.stp.root')).toHaveText('8000.2:0:0:0:1:1');
  await expect(page.getByTestId('tables.stp.port.p1')).toContainText('blocking');
  await expect(page.getByTestId('tables.stp.port.p2')).toContainText('forwarding');

  // Both pings crossed the tree: their echo replies reached h1. BPDUs filtered out of the list, as ARP can be.
  await page.getByTestId('player.filter.stp').click();
  await expect(page.getByTestId('player.filter.stp')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('[data-testid^="trace.row-"]', { hasText: 'BPDU' })).toHaveCount(0);
  // The rows drawn lie one under the other, each as tall as its text: no gap, no overlap.
  const gaps = () =>
    page.locator('[data-testid^="trace.row-"]').evaluateAll((rows) => {
      const box = rows.map((r) => ({ i: Number(r.getAttribute('data-index')), top: new DOMMatrix(getComputedStyle(r).transform).m42, h: (r as HTMLElement).offsetHeight })).sort((a, b) => a.i - b.i);
      return box.slice(1).filter((b, k) => b.i === box[k]!.i + 1 && Math.abs(b.top - (box[k]!.top + box[k]!.h)) > 1).length;
    });
  await expect.poll(gaps).toBe(0);
  const replies = page.locator('[data-testid^="trace.row-"]', { hasText: 'ICMP echo reply 10.0.0.2 → 10.0.0.1' });
  await expect(replies.first()).toBeVisible();
  const ends = page.locator('[data-testid^="trace.row-"]', { hasText: 'ping -c 1 -W 1 10.0.0.2: exit 0' });
  await expect(ends).toHaveCount(2);

  // Cut sw3's root port (its link to sw1) at the end of the first ping.
  const first = Number((await ends.first().getAttribute('data-testid'))?.replace('trace.row-', ''));
  // A click on the row moves the cursor there (the rows keep their measured heights across the filter, so none moves under the pointer).
  await ends.first().click();
  await expect(p.position).toContainText(`Step ${first} of`);
  await p.tablesOf('sw3');
  await page.getByTestId('tables.stp.cut.p2').click();
  await expect(page.getByTestId('link-end.sw3.p2')).toHaveAttribute('data-stp', 'disabled', { timeout: 30_000 });

  // By the end of the walk the blocked port has listened, learned and forwards: sw3 reaches the
  // root through sw2, and the second ping still crosses.
  await page.keyboard.press('End');
  await expect(page.getByTestId('link-end.sw3.p1')).not.toHaveAttribute('data-stp', /./);
  await p.tablesOf('sw3');
  await expect(page.getByTestId('tables.stp.port.p1')).toContainText('forwarding');
  await expect(page.getByTestId('tables.stp.cost')).toContainText('4 (through p1)');
  await expect(page.locator('[data-testid^="trace.row-"]', { hasText: 'ping -c 1 -W 1 10.0.0.2: exit 0' })).toHaveCount(2);
});

test('+30 s plays the convergence fast, step by step, the ports changing state on the diagram, and stops when asked', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto('stp-triangle');
  await p.runScenario();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
  const skip = page.getByTestId('player.skip-30s');
  const stepNow = async () => Number((await p.position.textContent())?.match(/Step (\d+)/)?.[1] ?? 0);

  await skip.click();
  await expect(skip).toHaveText('Stop');
  await expect(skip).toHaveAttribute('aria-pressed', 'true');
  // The steps go by one at a time: sw1's port towards h1 is seen listening, then learning.
  await expect(page.getByTestId('link-end.sw1.p3')).toHaveAttribute('data-stp', 'listening');
  await expect(page.getByTestId('link-end.sw1.p3')).toHaveAttribute('data-stp', 'learning');
  await skip.click();
  await expect(skip).toHaveText('+30 s');
  const stopped = await stepNow();
  expect(stopped).toBeGreaterThan(1);
  await expect(page.getByTestId('player.play')).toHaveAttribute('aria-pressed', 'false');
  expect(await stepNow()).toBe(stopped);

  // Again: it plays on from there to the end of the walk (less than 30 s away), then stops by itself.
  await skip.click();
  await expect(p.position).toHaveText(/Step (\d+) of \1$/, { timeout: 30_000 });
  await expect(skip).toHaveText('+30 s');
  await expect(page.getByTestId('link-end.sw3.p1')).toHaveAttribute('data-stp', 'blocking');
});

test('a cut link is kept by autosave: after a reload the walk comes back, cut where it was', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto();
  await p.openExample('stp-triangle');
  await p.runScenario();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('End');
  await p.tablesOf('sw3');
  await page.getByTestId('tables.stp.cut.p2').click();
  await expect(page.getByTestId('link-end.sw3.p2')).toHaveAttribute('data-stp', 'disabled', { timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('packetwalk.autosave.v1') ?? '{}').cuts as unknown)).toEqual([expect.objectContaining({ node: 'sw3', iface: 'p2' })]);

  await page.reload();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('End');
  await expect(page.getByTestId('link-end.sw3.p2')).toHaveAttribute('data-stp', 'disabled');
});
