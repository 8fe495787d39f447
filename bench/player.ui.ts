// Player frame times on the 1 000-host leaf-spine fabric, in headless Chromium: the median and
// 95th percentile of requestAnimationFrame intervals while the player plays (the frame travelling
// its link, the view following it) and while stepping with the → key. A script, not a test:
//   npx tsx bench/player.ui.ts [--no-build] [--seconds 8] [--speed 2]
// It builds the app (unless --no-build), serves it with `vite preview` on a free port, and uses
// the system Chromium (PW_CHROMIUM_PATH or /usr/bin/chromium) like the end-to-end tests.

import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = opt('seconds', 8);
const SPEED = opt('speed', 2);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { frames: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1]! };
};
const fmt = (x: ReturnType<typeof stats>) => `${x.frames} frames, median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, max ${x.max.toFixed(1)} ms`;

if (!args.includes('--no-build')) spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const port = await freePort();
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  if (await fetch(base).then(() => true, () => false)) break;
  await new Promise((r) => setTimeout(r, 200));
}

const executablePath = process.env.PW_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await page.goto(`${base}/?example=leaf-spine-1000`);
  await page.getByTestId('node.h22-45').waitFor({ state: 'attached', timeout: 60_000 });
  const nodes = await page.locator('.react-flow__node').count();
  const t0 = Date.now();
  await page.getByTestId('header.run').click();
  await page.getByTestId('trace.row-1').waitFor({ timeout: 60_000 });
  const steps = (await page.getByTestId('player.position').textContent())?.replace(/\D+/g, ' ').trim();
  console.log(`leaf-spine-1000: ${nodes} devices on the canvas; walk ready in ${Date.now() - t0} ms (steps: ${steps})`);

  /**
   * rAF intervals (ms) over `ms` milliseconds, measured in the page. Passed as text: tsx would
   * wrap a function's inner closures in a helper the page does not have.
   */
  const measure = (ms: number) =>
    page.evaluate<number[]>(`new Promise((resolve) => {
      const out = [];
      let last = 0;
      const end = performance.now() + ${ms};
      function tick(now) {
        if (last) out.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve(out);
      }
      requestAnimationFrame(tick);
    })`);

  console.log(`idle (walk loaded, at the start): ${fmt(stats(await measure(2000)))}`);
  if (args.includes('--no-follow')) await page.getByTestId('player.follow').uncheck();
  await page.getByTestId('player.speed').selectOption(String(SPEED));
  await page.getByTestId('player.play').click();
  const playing = stats(await measure(SECONDS * 1000));
  await page.getByTestId('player.play').click();
  console.log(`playing at ${SPEED}×:  ${fmt(playing)}`);

  await page.getByTestId('player.first').click();
  await page.getByTestId('trace.list').click();
  const stepping = measure(6000);
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
  }
  console.log(`stepping (→ every 150 ms): ${fmt(stats(await stepping))}`);
} finally {
  await browser.close();
  server.kill();
}
