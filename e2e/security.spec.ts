// The built page's Content-Security-Policy (vite.config.ts): present before any script, strict
// (no inline script, no eval), and never violated while a network is built, walked, exported
// (JSON, containerlab, pcapng, a slide), while a terminal runs a command and while lessons open. Every violation the document
// reports is collected from the first script on.

import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/LessonPage';
import { PredictPage } from './pages/PredictPage';
import { TerminalPage } from './pages/TerminalPage';

test('a strict policy, and nothing the app does violates it', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  const app = new PredictPage(page);
  await app.goto('two-subnets-router');

  const policy = await page.locator('head > meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["script-src 'self'", "worker-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) expect(policy).toContain(directive);
  expect(policy).not.toMatch(/unsafe-eval/);
  // Inline only for the <style> elements xterm.js writes; never for scripts or style attributes.
  expect(policy!.split('; ').filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-elem 'self' 'unsafe-inline'"]);
  // The policy comes before every script, and no script is inline.
  const policyFirst = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!;
    return Array.from(document.querySelectorAll('script, link[rel="modulepreload"], link[rel="stylesheet"]')).every((e) => meta.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(policyFirst).toBe(true);
  expect(await page.locator('script:not([src])').count()).toBe(0);

  // Build: a device dropped and wired.
  await app.dropDevice('host', { x: 300, y: 520 });
  await expect(app.node('h3')).toBeVisible();
  await app.connect('h3', 'sw2');
  await expect(app.linkEnd('h3', 'eth1')).toBeVisible();

  // Walk, export, a slide.
  await app.walk({ from: 'h1', to: 'h2', address: '10.0.2.10' });
  await app.forward(3);
  expect((await app.downloadCapture('player.export-pcapng')).bytes.length).toBeGreaterThan(0);
  expect((await app.download('save-json')).text).toContain('"packetwalk"');
  expect((await app.download('export-clab')).text).toContain('topology:');
  expect((await app.exportSlide('png')).bytes.length).toBeGreaterThan(0);

  // A terminal (xterm.js draws its screen and styles it): a command typed and answered.
  await app.closeOutput();
  await app.select('h1');
  await page.getByTestId('inspector.terminal').click();
  const term = new TerminalPage(page);
  await term.expectPrompt('h1');
  await term.type('h1', 'ip -br addr');
  await term.expectLines('h1', ['root@h1:~# ip -br addr']);
  expect(await violations()).toEqual([]);

  // Lessons, from the menu and from a link.
  const lessons = new LessonPage(page);
  await lessons.openLesson('switch-learns');
  await lessons.nextKey();
  await expect(lessons.keyStep).toHaveText('Key step 1 of 5');
  expect(await violations()).toEqual([]);
  // A new page: its violations are collected afresh.
  await lessons.open('#lesson=switch-learns&step=3');
  await expect(lessons.narrative).toBeVisible();

  expect(await violations()).toEqual([]);
});
