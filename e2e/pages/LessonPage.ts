// Lessons and shared links as a user sees them: the Lessons menu, the lesson's block in the
// player (its text, "Next key step"), the Share button and the messages links give. Tests speak in
// these terms, never in CSS selectors.

import { expect, type Locator, type Page } from '@playwright/test';
import { PlayerPage } from './PlayerPage';

export class LessonPage extends PlayerPage {
  readonly narrative: Locator;
  readonly lessonText: Locator;
  readonly keyStep: Locator;

  constructor(page: Page) {
    super(page);
    this.narrative = page.getByTestId('lesson.narrative');
    this.lessonText = page.getByTestId('lesson.text');
    this.keyStep = page.getByTestId('lesson.where');
  }

  /** Opens the app on a link's fragment (`#lesson=…`, `#share=…`) and waits for the diagram. */
  async open(hash: string): Promise<void> {
    await this.page.goto(`/${hash}`);
    await expect(this.canvas).toBeVisible({ timeout: 30_000 });
  }

  async openLesson(id: string): Promise<void> {
    await this.press('header.lessons');
    await this.page.getByTestId(`lesson.${id}`).click();
    await expect(this.narrative).toBeVisible({ timeout: 30_000 });
  }

  async nextKey(): Promise<void> {
    await this.page.getByTestId('lesson.next').click();
  }

  async previousKey(): Promise<void> {
    await this.page.getByTestId('lesson.previous').click();
  }

  /** Clicks Share; returns the link it copied. */
  async share(): Promise<string> {
    await this.press('header.share');
    await expect(this.toast('share-copied')).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
