// The editor as a user sees it: the palette, devices and links on the canvas, the inspector, the
// File and Examples menus, undo and redo. Tests speak in these terms, never in CSS selectors.

import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { AppPage } from './AppPage';

export type PaletteRole = 'host' | 'server' | 'switch' | 'l3switch' | 'router' | 'nat';

export class EditorPage extends AppPage {
  readonly inspector: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;

  constructor(page: Page) {
    super(page);
    this.inspector = page.getByTestId('inspector');
    this.undoButton = page.getByTestId('header.undo');
    this.redoButton = page.getByTestId('header.redo');
  }

  palette(role: PaletteRole): Locator {
    return this.page.getByTestId(`palette.add-${role}`);
  }

  /** Drags a device from the palette onto the canvas, at (x, y) pixels from the canvas's top left. */
  async dropDevice(role: PaletteRole, at: { x: number; y: number }): Promise<void> {
    await this.palette(role).dragTo(this.canvas, { targetPosition: at });
  }

  /** The centre of a device's symbol, on the screen. */
  async symbolCentre(name: string): Promise<{ x: number; y: number }> {
    const box = await this.node(name).locator('.pw-node__symbol').boundingBox();
    if (!box) throw new Error(`${name} is not on the screen`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Links two devices by dragging from the first one's connect dot onto the second one. */
  async connect(from: string, to: string): Promise<void> {
    await this.startLink(from);
    await this.dragLinkOver(to);
    await this.page.mouse.up();
  }

  /** Presses the mouse on a device's connect dot and starts dragging a link from it (connect, step by step). */
  async startLink(from: string): Promise<void> {
    const box = await this.page.getByTestId(`node.${from}.connect`).boundingBox();
    if (!box) throw new Error(`${from} has no connect dot on the screen`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 40, { steps: 4 });
  }

  /** Moves the link being dragged over a device (not dropped yet). */
  async dragLinkOver(to: string): Promise<void> {
    const target = await this.symbolCentre(to);
    await this.page.mouse.move(target.x, target.y + 30, { steps: 12 });
  }

  /** Selects one device (a click on its symbol), and waits for the inspector to show it. */
  async select(name: string): Promise<void> {
    const c = await this.symbolCentre(name);
    await this.page.mouse.click(c.x, c.y);
    await expect(this.page.getByTestId(`inspector.device.${name}`)).toBeVisible();
  }

  field(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  address(iface: string): Locator {
    return this.page.getByTestId(`inspector.addr.${iface}`);
  }

  addressError(iface: string): Locator {
    return this.page.getByTestId(`inspector.addr.${iface}.error`);
  }

  /** Types addresses into the selected device's interface and presses Enter. */
  async setAddress(iface: string, text: string): Promise<void> {
    await this.address(iface).fill(text);
    await this.address(iface).press('Enter');
  }

  async setDefaultGateway(): Promise<void> {
    await this.page.getByTestId('inspector.default-gateway').click();
  }

  /** The route table rows of the selected device, as their text. */
  routeRows(): Locator {
    return this.page.getByTestId('inspector.routes').locator('tbody tr');
  }

  routesText(): Locator {
    return this.page.getByTestId('inspector.routes-text');
  }

  async fileMenu(item: 'new' | 'open' | 'save-json' | 'export-clab'): Promise<void> {
    await this.press('header.file');
    await this.page.getByTestId(`menu.${item}`).click();
  }

  async openExample(name: string): Promise<void> {
    await this.press('header.examples');
    await this.page.getByTestId(`example.${name}`).click();
    await expect(this.topologyName).toContainText(name);
  }

  /** File → New, answering "Replace it" if asked (waiting for the question or the empty canvas, whichever comes). */
  async newNetwork(): Promise<void> {
    await this.fileMenu('new');
    const ok = this.page.getByTestId('confirm.ok');
    const empty = this.page.getByTestId('canvas.empty');
    await expect(ok.or(empty)).toBeVisible();
    if (await ok.isVisible()) await ok.click();
    await expect(empty).toBeVisible();
  }

  /** Runs a File menu command that downloads a file; returns its name and text. */
  async download(item: 'save-json' | 'export-clab'): Promise<{ name: string; text: string; path: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.fileMenu(item)]);
    return read(download);
  }

  /** File → Open… with a file from disk. */
  async openFile(path: string): Promise<void> {
    await this.page.getByTestId('file.input').setInputFiles(path);
  }

  toast(id: string): Locator {
    return this.page.getByTestId(`toast.${id}`);
  }

  /** The text a Linux view prints for the selected device. */
  async linuxView(tab: 'ip-addr' | 'ip-route' | 'ip-route-local' | 'ip-neigh' | 'iptables-nat' | 'bridge-fdb'): Promise<Locator> {
    await this.page.getByTestId(`views.tab.${tab}`).click();
    return this.page.getByTestId('views.output');
  }

  /** The NAT rules of the selected device as rows (chain, match, target). */
  natRows(): Locator {
    return this.page.getByTestId('inspector.nat.rules').locator('tbody tr');
  }

  /** The NAT rules of the selected device as the lines after `iptables -t nat`. */
  natText(): Locator {
    return this.page.getByTestId('inspector.nat.rules-text');
  }

  natTextError(): Locator {
    return this.page.getByTestId('inspector.nat.rules-text.error');
  }

  natApply(): Locator {
    return this.page.getByTestId('inspector.nat.rules-apply');
  }

  /** The WAN interface selector of a NAT gateway (or "make this a NAT gateway" on a router). */
  wanSelect(): Locator {
    return this.page.getByTestId('inspector.nat.wan');
  }

  /** Adds a port forward with the inspector's form: WAN port (proto) to ADDR[:PORT] inside. */
  async addPortForward(f: { proto: 'tcp' | 'udp'; port: number; to: string; toPort?: number }): Promise<void> {
    await this.page.getByTestId('inspector.nat.forward.proto').selectOption(f.proto);
    await this.page.getByTestId('inspector.nat.forward.port').fill(String(f.port));
    await this.page.getByTestId('inspector.nat.forward.to-addr').fill(f.to);
    await this.page.getByTestId('inspector.nat.forward.to-port').fill(f.toPort === undefined ? '' : String(f.toPort));
    await expect(this.page.getByTestId('inspector.nat.forward-add')).toBeEnabled();
    await this.page.getByTestId('inspector.nat.forward-add').click();
  }

  /** Scrolls the inspector so that this part of it starts at the top (for screenshots). */
  async scrollInspectorTo(testId: string): Promise<void> {
    await this.page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  /** Clicks an empty spot of the canvas (clears the selection, gives the canvas the keyboard). */
  async clickEmptyCanvas(): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.click(box.x + box.width - 40, box.y + 40);
  }
}

let downloads = 0;

/** Keeps a download under the test's output folder, with the name the app gave it. */
async function read(download: Download): Promise<{ name: string; text: string; path: string }> {
  const name = download.suggestedFilename();
  const path = test.info().outputPath(`download-${++downloads}`, name);
  await download.saveAs(path);
  return { name, text: await readFile(path, 'utf8'), path };
}
