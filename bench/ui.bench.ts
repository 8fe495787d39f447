// The UI benchmark (`npm run bench:ui`): the app against a bare React Flow page, in headless
// Chromium, on generated leaf–spine fabrics of about 100, 500, 1 000 and 2 000 devices. A script
// that prints numbers, never a pass/fail test.
//
//   npm run bench:ui [-- --no-build] [--sizes 100,1000] [--seconds 6] [--bare-max 5000]
//
// It builds the app and the bare page (bench/bare: React 19 + React Flow 12 + zustand, device-card
// nodes, straight edges, React Flow's background, controls and minimap, no app logic) into
// node_modules/.bench, serves both on localhost, and opens them in /usr/bin/chromium (or
// PW_CHROMIUM_PATH) with software rendering. For each size the app opens `?example=leaf-spine-S-L-H`
// (the worker generates it), walks its scenario (the first host pings the last one), and the bare
// page draws the same nodes and edges at the same positions in a canvas of the app's canvas size.
// Cases, measured for the same time on both:
//   pan     the walk plays (Follow off) while the mouse drags the view round a circle;
//           the bare page moves its packet tag meanwhile
//   panIn   the app only: the same, zoomed in on the walk's first devices (a rack's) as it opens
//   packet  static camera on the whole network, the walk plays (bare: its packet tag travels)
//   follow  the app only: the walk plays with Follow on (the view follows the packet, zoomed in)
// and prints requestAnimationFrame intervals (mean frame time and fps, median, p95), long tasks
// (> 50 ms; and, for the app, the longest task while the network opens and while it is walked)
// and main-thread time per frame (Chromium's TaskDuration over the frames), the app's memory at the
// end (its JS heap and its renderer process's resident size), the ratio
// app / bare of the mean frame time, and the gzip size of each page's first load (the entry
// chunk, its static imports and CSS, index.html; the app's worker is listed apart).
// This machine's headless Chromium runs at a fixed 60 Hz, so percentiles move in whole frames:
// compare mean frame time and main-thread time per frame.

import { chromium, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { leafSpine } from '../src/engine';
import { fabricSizeProblem, leafSpineCounts } from '../src/engine/generate/size';
import { SYMBOL_CENTRE_Y } from '../src/ui/canvas/geometry';
import type { BareFabric } from './bare/main';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_DIR = join(ROOT, 'node_modules/.bench/app');
const BARE_DIR = join(ROOT, 'node_modules/.bench/bare');

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZES = (opt('sizes') ?? '100,500,1000,2000').split(',').map(Number);
const SECONDS = Number(opt('seconds') ?? 6);
/** The largest fabric the bare page is run on (it opens 2 000 devices in about 5 s on this machine, 10 000 would take minutes). */
const BARE_MAX = Number(opt('bare-max') ?? 5000);
const VIEWPORT = { width: 1280, height: 800 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------------------------------------
// Fabrics

interface Shape {
  spines: number;
  leaves: number;
  hostsPerLeaf: number;
}

const devicesOf = (s: Shape) => s.spines + s.leaves * (2 + s.hostsPerLeaf);

/**
 * The leaf–spine fabric closest to n devices: racks of about 30 hosts, 2 to 8 spines, within the
 * generator's limits (at 10 000 devices the static routes, leaves × routers, ask for racks of
 * about 240 hosts).
 */
function shapeFor(n: number): Shape {
  let best: Shape | undefined;
  const score = (s: Shape) => Math.abs(devicesOf(s) - n) * 1000 + Math.abs(s.hostsPerLeaf - 30) + s.spines;
  for (let spines = 2; spines <= 8; spines += 2) {
    for (let hostsPerLeaf = 10; hostsPerLeaf <= 400; hostsPerLeaf++) {
      const leaves = Math.max(1, Math.round((n - spines) / (2 + hostsPerLeaf)));
      const s = { spines, leaves, hostsPerLeaf };
      if (fabricSizeProblem(leafSpineCounts(s))) continue;
      if (!best || score(s) < score(best)) best = s;
    }
  }
  return best!;
}

const nameOf = (s: Shape) => `leaf-spine-${s.spines}-${s.leaves}-${s.hostsPerLeaf}`;

/** The fabric as the bare page draws it: React Flow positions (top centre, as the app places them). */
function bareFabric(s: Shape, size: { width: number; height: number }): BareFabric {
  const t = leafSpine({ ...s, name: nameOf(s) });
  return {
    nodes: t.nodes.map((n) => ({
      id: n.name,
      x: n.position!.x,
      y: n.position!.y - SYMBOL_CENTRE_Y,
      data: {
        name: n.name,
        role: n.role,
        ifaces: n.kind === 'linux' ? n.ifaces.map((i) => ({ name: i.name, addr: i.addrs.map((a) => `${a.ip}/${a.len}`).join(' ') })) : [],
      },
    })),
    edges: t.links.map((l) => ({ source: l.a.node, target: l.b.node })),
    ...size,
  };
}

// ---------------------------------------------------------------------------------------------
// Builds, sizes, server

function build(args: string[]): void {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build ${args.join(' ')} failed`);
}

interface Manifest {
  [key: string]: { file: string; css?: string[]; imports?: string[]; isEntry?: boolean };
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** What a page loads before it runs: index.html, the entry chunk, its static imports, their CSS. */
function firstLoad(dir: string): { js: number; css: number; html: number; files: number } {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.css?.forEach((c) => files.add(c));
    chunk.imports?.forEach(visit);
  };
  visit('index.html');
  let js = 0;
  let css = 0;
  for (const f of files) {
    if (f.endsWith('.css')) css += gz(join(dir, f));
    else js += gz(join(dir, f));
  }
  return { js, css, html: gz(join(dir, 'index.html')), files: files.size };
}

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' };

function serve(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [dir, rest] = path.startsWith('/bare/') ? [BARE_DIR, path.slice(6)] : [APP_DIR, path.slice(1)];
    let file = normalize(join(dir, rest || 'index.html'));
    if (!file.startsWith(dir) || !existsSync(file) || !extname(file)) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Frames {
  frames: number;
  mean: number;
  median: number;
  p95: number;
  longTasks: number;
  longMs: number;
  /** main-thread task time per frame (ms) */
  mainPerFrame: number;
}

/** rAF intervals and long tasks over `ms`, in the page. Text, not a function: tsx would wrap a function's closures in helpers the page lacks. */
const MEASURE = (ms: number) => `new Promise((resolve) => {
  const out = [];
  let longTasks = 0, longMs = 0;
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) { longTasks++; longMs += e.duration; } });
  obs.observe({ type: 'longtask' });
  let last = 0;
  const end = performance.now() + ${ms};
  function tick(now) {
    if (last) out.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(tick);
    else { obs.disconnect(); resolve({ out, longTasks, longMs }); }
  }
  requestAnimationFrame(tick);
})`;

async function measure(page: Page, ms: number, during?: (done: () => boolean) => Promise<void>): Promise<Frames> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
  const before = await taskTime();
  let finished = false;
  const result = page.evaluate<{ out: number[]; longTasks: number; longMs: number }>(MEASURE(ms)).finally(() => (finished = true));
  if (during) await during(() => finished);
  const { out, longTasks, longMs } = await result;
  const main = (await taskTime()) - before;
  await cdp.detach();
  const s = [...out].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { frames: s.length, mean: out.reduce((a, b) => a + b, 0) / out.length, median: q(0.5), p95: q(0.95), longTasks, longMs, mainPerFrame: main / out.length };
}

/** Drags the view round a circle (radius 120 px, 2 s a turn) until `done`, from an empty corner of the canvas. */
async function panRound(page: Page, done: () => boolean): Promise<void> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const x0 = box.x + 30;
  const y0 = box.y + 30;
  const r = 120;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const t0 = Date.now();
  while (!done()) {
    const a = ((Date.now() - t0) / 2000) * 2 * Math.PI;
    await page.mouse.move(x0 + r - r * Math.cos(a), y0 + r * Math.sin(a));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await page.mouse.up();
}

const settle = (page: Page) => page.evaluate('new Promise((r) => requestIdleCallback(() => setTimeout(r, 500), { timeout: 3000 }))');

// ---------------------------------------------------------------------------------------------
// The app and the bare page

/** Every long task (> 50 ms) of the page from its start, kept in the page: `window.__longTasks`. */
const RECORD_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });`;

/** The long tasks since `from` (page time, ms): how many, and the longest. */
const longTasksSince = (page: Page, from: number) =>
  page.evaluate<{ count: number; longest: number }>(`(() => { const l = window.__longTasks.filter(([t]) => t >= ${from}); return { count: l.length, longest: Math.round(Math.max(0, ...l.map(([, d]) => d))) }; })()`);

interface LongTasks {
  count: number;
  longest: number;
}

interface Memory {
  /** the page's JS heap in use (MB) */
  heap: number;
  /** the resident memory of the tab's renderer process, its worker included (MB) */
  tab: number;
}

/** After a garbage collection: the page's JS heap, and the largest renderer process's resident memory (the tab's, only one page is open). */
async function memoryOf(browser: Browser, page: Page): Promise<Memory> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const heap = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
  await cdp.detach();
  const b = await browser.newBrowserCDPSession();
  const { processInfo } = (await b.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await b.detach();
  const rss = processInfo
    .filter((p) => p.type === 'renderer')
    .map((p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'))?.[1] ?? 0) * 1024);
  return { heap: heap / 1e6, tab: Math.max(0, ...rss) / 1e6 };
}

interface Run {
  open: number;
  memory?: Memory;
  /** long tasks while the network opened, and while the walk ran and its first step was shown */
  blocked?: { open: LongTasks; walk: LongTasks };
  cases: Record<string, Frames>;
  canvas: { width: number; height: number };
  steps?: string;
}

async function runApp(browser: Browser, base: string, shape: Shape): Promise<Run> {
  const page = await browser.newPage({ viewport: VIEWPORT, locale: 'en-US' });
  try {
    const name = nameOf(shape);
    await page.addInitScript({ content: RECORD_LONG_TASKS });
    const t0 = Date.now();
    await page.goto(`${base}/?example=${name}`);
    // Open: its devices drawn (a small network) or its drawing there (a large one, zoomed out).
    await page.locator('.react-flow__node, [data-testid="canvas.drawn"]').first().waitFor({ state: 'attached', timeout: 120_000 });
    const open = Date.now() - t0;
    await settle(page);
    const openBlocked = await longTasksSince(page, 0);
    const walkFrom = await page.evaluate<number>('performance.now()');
    await page.getByTestId('header.run').click();
    await page.getByTestId('trace.row-1').waitFor({ timeout: 120_000 });
    await settle(page);
    const blocked = { open: openBlocked, walk: await longTasksSince(page, walkFrom) };
    const steps = (await page.getByTestId('player.position').textContent()) ?? '';
    await page.getByTestId('player.follow').uncheck();
    await page.getByTestId('player.speed').selectOption('1');
    const box = (await page.getByTestId('canvas').boundingBox())!;
    const play = () => page.getByTestId('player.play').click();
    const cases: Record<string, Frames> = {};

    // The walk opens zoomed in on its first devices (a rack's): panned there first.
    await play();
    cases.panIn = await measure(page, SECONDS * 1000, (done) => panRound(page, done));
    await play();
    await page.getByTestId('player.first').click();
    // The walk opens on its first devices, zoomed in to read them: the still camera is the whole
    // network (fit view), where every frame is in view.
    await page.locator('.react-flow__controls-fitview').click();
    await settle(page);

    await play();
    cases.packet = await measure(page, SECONDS * 1000);
    await play();
    await page.getByTestId('player.first').click();
    await settle(page);

    await play();
    cases.pan = await measure(page, SECONDS * 1000, (done) => panRound(page, done));
    await play();
    await page.getByTestId('player.first').click();
    await page.getByTestId('player.follow').check();
    await settle(page);

    await play();
    cases.follow = await measure(page, SECONDS * 1000);
    await play();
    const memory = await memoryOf(page.context().browser()!, page);
    return { open, blocked, memory, cases, canvas: { width: Math.round(box.width), height: Math.round(box.height) }, steps };
  } finally {
    await page.close();
  }
}

async function runBare(browser: Browser, base: string, shape: Shape, canvas: { width: number; height: number }): Promise<Run> {
  const page = await browser.newPage({ viewport: VIEWPORT, locale: 'en-US' });
  try {
    await page.addInitScript({ content: `window.__FABRIC__ = ${JSON.stringify(bareFabric(shape, canvas))};` });
    const t0 = Date.now();
    await page.goto(`${base}/bare/`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    const open = Date.now() - t0;
    await settle(page);
    await page.evaluate('window.__packet(true)');
    const cases: Record<string, Frames> = {};
    cases.packet = await measure(page, SECONDS * 1000);
    cases.pan = await measure(page, SECONDS * 1000, (done) => panRound(page, done));
    return { open, cases, canvas };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------

const fps = (f: Frames) => 1000 / f.mean;
const cell = (f: Frames | undefined) =>
  f
    ? `${f.mean.toFixed(1).padStart(5)} ms ${fps(f).toFixed(0).padStart(2)} fps  p50 ${f.median.toFixed(1).padStart(5)}  p95 ${f.p95.toFixed(1).padStart(5)}  long ${String(f.longTasks).padStart(2)} (${f.longMs.toFixed(0).padStart(4)} ms)  main ${f.mainPerFrame.toFixed(1).padStart(5)} ms/frame`
    : '—';

if (!args.includes('--no-build')) {
  build(['--manifest', '--outDir', APP_DIR, '--emptyOutDir']);
  build(['--config', join(ROOT, 'bench/bare/vite.config.ts')]);
}

const app = firstLoad(APP_DIR);
const bare = firstLoad(BARE_DIR);
const worker = readdirSync(join(APP_DIR, 'assets')).find((f) => /^sim\.worker-.*\.js$/.test(f));
const appTotal = app.js + app.css + app.html;
const bareTotal = bare.js + bare.css + bare.html;
console.log('First load (gzip): JS + CSS + index.html');
console.log(`  app   ${kib(appTotal)} (JS ${kib(app.js)}, CSS ${kib(app.css)}, ${app.files} files)${worker ? `; its worker (the engine) ${kib(gz(join(APP_DIR, 'assets', worker)))} more, off the main thread` : ''}`);
console.log(`  bare  ${kib(bareTotal)} (JS ${kib(bare.js)}, CSS ${kib(bare.css)})`);
console.log(`  app / bare ${(appTotal / bareTotal).toFixed(2)}× (target ≤ 1.5×)`);

const { server, base } = await serve();
const executablePath = process.env.PW_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
const rows: string[] = [];
try {
  console.log(`\nFrames (${SECONDS} s per case, viewport ${VIEWPORT.width}×${VIEWPORT.height}; mean frame time is 1000 / fps)`);
  for (const n of SIZES) {
    const shape = shapeFor(n);
    const a = await runApp(browser, base, shape);
    // Bare React Flow takes minutes to open 10 000 devices: compare with it at 1 000.
    const b = devicesOf(shape) <= BARE_MAX ? await runBare(browser, base, shape, a.canvas) : { open: NaN, cases: {}, canvas: a.canvas };
    console.log(`\n${nameOf(shape)}: ${devicesOf(shape)} devices; app opened in ${a.open} ms, bare in ${b.open} ms; canvas ${a.canvas.width}×${a.canvas.height}; walk: ${a.steps}`);
    const lt = (l: LongTasks) => `${l.count} long tasks, the longest ${l.longest} ms`;
    if (a.memory) console.log(`  memory after the cases: JS heap ${a.memory.heap.toFixed(0)} MB, the tab's renderer process ${a.memory.tab.toFixed(0)} MB (target: under 500 MB at 10 000 devices)`);
    if (a.blocked) console.log(`  main thread blocked: opening ${lt(a.blocked.open)}; walking ${lt(a.blocked.walk)} (target: none over 200 ms)`);
    for (const c of ['pan', 'panIn', 'packet', 'follow']) {
      console.log(`  ${c.padEnd(6)} app  ${cell(a.cases[c])}`);
      if (b.cases[c]) console.log(`  ${''.padEnd(6)} bare ${cell(b.cases[c])}   app/bare ${(a.cases[c]!.mean / b.cases[c]!.mean).toFixed(2)}×`);
    }
    const r = (c: string) => (b.cases[c] ? `${(a.cases[c]!.mean / b.cases[c]!.mean).toFixed(2)}×` : '—');
    const f = (x: Frames | undefined) => (x ? fps(x).toFixed(0) : '—');
    rows.push(
      `| ${devicesOf(shape).toLocaleString('en-US')} | ${f(a.cases.pan)} | ${f(a.cases.panIn)} | ${f(b.cases.pan)} | ${r('pan')} | ${a.cases.pan!.mainPerFrame.toFixed(1)} / ${b.cases.pan?.mainPerFrame.toFixed(1) ?? '—'} | ${f(a.cases.packet)} | ${f(b.cases.packet)} | ${fps(a.cases.follow!).toFixed(0)} | ${a.open} | ${a.blocked?.open.longest ?? '—'} / ${a.blocked?.walk.longest ?? '—'} | ${a.memory?.tab.toFixed(0) ?? '—'} |`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
console.log('\nMarkdown (fps = 1000 / mean frame time; main = main-thread ms per frame, app / bare):');
console.log('| devices | pan: app fps | pan zoomed in: app fps | pan: bare fps | pan: app/bare (mean frame time) | pan: main ms/frame | packet, static camera: app fps | bare fps | follow: app fps | app opens in (ms) | longest task ms, opening / walking | tab MB |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
