// The keyboard: the diagram is one tab stop (a device) whose arrow keys go to the nearest device
// that way, Enter selects, L goes through a device's links; after Delete the focus stays in the
// diagram; a device added from the palette with Enter lands in free space; every dialog opens with
// the focus on its first field (and a menu on its first item). A file that cannot be opened says
// why in a toast read out at once (role alert), which takes no focus: it is not a dialog.

import { expect, test } from '@playwright/test';
import { DiagramPage } from './pages/DiagramPage';

test.use({ viewport: { width: 1366, height: 768 } });

test('the diagram is one tab stop: Tab reaches a device before any link, and the next Tab leaves the diagram', async ({ page }) => {
  const app = new DiagramPage(page);
  await app.goto('two-subnets-router');
  await app.tabIntoDiagram();
  // The first device read (top left), with a focus ring on its symbol.
  await app.expectFocusOn('h1');
  await expect(app.node('h1').locator('.pw-node__symbol')).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Tab');
  expect(await app.focusedDevice()).toBeUndefined();
  expect(await app.focusedLink()).toBeUndefined();
  // Back in, the tab stop is the device last focused.
  await app.focusDevice('r1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await app.expectFocusOn('r1');
});

test('arrow keys go to the nearest device that way; Enter selects; Alt+arrows move the selected device', async ({ page }) => {
  const app = new DiagramPage(page);
  await app.goto('two-subnets-router');
  await app.tabIntoDiagram();
  await app.expectFocusOn('h1');
  await page.keyboard.press('ArrowRight');
  await app.expectFocusOn('sw1');
  await page.keyboard.press('ArrowRight');
  await app.expectFocusOn('r1');
  await page.keyboard.press('ArrowLeft');
  await app.expectFocusOn('sw1');
  // Nothing above: the focus stays.
  await page.keyboard.press('ArrowUp');
  await app.expectFocusOn('sw1');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector.device.sw1')).toBeVisible();
  // A selected device is not moved by the arrows: they still go to the next device.
  const before = await app.node('sw1').boundingBox();
  await page.keyboard.press('ArrowRight');
  await app.expectFocusOn('r1');
  expect(await app.node('sw1').boundingBox()).toEqual(before);
  // Escape clears the selection and keeps the focus.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector.device.r1')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector.device.r1')).toBeHidden();
  await app.expectFocusOn('r1');
  // Alt+arrows move it.
  await page.keyboard.press('Enter');
  const at = (await app.node('r1').boundingBox())!;
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(async () => (await app.node('r1').boundingBox())!.y).toBeGreaterThan(at.y);
  await app.expectFocusOn('r1');
});

test('L goes through a device’s links; the arrows go from a link to its end; after Delete the focus stays in the diagram', async ({ page }) => {
  const app = new DiagramPage(page);
  await app.goto('two-subnets-router');
  await app.focusDevice('r1');
  await page.keyboard.press('l');
  await expect.poll(() => app.focusedLink()).toBe('r1:eth1--sw1:p2');
  await page.keyboard.press('l');
  await expect.poll(() => app.focusedLink()).toBe('r1:eth2--sw2:p1');
  await page.keyboard.press('Shift+L');
  await expect.poll(() => app.focusedLink()).toBe('r1:eth1--sw1:p2');
  await page.keyboard.press('ArrowLeft');
  await app.expectFocusOn('sw1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('l');
  await page.keyboard.press('l');

  // Delete a link: the focus goes to the nearest device, not to the page.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector.link')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(app.linkEnd('r1', 'eth2')).toHaveCount(0);
  await expect.poll(() => app.focusedDevice()).toMatch(/^(r1|sw2)$/);

  // Delete a device: the same.
  await app.focusDevice('sw2');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(app.node('sw2')).toHaveCount(0);
  await expect.poll(() => app.focusedDevice()).toBe('h2');

  // With nothing left, the diagram itself keeps the focus.
  await app.newNetwork();
  await app.palette('host').focus();
  await page.keyboard.press('Enter');
  await expect(app.node('h1')).toBeVisible();
  await app.focusDevice('h1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(app.node('h1')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('canvas');
});

test('devices added with Enter on the palette land in free space, never on a device or its label', async ({ page }) => {
  const app = new DiagramPage(page);
  await app.goto('two-subnets-router');
  const roles = ['host', 'server', 'switch', 'router', 'nat', 'host', 'host', 'router'] as const;
  for (const [i, role] of roles.entries()) {
    await app.palette(role).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.react-flow__node')).toHaveCount(5 + i + 1);
    expect(await app.collisions(), `after adding ${i + 1}`).toEqual([]);
  }
  await page.screenshot({ path: 'test-results/keyboard/added-with-enter.png' });
});

test('every dialog opens with the focus on its first field', async ({ page }) => {
  const app = new DiagramPage(page);
  await app.goto('two-subnets-router');
  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.className);

  await app.press('header.walk');
  await expect.poll(focusedTestId).toBe('pdu.source');
  await page.keyboard.press('Escape');

  await app.press('header.examples');
  await page.getByTestId('example.generate').click();
  await expect.poll(focusedTestId).toBe('generator.design.three-tier');
  await page.keyboard.press('Escape');

  // The lessons are a menu: its first item.
  await app.press('header.lessons');
  await expect.poll(focusedTestId).toBe('lesson.same-subnet');
  await page.keyboard.press('Escape');

  // Help has no field: its text has the focus (a screen reader reads it from the top).
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
  await expect.poll(focusedTestId).toBe('pw-dialog__body');
  await page.keyboard.press('Escape');

  // A question: its first button, the one that changes nothing.
  await app.select('h1');
  await page.getByTestId('inspector.name').fill('h9');
  await page.getByTestId('inspector.name').press('Enter');
  await app.fileMenu('new');
  await expect.poll(focusedTestId).toBe('confirm.cancel');
  await page.keyboard.press('Escape');

  // The wide view of a Linux command's output: its text.
  await app.select('r1');
  await page.getByTestId('views.wide').click();
  await expect(page.getByTestId('views.dialog')).toBeVisible();
  await expect.poll(focusedTestId).toBe('pw-dialog__body');
});
