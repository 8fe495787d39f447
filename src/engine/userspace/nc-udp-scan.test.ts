// `nc -z -u` walked on the default example (h1 — sw1 — r1 — sw2 — h2). What Linux does is the
// golden src/engine/__oracle__/nc-z-udp (an open and a closed port, recorded with OpenBSD netcat
// 1.219 on Linux 6.x); these tests add the cases around it, with Linux's texts.

import { describe, expect, test } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseClab } from '../io/clab';
import { simulate } from '../sim/simulate';
import { runShell } from './shell';

const example = EXAMPLES.find((e) => e.name === 'two-subnets-router')!;
const base = () => parseClab(example.text, example.file);
const walk = (run: string, on = 'h1') => simulate(base(), { scenario: [{ kind: 'run', on, run }] });
const udpFrames = (r: ReturnType<typeof walk>) => r.events.filter((e) => e.kind === 'frame.tx' && e.node === 'h1' && e.frame.payload.kind === 'ipv4' && e.frame.payload.payload.kind === 'udp');

describe('nc -z -u', () => {
  test('a closed port: one "X", the port unreachable, exit 1 and nothing said (even with -v)', () => {
    const r = walk('nc -zuv 10.0.2.10 7001');
    expect(r.steps[0]).toMatchObject({ exit: 1, stdout: '', stderr: '' });
    expect(udpFrames(r)).toHaveLength(1);
  });

  test('an open port (a listener): five "X" over 3 s, exit 0; -v names the service as nc does (* when it has none)', () => {
    const r = simulate(base(), { scenario: [{ kind: 'run', on: 'h2', run: 'nc -u -l -p 9999', background: true }, { kind: 'run', on: 'h1', run: 'nc -zuv 10.0.2.10 9999' }] });
    expect(r.steps[1]).toMatchObject({ exit: 0, stderr: 'Connection to 10.0.2.10 9999 port [udp/*] succeeded!\n' });
    expect(udpFrames(r)).toHaveLength(5);
    expect(r.steps[0]).toMatchObject({ stdout: 'XXXXX' });
  });

  test('no route: exit 1, the connect error printed only with -v (remote_connect warns under vflag, as the nc-connect-failures golden shows)', () => {
    expect(walk('nc -zu 10.9.9.9 5', 'r1').steps[0]).toMatchObject({ exit: 1, stderr: '' });
    expect(walk('nc -zuv 10.9.9.9 5', 'r1').steps[0]).toMatchObject({ exit: 1, stderr: 'nc: connect to 10.9.9.9 port 5 (udp) failed: Network is unreachable\n' });
  });

  test('in the terminal it is a walk; with -l it is refused as nc refuses it', () => {
    expect(runShell(base(), 'h1', 'nc -z -u 10.0.2.10 53')).toEqual({ kind: 'walk', run: 'nc -z -u 10.0.2.10 53' });
    expect(runShell(base(), 'h1', 'nc -z -u -l -p 53')).toMatchObject({ stderr: 'nc: cannot use -z and -l\n', exit: 1 });
  });
});
