// Labels never hide each other: on every bundled example and every lesson's network, at 1366×768,
// in the editor and at the steps of its walk (every step of a walk of up to 40, else 40 spread
// over it, or over its first 120 steps; a lesson's first walk), no two of {device symbol, connect
// dot, card (name, role, addresses), interface name, frame tag, drop or delivery badge} overlap,
// and no line runs through a card, another link's interface name, a tag it does not carry or a
// badge (DiagramPage.collisions). The first step of each walk with a frame on a wire is saved in
// test-results/labels/ to be looked at.

import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LESSON_IDS } from '../src/lessons/types';
import { DiagramPage } from './pages/DiagramPage';

const EXAMPLES = readdirSync('src/examples')
  .filter((f) => f.endsWith('.clab.yml'))
  .map((f) => f.replace(/\.clab\.yml$/, ''));

/** At most this many steps of a walk are looked at, spread over it. */
const SAMPLE = 40;
/** A walk is stepped through up to this step: a broadcast storm (lesson "A loop") has 13 790, which repeat its first hundred. */
const MAX_STEPS = 120;

test.use({ viewport: { width: 1366, height: 768 } });

/** Steps through the walk shown from its start, checking the labels at the sampled steps. */
async function checkWalk(app: DiagramPage, name: string): Promise<void> {
  await app.toStart();
  const total = Number(/(\d+)\s*$/.exec((await app.position.textContent()) ?? '')?.[1] ?? (await app.page.getByTestId(/^trace\.row-/).count()));
  const count = Math.min(total, MAX_STEPS);
  const every = Math.max(1, Math.ceil(count / SAMPLE));
  let shot = false;
  for (let step = 1; step <= count; step++) {
    await app.forward();
    if (step % every !== 0 && step !== count) continue;
    expect(await app.collisions(), `${name}, step ${step}`).toEqual([]);
    if (!shot && (await app.page.getByTestId('canvas.packet').count()) > 0) {
      shot = true;
      await app.page.screenshot({ path: `test-results/labels/${name}-step-${step}.png` });
    }
  }
}

for (const example of EXAMPLES) {
  test(`labels: example ${example}, in the editor and at the steps of its scenario`, async ({ page }) => {
    // Every step is stepped through (40 looked at): a walk with the spanning tree has a hundred.
    test.slow();
    const app = new DiagramPage(page);
    await app.goto(example);
    expect(await app.collisions(), `${example}, editor`).toEqual([]);
    await page.screenshot({ path: `test-results/labels/${example}-editor.png` });
    await app.runScenario();
    await expect(app.row(1)).toBeVisible({ timeout: 30_000 });
    await checkWalk(app, example);
  });
}

for (const lesson of LESSON_IDS) {
  test(`labels: lesson ${lesson}, in the editor and at the steps of its walk`, async ({ page }) => {
    test.slow();
    const app = new DiagramPage(page);
    await app.open(`#lesson=${lesson}`);
    await expect(app.narrative).toBeVisible({ timeout: 30_000 });
    await checkWalk(app, `lesson-${lesson}`);
    await app.closeOutput();
    expect(await app.collisions(), `lesson ${lesson}, editor`).toEqual([]);
    await page.screenshot({ path: `test-results/labels/lesson-${lesson}-editor.png` });
  });
}
