// What a newcomer can find without being told: every device shows the dot links are dragged
// from; a control that cannot be used says why on the screen when it is clicked, tapped or
// reached with the keyboard (not only in a tooltip), in a toolbar and in its "⋯" menu alike.

import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
import { PlayerPage } from './pages/PlayerPage';

test('every device shows its connect dot, without being hovered or selected', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await page.mouse.move(0, 0);
  for (const name of ['h1', 'sw1', 'r1', 'sw2', 'h2']) await expect(page.getByTestId(`node.${name}.connect`)).toBeVisible();
});

test('a button that cannot be used says why on the screen: clicked, or reached with the keyboard', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  await app.newNetwork();
  const why = page.getByTestId('reason');
  await expect(app.runButton).toBeDisabled();
  await app.runButton.click({ force: true });
  await expect(why).toHaveText('This network has no scenario to run: use “Walk a packet” to send one.');
  await page.keyboard.press('Escape');
  await expect(why).toHaveCount(0);
  // The keyboard: the button before it, "Walk a packet", cannot be used either.
  await app.runButton.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('header.walk')).toBeFocused();
  await expect(why).toHaveText('Add devices first: there is nothing to walk through yet.');
  // Nothing ran, and the reason goes with the focus.
  await page.getByTestId('canvas').click({ position: { x: 300, y: 300 } });
  await expect(why).toHaveCount(0);
  await expect(page.getByTestId('player')).toHaveCount(0);
});

test.describe('in a narrow window', () => {
  test.use({ viewport: { width: 760, height: 700 } });

  test('a control in the "⋯" menu that cannot be used says why, and the menu stays open', async ({ page }) => {
    const app = new EditorPage(page);
    await app.goto();
    const undo = await app.toolbarControl('header.undo');
    await expect(page.getByTestId('header.overflow')).toContainText(/Undo/);
    await undo.click({ force: true });
    await expect(page.getByTestId('reason')).toHaveText('Nothing to undo yet.');
    await expect(undo).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('why-in-menu.png') });
  });
});

test('the player: at the start of a walk, "back" says it is at the start', async ({ page }) => {
  const p = new PlayerPage(page);
  await p.goto();
  await p.runScenario();
  await expect(p.row(1)).toBeVisible({ timeout: 30_000 });
  await p.toStart();
  await p.control('step-back').click({ force: true });
  await expect(page.getByTestId('reason')).toHaveText('The walk is at its start.');
  await expect(p.position).toContainText('Start');
});
