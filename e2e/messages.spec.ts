// Error messages can always be read and closed: a 300-character token wraps inside the window,
// the close button stays on screen, Escape closes the newest message, and a long list of problems
// shows its first lines with the rest folded.

import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';

const inWindow = (box: { x: number; y: number; width: number; height: number } | null, vw: number, vh: number) =>
  box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= vw && box.y + box.height <= vh;

test('a message with a 300-character token fits the window and closes with Escape and with its button', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  const token = 'x'.repeat(300);
  const file = { name: 'long.clab.yml', mimeType: 'application/yaml', buffer: Buffer.from(`name: t\ntopology:\n  nodes:\n    ${token}: {kind: linux}\n`) };
  await page.getByTestId('file.input').setInputFiles(file);
  const error = app.toast('open-error');
  await expect(error).toContainText(token);
  expect(inWindow(await error.boundingBox(), 1280, 800)).toBe(true);
  expect(inWindow(await error.getByTestId('toast.close').boundingBox(), 1280, 800)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(error).toHaveCount(0);

  await page.getByTestId('file.input').setInputFiles({ ...file, name: 'again.clab.yml' });
  await expect(app.toast('open-error')).toBeVisible();
  await app.toast('open-error').getByTestId('toast.close').click();
  await expect(app.toast('open-error')).toHaveCount(0);
});

test('a file with many problems shows three of them and folds the rest', async ({ page }) => {
  const app = new EditorPage(page);
  await app.goto();
  const nodes = Array.from({ length: 12 }, (_, i) => `    bad.name${i}: {kind: linux}`).join('\n');
  await page.getByTestId('file.input').setInputFiles({ name: 'many.clab.yml', mimeType: 'application/yaml', buffer: Buffer.from(`name: t\ntopology:\n  nodes:\n${nodes}\n`) });
  const error = app.toast('open-error');
  await expect(error.locator('li:visible')).toHaveCount(3);
  await expect(error.getByTestId('toast.more')).toHaveText('9 more lines');
  await error.getByTestId('toast.more').click();
  await expect(error.locator('li:visible')).toHaveCount(12);
  expect(inWindow(await error.getByTestId('toast.close').boundingBox(), 1280, 800)).toBe(true);
});
