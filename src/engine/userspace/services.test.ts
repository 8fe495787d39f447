// nc's `port [PROTO/NAME]`: what OpenBSD netcat 1.219 printed on Linux for a listener on a port
// with a name and on one without (`Connection to 10.0.1.1 9999 port [tcp/*] succeeded!`).

import { describe, expect, test } from 'vitest';
import { EXAMPLES } from '../../examples';
import { parseClab } from '../io/clab';
import { simulate } from '../sim/simulate';
import { ncServiceName } from './services';

describe('nc names the port it reached', () => {
  test('by its service name, or * when /etc/services has none', () => {
    expect(ncServiceName(8080, 'tcp')).toBe('http-alt');
    expect(ncServiceName(7000, 'udp')).toBe('afs3-fileserver');
    expect(ncServiceName(9999, 'tcp')).toBe('*');
  });

  test('nc -zv to a TCP listener on a port without a name says [tcp/*]', () => {
    const example = EXAMPLES.find((e) => e.name === 'two-subnets-router')!;
    const r = simulate(parseClab(example.text, example.file), {
      scenario: [
        { kind: 'run', on: 'h2', run: 'nc -l -p 9999', background: true },
        { kind: 'run', on: 'h1', run: 'nc -zv 10.0.2.10 9999' },
      ],
    });
    expect(r.steps[1]).toMatchObject({ exit: 0, stderr: 'Connection to 10.0.2.10 9999 port [tcp/*] succeeded!\n' });
  });
});
