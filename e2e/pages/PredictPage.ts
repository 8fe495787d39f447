// The player in predict mode and its slide export, as a user sees them: the Predict toggle and the
// score, the question with its numbered choices, the answer shown after it, the Slide menu.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { PlayerPage } from './PlayerPage';

export class PredictPage extends PlayerPage {
  readonly toggle: Locator;
  readonly score: Locator;
  readonly question: Locator;
  readonly result: Locator;

  constructor(page: Page) {
    super(page);
    this.toggle = page.getByTestId('predict.toggle');
    this.score = page.getByTestId('predict.score');
    this.question = page.getByTestId('predict.question');
    this.result = page.getByTestId('predict.result');
  }

  /** The choices of the open question, in order. */
  choices(): Locator {
    return this.question.locator('[data-testid^="predict.choice-"]');
  }

  /** The number key (1…) of the choice with this exact label. */
  async keyOf(label: string): Promise<string> {
    const labels = (await this.choices().allInnerTexts()).map((t) => t.replace(/^\d+\s*/, '').trim());
    const i = labels.indexOf(label);
    expect(i, `"${label}" among ${labels.join(', ')}`).toBeGreaterThanOrEqual(0);
    return String(i + 1);
  }

  /** Picks choices by their labels with the number keys, then checks with Enter. */
  async answerWithKeys(...labels: string[]): Promise<void> {
    for (const label of labels) await this.page.keyboard.press(await this.keyOf(label));
    await this.page.keyboard.press('Enter');
  }

  /** Picks choices by clicking them, then clicks Check. */
  async answerWithClicks(...labels: string[]): Promise<void> {
    for (const label of labels) await this.page.getByTestId(`predict.choice-${await this.keyOf(label)}`).click();
    await this.page.getByTestId('predict.check').click();
  }

  /** Exports the step shown from the Slide menu; returns the file's name and bytes. */
  async exportSlide(format: 'png' | 'svg'): Promise<{ name: string; bytes: Buffer }> {
    await this.press('player.slide');
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`slide.${format}`).click()]);
    const path = test.info().outputPath(`slide-${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    return { name: download.suggestedFilename(), bytes: await readFile(path) };
  }
}
