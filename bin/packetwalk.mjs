#!/usr/bin/env -S node --min-semi-space-size=64 --max-semi-space-size=64
// Entry point of `npx packetwalk`. It runs the CLI as one bundle, built with esbuild into
// node_modules/.cache/packetwalk/ the first time and again whenever a file under src/ is newer:
// the same bundled engine the app's worker runs and `npm run bench` measures, and a start three
// times quicker than compiling every module through tsx (which stays the fallback when the
// bundle cannot be built or written). A young generation of 64 MB from the start
// (--min/max-semi-space-size) halves the time a long trace spends in the garbage collector: a
// trace's events all survive, and each scavenge copies them.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = `${root}src`;
const bundle = `${root}node_modules/.cache/packetwalk/cli.mjs`;

/** The newest modification time of the files under dir (ms). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function loadBundled() {
  let built = 0;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newest(src)) {
    const { build } = await import('esbuild');
    mkdirSync(`${root}node_modules/.cache/packetwalk`, { recursive: true });
    // written beside and renamed, so that a CLI started meanwhile never reads half a bundle
    const tmp = `${bundle}.${process.pid}.tmp`;
    await build({ entryPoints: [`${src}/cli/main.ts`], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: tmp, logLevel: 'silent' });
    renameSync(tmp, bundle);
  }
  return import(pathToFileURL(bundle).href);
}

async function loadThroughTsx() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

const { run, quietOnClosedPipe } = await loadBundled().catch(loadThroughTsx);
quietOnClosedPipe();
process.exitCode = run(process.argv.slice(2));
