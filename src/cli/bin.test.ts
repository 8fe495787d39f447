// bin/packetwalk.mjs, as `npx packetwalk` starts it: the CLI bundled with esbuild into
// node_modules/.cache (built when missing or older than src/).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/packetwalk.mjs');

describe('bin/packetwalk.mjs', () => {
  it('runs the CLI from its bundle and passes on its exit status', () => {
    const ok = spawnSync(process.execPath, [bin, 'check', 'src/examples/home-nat.clab.yml'], { cwd: root, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe('src/examples/home-nat.clab.yml: ok — 6 nodes, 5 links, 5 scenario steps\n');
    expect(ok.status).toBe(0);
    const bad = spawnSync(process.execPath, [bin, 'check', 'no-such-file.yml'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^packetwalk: cannot read no-such-file\.yml/);
    // the bundle it ran is there for the next start
    expect(readFileSync(path.join(root, 'node_modules/.cache/packetwalk/cli.mjs'), 'utf8')).toContain('packetwalk');
  });
});
