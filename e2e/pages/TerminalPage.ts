// A device's terminal as a user sees it: its tab, what is on its screen, typing a line.

import { expect, type Locator, type Page } from '@playwright/test';

export class TerminalPage {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('terminal');
  }

  screen(node: string): Locator {
    return this.page.getByTestId(`terminal.screen.${node}`);
  }

  /** The screen's text, one line per row, trailing spaces removed (xterm draws no trailing spaces). */
  async text(node: string): Promise<string> {
    const rows = await this.screen(node).locator('.xterm-rows > div').allInnerTexts();
    return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd()).join('\n').trimEnd();
  }

  /** Types a line and presses Enter. */
  async type(node: string, line: string): Promise<void> {
    await this.screen(node).click();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
  }

  /** Waits until the screen shows `lines` one after another (each compared without trailing spaces). */
  async expectLines(node: string, lines: string[]): Promise<void> {
    const want = lines.map((l) => l.trimEnd()).join('\n');
    await expect.poll(async () => (await this.text(node)).includes(want), { message: `terminal of ${node} shows:\n${want}` }).toBe(true);
  }

  /** Waits for the prompt at the end of the screen (the command finished). */
  async expectPrompt(node: string): Promise<void> {
    await expect.poll(async () => (await this.text(node)).endsWith(`root@${node}:~#`)).toBe(true);
  }
}
