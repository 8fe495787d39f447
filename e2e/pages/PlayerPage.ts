// The packet walk player as a user sees it: the "Walk a packet" form, the playback controls, the
// event list, the explanation, the header view and the tables. Tests speak in these terms, never
// in CSS selectors.

import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { EditorPage } from './EditorPage';

export class PlayerPage extends EditorPage {
  readonly player: Locator;
  readonly explanation: Locator;
  readonly position: Locator;

  constructor(page: Page) {
    super(page);
    this.player = page.getByTestId('player');
    this.explanation = page.getByTestId('player.explanation');
    this.position = page.getByTestId('player.position');
  }

  /** Opens "Walk a packet", picks a source and a destination device address, and walks it. */
  async walk(pdu: { from: string; to: string; address: string; protocol?: 'icmp' | 'udp' | 'tcp'; dstPort?: number; ttl?: number; commands?: string[] }): Promise<void> {
    await this.press('header.walk');
    await this.page.getByTestId('pdu.source').selectOption(pdu.from);
    await this.page.getByTestId('pdu.destination').selectOption(`${pdu.to}|${pdu.address}`);
    if (pdu.protocol && pdu.protocol !== 'icmp') await this.page.getByTestId(`pdu.${pdu.protocol}`).check();
    if (pdu.dstPort !== undefined) await this.page.getByTestId('pdu.dst-port').fill(String(pdu.dstPort));
    if (pdu.ttl !== undefined) await this.page.getByTestId('pdu.ttl').fill(String(pdu.ttl));
    if (pdu.commands) {
      await expect(this.page.getByTestId('pdu.commands')).toHaveText(pdu.commands.join('\n'));
      // The form has its own styles (it opens before the player has ever loaded).
      await expect(this.page.getByTestId('pdu.commands')).toHaveCSS('background-color', 'rgb(15, 23, 42)');
    }
    await this.page.getByTestId('pdu.run').click();
    await expect(this.row(1)).toBeVisible({ timeout: 30_000 });
  }

  /** A row of the event list, by step number (1-based). */
  row(step: number): Locator {
    return this.page.getByTestId(`trace.row-${step}`);
  }

  control(name: 'first' | 'step-back' | 'play' | 'step-forward' | 'last'): Locator {
    return this.page.getByTestId(`player.${name}`);
  }

  /** Steps forward n times with the → key. */
  async forward(n = 1): Promise<void> {
    for (let i = 0; i < n; i++) await this.page.keyboard.press('ArrowRight');
  }

  async toStart(): Promise<void> {
    await this.page.keyboard.press('Home');
    await expect(this.position).toContainText(/Start|开始/);
  }

  /** A header field of the frame shown (e.g. 'ipv4.ttl', 'eth.srcMac'). */
  headerField(path: string): Locator {
    return this.page.getByTestId(`header.field.${path}`);
  }

  /** Shows the tables of one device. */
  async tablesOf(device: string): Promise<void> {
    await this.page.getByTestId('player.tab.tables').click();
    await this.page.getByTestId('tables.device').selectOption(device);
  }

  table(name: 'neigh' | 'fdb' | 'conntrack' | 'routes-main' | 'routes-local'): Locator {
    return this.page.getByTestId(`tables.${name}`);
  }

  /** Clicks the middle of the link between two devices (selects it). */
  async clickLink(a: string, b: string): Promise<void> {
    const p = await this.symbolCentre(a);
    const q = await this.symbolCentre(b);
    await this.page.mouse.click((p.x + q.x) / 2, (p.y + q.y) / 2);
  }

  /** Clicks an export button that downloads a file; returns its name and bytes. */
  async downloadCapture(button: 'player.export-pcapng' | 'player.export-link'): Promise<{ name: string; bytes: Buffer }> {
    const control = await this.toolbarControl(button);
    const [download] = await Promise.all([this.page.waitForEvent('download'), control.click()]);
    return bytesOf(download);
  }
}

let downloads = 0;

async function bytesOf(download: Download): Promise<{ name: string; bytes: Buffer }> {
  const name = download.suggestedFilename();
  const path = test.info().outputPath(`capture-${++downloads}`, name);
  await download.saveAs(path);
  return { name, bytes: await readFile(path) };
}
