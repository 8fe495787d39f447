#!/usr/bin/env node
// Entry point of `npx packetwalk`: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { run, quietOnClosedPipe } = await import('../src/cli/main.ts');
quietOnClosedPipe();
process.exitCode = run(process.argv.slice(2));
