// Predict mode and the slide export in Chromium, on the default example: h1 pings h2 through r1.
// The questions are asked before each step (→ does not skip them, playing stops at them), right
// and wrong answers move the score, stepping back shows the answers given; the step shown
// downloads as a PNG and an SVG slide, in English and in Chinese.

import { expect, test, type Page } from '@playwright/test';
import { PredictPage } from './pages/PredictPage';

async function walked(page: Page): Promise<PredictPage> {
  const p = new PredictPage(page);
  await p.goto('two-subnets-router');
  await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
  return p;
}

test('predict h1 → h2: a question before each step, the score, the answers kept when stepping back', async ({ page }) => {
  const p = await walked(page);
  await p.toggle.click();
  await expect(p.toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(p.score).toHaveText('0 / 0');
  // The event list keeps the steps not yet seen to itself.
  await expect(p.row(1)).toHaveCount(0);

  // → asks first, and asks again rather than moving on.
  await p.forward();
  await expect(p.question).toContainText('Predict step 1');
  await expect(p.question).toContainText('h1 sends this frame: ARP request: who has 10.0.1.1? tell 10.0.1.10. Which device gets it next?');
  await expect(p.choices()).toHaveCount(4);
  await p.forward();
  await expect(p.position).toHaveText('Start of 18');
  await expect(p.question).toBeVisible();

  // Right, with the keys: the step is shown with its explanation.
  await p.answerWithKeys('sw1');
  await expect(p.result).toHaveAttribute('data-result', 'right');
  await expect(p.result).toContainText('Right!');
  await expect(p.position).toHaveText('Step 1 of 18');
  await expect(p.explanation).toContainText('No neighbour entry for 10.0.1.1 → broadcast an ARP request');
  await expect(p.score).toHaveText('1 / 1');
  await expect(p.row(1)).toBeVisible();
  await expect(p.row(2)).toHaveCount(0);

  // Wrong, with the mouse: the right answer is shown with the explanation.
  await p.control('step-forward').click();
  await expect(p.question).toContainText('Out of which port(s) does it send it?');
  await expect(p.position).toHaveText('Step 1 of 18');
  await p.answerWithClicks('p1');
  await expect(p.result).toHaveAttribute('data-result', 'wrong');
  await expect(page.getByTestId('predict.your-answer')).toHaveText('Your answer: p1');
  await expect(page.getByTestId('predict.the-answer')).toHaveText('The answer: p2');
  await expect(p.explanation).toContainText('floods the frame out of every other port: p2');
  await expect(p.score).toHaveText('1 / 2');

  // Right again.
  await p.forward();
  await expect(p.question).toContainText('r1 sends this frame: ARP reply');
  await p.answerWithKeys('sw1');
  await expect(p.position).toHaveText('Step 3 of 18');
  await expect(p.score).toHaveText('2 / 3');

  // Back: the earlier answers, not the questions again.
  await page.keyboard.press('ArrowLeft');
  await expect(p.position).toHaveText('Step 2 of 18');
  await expect(p.question).toHaveCount(0);
  await expect(p.result).toHaveAttribute('data-result', 'wrong');
  await expect(page.getByTestId('predict.your-answer')).toHaveText('Your answer: p1');
  await page.keyboard.press('ArrowLeft');
  await expect(p.result).toHaveAttribute('data-result', 'right');
  await expect(page.getByTestId('predict.your-answer')).toHaveText('Your answer: sw1');
  await p.forward(2);
  await expect(p.position).toHaveText('Step 3 of 18');
  await expect(p.question).toHaveCount(0);
  await expect(p.score).toHaveText('2 / 3');

  // Play asks the next question rather than playing past it.
  await p.control('play').click();
  await expect(p.question).toContainText('Predict step 4');
  await expect(p.control('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(p.position).toHaveText('Step 3 of 18');

  // Off and on again keeps the walk's score; a new walk starts a new one.
  await p.toggle.click();
  await expect(p.score).toHaveCount(0);
  await expect(p.row(18)).toBeVisible();
  await p.toggle.click();
  await expect(p.score).toHaveText('2 / 3');
  await p.toggle.click();
  await p.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
  await p.toggle.click();
  await expect(p.score).toHaveText('0 / 0');
});

test('predict mode keeps the ping’s output to itself until the walk reaches the end of the ping', async ({ page }) => {
  const p = await walked(page);
  await page.getByTestId('player.tab.output').click();
  await expect(page.getByTestId('run.output')).toContainText('1 received');
  await p.toggle.click();
  await expect(page.getByTestId('run.pending-1')).toContainText('Predict mode');
  await expect(page.getByTestId('run.output')).not.toContainText('received');
  // At the last step (walked there with predict mode off), the ping has ended: its output shows.
  await p.toggle.click();
  await page.keyboard.press('End');
  await p.toggle.click();
  await expect(p.position).toHaveText('Step 18 of 18');
  await expect(page.getByTestId('run.output')).toContainText('1 received');
  await expect(page.getByTestId('run.pending-1')).toHaveCount(0);
});

test('the question in Chinese, then the answer', async ({ page }) => {
  const p = await walked(page);
  await p.switchLanguage('中文');
  await p.toggle.click();
  await p.forward();
  await expect(p.question).toContainText('预测第 1 步');
  await expect(p.question).toContainText('下一个收到它的是哪台设备？');
  await p.answerWithKeys('r1');
  await expect(p.result).toContainText('不太对。');
  await expect(page.getByTestId('predict.the-answer')).toHaveText('正确答案：sw1');
  await expect(p.score).toHaveText('0 / 1');
});

/** The PNG's width and height (its IHDR chunk). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Parses an SVG in the page: its title, the explanation's lines, whether it parsed and how big it draws. */
async function readSvg(page: Page, svg: string) {
  return page.evaluate(async (text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    await img.decode();
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.nodeName,
      title: doc.querySelector('title')?.textContent ?? '',
      heading: Array.from(doc.querySelectorAll('#title text')).map((t) => t.textContent).join(' '),
      explanation: Array.from(doc.querySelectorAll('#explanation text')).map((t) => t.textContent ?? ''),
      drawn: { width: img.naturalWidth, height: img.naturalHeight },
    };
  }, svg);
}

test('the step shown as a slide: PNG and SVG, in English and Chinese', async ({ page }) => {
  const p = await walked(page);
  await p.row(11).click();
  await expect(p.position).toHaveText('Step 11 of 18');
  const paragraph = async () => (await p.explanation.locator('p').first().innerText()).trim();

  const png = await p.exportSlide('png');
  expect(png.name).toBe('two-subnets-router-step-11.png');
  const size = pngSize(png.bytes);
  expect(size.width).toBe(1920);
  expect(size.height).toBeGreaterThanOrEqual(1080);
  expect(size.height).toBeLessThan(2400);
  expect(png.bytes.length).toBeGreaterThan(50_000);

  const svg = await p.exportSlide('svg');
  expect(svg.name).toBe('two-subnets-router-step-11.svg');
  const en = await readSvg(page, svg.bytes.toString('utf8'));
  expect(en.error).toBeNull();
  expect(en.root).toBe('svg');
  expect(en.title).toBe('two-subnets-router · Step 11 of 18');
  expect(en.heading).toBe('two-subnets-router · Step 11 of 18');
  expect(en.explanation.join(' ')).toBe(await paragraph());
  expect(en.drawn.width).toBe(1920);

  await p.switchLanguage('中文');
  await expect(p.position).toHaveText('第 11 步，共 18 步');
  const zhSvg = await readSvg(page, (await p.exportSlide('svg')).bytes.toString('utf8'));
  expect(zhSvg.error).toBeNull();
  expect(zhSvg.title).toBe('two-subnets-router · 第 11 步，共 18 步');
  // Chinese lines break between characters (or at a space between words, which the break takes).
  expect(zhSvg.explanation.join('').replace(/\s/g, '')).toBe((await paragraph()).replace(/\s/g, ''));
  expect(zhSvg.explanation.join('')).toContain('它放行第 7 步暂存的数据包');
  const zhPng = await p.exportSlide('png');
  expect(zhPng.name).toBe('two-subnets-router-step-11.png');
  expect(pngSize(zhPng.bytes).width).toBe(1920);
});
