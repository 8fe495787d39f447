// Every screen fits: at each of six window sizes (a small laptop to a full-HD screen, and a
// 1280×720 projector), in English and in Chinese, the editor, a walk and a lesson show every
// control inside the window, the page never scrolls, and no two controls of a toolbar overlap.
// Each screen is also saved as a picture in test-results/layout/ to be looked at (not compared).

import { expect, test, type Page } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { PredictPage } from './pages/PredictPage';

const SIZES = [
  [1024, 768],
  [1280, 800],
  [1366, 768],
  [1440, 900],
  [1920, 1080],
  [1280, 720],
] as const;

const LANGUAGES = [
  ['en', 'en'],
  ['zh', 'zh-CN'],
] as const;

interface Misfit {
  what: string;
  box: [number, number, number, number];
}

/**
 * What does not fit: controls (buttons, fields, menu items, tabs, the separator) outside the
 * window, two controls of one toolbar on top of each other, a page wider or taller than the
 * window. A control scrolled out of its own scrolling box (the event list, the inspector) is not
 * on screen and is skipped; the part of it in its box must be inside the window. Devices and
 * links on the diagram are the view's (panning shows them), not controls.
 */
function misfits(page: Page): Promise<Misfit[]> {
  return page.evaluate(() => {
    const out: Misfit[] = [];
    const name = (el: Element) => el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 30)}”`;
    const visible = (el: Element) => {
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[hidden]');
    };
    /** The element's box cut by the boxes that scroll it, or null when it is scrolled out of one. */
    const shown = (el: Element): DOMRect | null => {
      let r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return null;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (!/(auto|scroll)/.test(`${s.overflowX} ${s.overflowY}`)) continue;
        const b = p.getBoundingClientRect();
        const x0 = Math.max(r.left, b.left);
        const y0 = Math.max(r.top, b.top);
        const x1 = Math.min(r.right, b.right);
        const y1 = Math.min(r.bottom, b.bottom);
        if (x1 - x0 < 1 || y1 - y0 < 1) return null;
        r = new DOMRect(x0, y0, x1 - x0, y1 - y0);
      }
      return r;
    };
    const controls = Array.from(document.querySelectorAll('button, select, input, textarea, [role="menuitem"], [role="tab"], [role="separator"]')).filter(
      (el) => visible(el) && !el.closest('.react-flow__viewport'),
    );
    for (const el of controls) {
      const r = shown(el);
      if (!r) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) out.push({ what: `off-screen: ${name(el)}`, box: [r.left, r.top, r.width, r.height] });
    }
    for (const bar of Array.from(document.querySelectorAll('[role="toolbar"]'))) {
      const own = Array.from(bar.querySelectorAll('button, select, input')).filter((el) => visible(el) && !el.closest('.pw-overflow__panel, [role="menu"]'));
      const boxes = own.map((el) => el.getBoundingClientRect());
      for (let i = 0; i < own.length; i++)
        for (let j = i + 1; j < own.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.width === 0 || b.width === 0 || own[i]!.contains(own[j]!) || own[j]!.contains(own[i]!)) continue;
          if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
            out.push({ what: `overlap: ${name(own[i]!)} and ${name(own[j]!)}`, box: [a.left, a.top, a.width, a.height] });
        }
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > innerWidth) out.push({ what: `page scrolls sideways: ${doc.scrollWidth} > ${innerWidth}`, box: [0, 0, doc.scrollWidth, 0] });
    if (doc.scrollHeight > innerHeight) out.push({ what: `page scrolls down: ${doc.scrollHeight} > ${innerHeight}`, box: [0, 0, 0, doc.scrollHeight] });
    return out;
  });
}

async function fits(page: Page, shot: string): Promise<void> {
  // Toolbars measure after the browser's layout: let them settle.
  await page.waitForTimeout(250);
  await page.screenshot({ path: `test-results/layout/${shot}.png` });
  expect(await misfits(page), shot).toEqual([]);
}

/** A toolbar's "⋯" menu, where it has one, opened: its controls fit too. */
async function moreFits(page: Page, toolbar: string, shot: string): Promise<void> {
  const more = page.getByTestId(`${toolbar}.more`);
  if (!(await more.isVisible())) return;
  await more.click();
  await fits(page, shot);
  await page.keyboard.press('Escape');
}

for (const [short, language] of LANGUAGES) {
  for (const [width, height] of SIZES) {
    test(`${short} ${width}×${height}: the editor, a walk and a lesson fit the window`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height });
      await page.addInitScript((lng) => localStorage.setItem('packetwalk.language', lng), language);
      const app = new LessonPage(page);
      const name = `${short}-${width}x${height}`;

      await app.goto();
      await expect(app.topologyName).toContainText('two-subnets-router');
      await fits(page, `${name}-editor`);

      await moreFits(page, 'header', `${name}-editor-more`);

      await app.runScenario();
      await expect(app.row(1)).toBeVisible({ timeout: 30_000 });
      await app.forward(2);
      await expect(app.position).toContainText(/2/);
      await fits(page, `${name}-walk`);
      await moreFits(page, 'player.toolbar', `${name}-walk-more`);

      await app.open('#lesson=same-subnet&step=4');
      await expect(app.narrative).toBeVisible({ timeout: 30_000 });
      await fits(page, `${name}-lesson`);
    });
  }
}

/** The example's scenario walked in a window of this size. */
async function walkedAt(page: Page, width: number, height: number): Promise<PredictPage> {
  await page.setViewportSize({ width, height });
  const p = new PredictPage(page);
  await p.goto();
  await p.runScenario();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
  return p;
}

/** Does this box show all it holds (no scrolling needed to read it)? */
const whole = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => el.scrollHeight <= el.clientHeight + 1);

test('at 1366×768 every step of the example explains itself without scrolling, and a wrong prediction shows the answer and its reason', async ({ page }) => {
  test.setTimeout(90_000);
  const p = await walkedAt(page, 1366, 768);
  const count = Number((await p.position.textContent())!.match(/\d+/)![0]);
  expect(count).toBeGreaterThan(10);
  for (let step = 1; step <= count; step++) {
    await p.forward();
    await expect(p.position).toHaveText(`Step ${step} of ${count}`);
    expect(await whole(page, 'player.detail'), `step ${step}`).toBe(true);
  }
  await page.screenshot({ path: 'test-results/layout/en-1366x768-last-step.png' });

  await p.toStart();
  await p.toggle.click();
  await p.forward();
  await p.answerWithKeys('r1');
  await expect(p.result).toHaveAttribute('data-result', 'wrong');
  await expect(page.getByTestId('predict.the-answer')).toHaveText('The answer: sw1');
  await expect(p.explanation).toContainText('No neighbour entry for 10.0.1.1 → broadcast an ARP request');
  expect(await whole(page, 'player.detail')).toBe(true);
  await page.screenshot({ path: 'test-results/layout/en-1366x768-predict-wrong.png' });
});

test('the separator resizes the player by dragging and with the arrow keys, and the size is remembered', async ({ page }) => {
  const p = await walkedAt(page, 1280, 800);
  const splitter = page.getByTestId('player.splitter');
  const height = async () => (await p.player.boundingBox())!.height;
  const before = await height();
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 150, { steps: 6 });
  await page.mouse.up();
  await expect.poll(height).toBeGreaterThan(before + 120);
  const dragged = await height();
  await splitter.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(height).toBeLessThan(dragged - 20);
  // The arrow moved the separator, not the walk.
  await expect(p.position).toHaveText(/Start/);
  const sized = await height();
  await page.reload();
  await p.runScenario();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
  await expect.poll(height).toBeCloseTo(sized, -1);
});

test('on a wide window the player goes beside the diagram, and back under it', async ({ page }) => {
  const p = await walkedAt(page, 1920, 1080);
  await p.press('player.layout');
  await expect.poll(async () => (await p.player.boundingBox())!.y).toBeLessThan(80);
  const canvas = (await p.canvas.boundingBox())!;
  const player = (await p.player.boundingBox())!;
  expect(player.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
  await page.screenshot({ path: 'test-results/layout/en-1920x1080-side.png' });
  expect(await misfits(page)).toEqual([]);
  await p.press('player.layout');
  await expect.poll(async () => (await p.player.boundingBox())!.y).toBeGreaterThan(300);
});

test('the network is renamed in the toolbar: Escape cancels, an empty name is refused, undo brings the old one back; the title and the files follow', async ({ page }) => {
  const p = new PredictPage(page);
  await p.goto();
  await expect(page).toHaveTitle('packetwalk — two-subnets-router');
  const input = page.getByTestId('header.rename-input');
  await page.getByTestId('header.rename').click();
  await input.fill('something else');
  await input.press('Escape');
  await expect(p.topologyName).toContainText('two-subnets-router');
  await page.getByTestId('header.rename').click();
  await input.fill('   ');
  await expect(page.getByTestId('header.rename-error')).toHaveText('A network needs a name');
  await input.fill('Lab 3 two LANs');
  await input.press('Enter');
  await expect(p.topologyName).toContainText('Lab 3 two LANs');
  await expect(page).toHaveTitle('packetwalk — Lab 3 two LANs');
  expect((await p.download('save-json')).name).toBe('Lab_3_two_LANs.json');
  await p.runScenario();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
  await p.forward(2);
  expect((await p.exportSlide('svg')).name).toBe('Lab_3_two_LANs-step-2.svg');
  expect((await p.downloadCapture('player.export-pcapng')).name).toBe('Lab_3_two_LANs-walk.pcapng');
  await p.undoButton.click();
  await expect(p.topologyName).toContainText('two-subnets-router');
});
