// `ip link set DEV down` flushes routes from the stack's FIB. A node's compiled FIB is shared by
// every run of the same topology (compileFibForRun): a run that sets a device down must change
// its own copy, never what the next run starts from.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClab } from '../../io/clab';
import { simulate } from '../../sim/simulate';

const file = path.join(import.meta.dirname, '../../__oracle__/link-down-router.clab.yml');

describe('ip link set DEV down in one run', () => {
  it('leaves the next run of the same topology its routes', () => {
    const t = parseClab(fs.readFileSync(file, 'utf8'), file);
    const show = { kind: 'run' as const, on: 'r1', run: 'ip route show' };
    const before = simulate({ ...t, scenario: [show] }).steps[0]!.stdout;
    expect(before).toContain('10.9.0.0/24 via 10.0.2.10 dev eth2');
    // the golden's scenario: eth2 down (the static route goes) and up (it does not come back)
    const down = simulate(t);
    expect(down.steps.at(-2)!.stdout).not.toContain('10.9.0.0/24');
    expect(simulate({ ...t, scenario: [show] }).steps[0]!.stdout).toBe(before);
  });
});
