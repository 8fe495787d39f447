// The app starts in Chromium on the example, runs its scenario in the worker, and speaks Chinese.

import { expect, test } from '@playwright/test';
import { leafSpine } from '../src/engine/generate/fabric';
import { AppPage } from './pages/AppPage';

test.describe('the example topology', () => {
  test('shows its five devices with their addresses and the interface names on the links', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await expect(app.topologyName).toContainText('two-subnets-router');
    for (const name of ['h1', 'sw1', 'r1', 'sw2', 'h2']) await expect(app.node(name)).toBeVisible();
    await expect(app.node('h1')).toContainText('eth1');
    await expect(app.node('h1')).toContainText('10.0.1.10/24');
    await expect(app.node('r1')).toContainText('10.0.1.1/24');
    await expect(app.node('r1')).toContainText('10.0.2.1/24');
    await expect(app.node('r1')).toContainText('Router');
    await expect(app.node('sw1')).toContainText('Switch');
    await expect(app.linkEnd('sw1', 'p2')).toHaveText('p2');
    await expect(app.linkEnd('r1', 'eth2')).toHaveText('eth2');
  });

  test('lays the devices out from left to right: h1, sw1, r1, sw2, h2', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    const xs: number[] = [];
    for (const name of ['h1', 'sw1', 'r1', 'sw2', 'h2']) {
      const box = await app.node(name).boundingBox();
      expect(box, name).not.toBeNull();
      xs.push(box!.x);
    }
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  test('a device can be dragged to a new place', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    const before = (await app.node('h2').boundingBox())!;
    await app.dragNode('h2', { dx: 0, dy: 150 });
    await expect.poll(async () => (await app.node('h2').boundingBox())!.y).toBeGreaterThan(before.y + 100);
    await expect(app.node('h2')).toContainText('10.0.2.10/24');
  });

  for (const name of ['nope', '__proto__', 'constructor']) {
    test(`an unknown example says so: ?example=${name}`, async ({ page }) => {
      await page.goto(`/?example=${name}`);
      await expect(page.getByTestId('app.load-error')).toContainText(`no example named "${name}"`);
    });
  }
});

test.describe('running the scenario', () => {
  test('shows each command with its output and exit status', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await expect(app.output).toBeHidden();
    await app.runScenario();
    await expect(app.output).toContainText('ping -c 1 -W 1 10.0.2.10');
    await expect(app.output).toContainText('1 packets transmitted, 1 received');
    await expect(app.output).toContainText('exit 0');
    await expect(page.getByTestId('run.summary')).toContainText(/\d+ trace events/);
    await expect(app.runButton).toBeEnabled();
    await app.closeOutput();
    await expect(app.output).toBeHidden();
  });
});

test.describe('languages', () => {
  test('switching to 中文 shows Chinese labels, and the choice is remembered', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto();
    await expect(app.runButton).toHaveText('Run scenario');
    await app.switchLanguage('中文');
    await expect(app.runButton).toHaveText('运行场景');
    await expect(app.node('r1')).toContainText('路由器');
    await expect(app.node('sw1')).toContainText('交换机');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await app.runScenario();
    await expect(app.output).toContainText('场景输出');
    await expect(app.output).toContainText('退出码 0');

    await page.reload();
    await expect(app.runButton).toHaveText('运行场景');
    await app.switchLanguage('English');
    await expect(app.runButton).toHaveText('Run scenario');
  });

  test.describe('with a Chinese browser', () => {
    test.use({ locale: 'zh-CN' });

    test('opens in Chinese', async ({ page }) => {
      const app = new AppPage(page);
      await app.goto();
      await expect(app.runButton).toHaveText('运行场景');
      await expect(app.language).toHaveValue('zh-CN');
    });
  });
});

test.describe('a large topology', () => {
  test('a generated 1 000-host leaf-spine fabric opens and its ping runs in the worker', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('leaf-spine-1000');
    await expect(app.topologyName).toContainText('leaf-spine-4-22-45');
    // Zoomed out, the devices are drawn as one picture: the page holds no element for them but
    // the diagram's tab stop (the first device read, spine1), an empty box for the keyboard.
    await expect(page.getByTestId('canvas.drawn')).toHaveAttribute('aria-label', / 1,?038 devices/, { timeout: 30_000 });
    await expect(page.locator('.react-flow__node')).toHaveCount(1);
    await expect(app.flowNode('spine1')).toBeAttached();
    await app.runScenario();
    await expect(app.output).toContainText('1 packets transmitted, 1 received', { timeout: 30_000 });
  });

  test('zoomed out, the fabric is drawn as one picture: a click selects the device under it; zoomed in, the devices are back', async ({ page }) => {
    // Opening 1 000 devices and zooming in click by click takes about 30 s on a busy 2-core machine.
    test.setTimeout(60_000);
    const app = new AppPage(page);
    await app.goto('leaf-spine-1000');
    await expect(page.getByTestId('canvas.drawn')).toBeVisible({ timeout: 30_000 });
    // The page draws no device under the picture, nor an element for leaf3.
    await expect(page.locator('.pw-node')).toHaveCount(0);
    await expect(app.flowNode('leaf3')).toHaveCount(0);
    // The click goes where leaf3 is drawn once the view is at rest: its symbol's centre is its
    // position in the document (the generator's), through the view's transform.
    await app.settle();
    const leaf3 = leafSpine({ spines: 4, leaves: 22, hostsPerLeaf: 45 }).nodes.find((n) => n.name === 'leaf3')!.position!;
    const at = await page.locator('.react-flow__viewport').evaluate((el, p) => {
      const pane = el.parentElement!.getBoundingClientRect();
      const m = new DOMMatrix(getComputedStyle(el).transform);
      return { x: pane.x + m.e + p.x * m.a, y: pane.y + m.f + p.y * m.a };
    }, leaf3);
    await page.mouse.click(at.x, at.y);
    await expect(page.getByTestId('inspector.name')).toHaveValue('leaf3');
    // Zoomed in on the selection, the devices are drawn by the page again: each zoom is let come
    // to rest before the drawing is looked at, and drawing 1 000 devices again takes its time.
    for (let i = 0; i < 40 && (await page.getByTestId('canvas.drawn').count()) > 0; i++) {
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await app.settle();
    }
    await expect(page.getByTestId('canvas.drawn')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  });
});
