// Nothing typed is lost when the tab crashes: an edit is in localStorage before the page draws
// again, so a renderer killed (DevTools' Page.crash) 50 ms to 1 s after the edit leaves it there
// for the next page. PW_CRASH_ROUNDS repeats the delays (5 rounds: 20 crashes).

import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';

const DELAYS_MS = [50, 200, 500, 1000];
const ROUNDS = Number(process.env.PW_CRASH_ROUNDS ?? 1);

test('an edit survives a renderer crash 50 ms to 1 s after it', async ({ context }) => {
  test.setTimeout(60_000 * ROUNDS);
  let page = await context.newPage();
  await new AppPage(page).goto();
  for (let round = 0; round < ROUNDS; round++) {
    for (const delay of DELAYS_MS) {
      const name = `crash-${round}-${delay}`;
      await page.getByTestId('header.rename').click();
      await page.getByTestId('header.rename-input').fill(name);
      await page.getByTestId('header.rename-input').press('Enter');
      // The delay is the point of the test: how long after the edit the renderer dies.
      await page.waitForTimeout(delay);
      const cdp = await context.newCDPSession(page);
      // Page.crash never answers: the renderer is gone. The page says so with its crash event.
      const crashed = page.waitForEvent('crash');
      void cdp.send('Page.crash').catch(() => {});
      await crashed;
      await page.close().catch(() => {});
      page = await context.newPage();
      const app = new AppPage(page);
      await app.goto();
      await expect(app.topologyName, `edit ${delay} ms before the crash`).toContainText(name);
    }
  }
});
