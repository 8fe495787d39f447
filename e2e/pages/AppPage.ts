// The app as a user sees it: the header's controls, the devices on the diagram and the scenario
// output. Tests speak in these terms, never in CSS selectors.

import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  readonly runButton: Locator;
  readonly language: Locator;
  readonly topologyName: Locator;
  readonly output: Locator;
  readonly canvas: Locator;

  constructor(readonly page: Page) {
    this.runButton = page.getByTestId('header.run');
    this.language = page.getByTestId('header.language');
    this.topologyName = page.getByTestId('header.topology');
    this.output = page.getByTestId('run.output');
    this.canvas = page.getByTestId('canvas');
  }

  /** Opens the app (on the default example, or `?example=NAME`) and waits for the diagram. */
  async goto(example?: string): Promise<void> {
    await this.page.goto(example ? `/?example=${encodeURIComponent(example)}` : '/');
    // A generated 1 000-host fabric takes a few seconds on a busy 2-core machine.
    await expect(this.canvas).toBeVisible({ timeout: 30_000 });
  }

  /**
   * A toolbar's control, by its test id. A toolbar moves what does not fit the window into its
   * "⋯" menu (the control keeps its id there): that menu is opened when the control is in it.
   */
  async toolbarControl(testId: string): Promise<Locator> {
    const control = this.page.getByTestId(testId);
    if (await control.isVisible()) return control;
    const overflow = this.page.getByTestId(/\.overflow$/).filter({ has: control });
    if ((await overflow.count()) > 0) await overflow.getByTestId(/\.more$/).click();
    await expect(control).toBeVisible();
    return control;
  }

  /** Clicks a toolbar's control (see toolbarControl). */
  async press(testId: string): Promise<void> {
    await (await this.toolbarControl(testId)).click();
  }

  /** A device on the diagram, by name. */
  node(name: string): Locator {
    return this.page.getByTestId(`node.${name}`);
  }

  /** React Flow's box of a device: there even while the page does not draw the device (a large network zoomed out). */
  flowNode(name: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${name}"]`);
  }

  /** The interface name written at a link's end, next to its device. */
  linkEnd(node: string, iface: string): Locator {
    return this.page.getByTestId(`link-end.${node}.${iface}`);
  }

  /** Drags a device by (dx, dy) screen pixels, grabbing it near its top edge (its icon). */
  async dragNode(name: string, by: { dx: number; dy: number }): Promise<void> {
    const box = await this.node(name).boundingBox();
    if (!box) throw new Error(`${name} is not on the screen`);
    const x = box.x + box.width / 2;
    const y = box.y + 24;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + by.dx, y + by.dy, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Examples → Generate data center…: the generator's dialog. */
  async openGenerator(): Promise<Locator> {
    await this.page.getByTestId('header.examples').click();
    await this.page.getByTestId('example.generate').click();
    return this.page.getByTestId('generator');
  }

  async runScenario(): Promise<void> {
    await this.runButton.click();
  }

  async closeOutput(): Promise<void> {
    await this.page.getByTestId('player.close').click();
  }

  /** Picks a language from the header menu by its own name ("English", "中文"). */
  async switchLanguage(label: string): Promise<void> {
    await (await this.toolbarControl('header.language')).selectOption({ label });
  }

  /** Lets the step's frames come to rest and the view stop moving. */
  async settle(): Promise<void> {
    await this.page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const viewport = () => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform;
      for (let i = 0; i < 100; i++) {
        for (const a of document.getAnimations()) a.finish();
        const before = viewport();
        await frame();
        await frame();
        if (viewport() === before && document.getAnimations().every((a) => a.playState !== 'running')) return;
      }
    });
  }
}
