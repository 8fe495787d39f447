import { describe, expect, it } from 'vitest';
import { getopt, parseCommand, shellSplit } from './commands';

describe('scenario commands', () => {
  it.each([
    ['ping -c 1 -W 1 10.0.2.10', { kind: 'ping', dst: '10.0.2.10', count: 1, waitS: 1, intervalS: 1 }],
    ['ping -c1 -t2 -i 0.2 10.0.2.10', { kind: 'ping', count: 1, ttl: 2, intervalS: 0.2 }],
    ['echo hi | nc -u -w1 -p 40000 203.0.113.10 53', { kind: 'nc-udp', dst: '203.0.113.10', port: 53, srcPort: 40000, waitS: 1, stdin: 'hi\n' }],
    ["echo 'a b' | nc -u 10.0.0.1 9", { kind: 'nc-udp', stdin: 'a b\n' }],
    ['echo pong | nc -u -l -p 5353', { kind: 'nc-udp-listen', port: 5353, stdin: 'pong\n' }],
    ['nc -ul 5353', { kind: 'nc-udp-listen', port: 5353, stdin: '' }],
    ['echo hello | nc -N -p 40001 10.0.0.2 8080', { kind: 'nc-tcp', dst: '10.0.0.2', port: 8080, srcPort: 40001, shutdown: true, stdin: 'hello\n' }],
    ['nc -l -p 8080', { kind: 'nc-tcp-listen', port: 8080, shutdown: false, stdin: '' }],
    ['nc -zuv -p 40000 10.0.2.10 7000', { kind: 'nc-udp', dst: '10.0.2.10', port: 7000, srcPort: 40000, zero: true, verbose: true, stdin: '' }],
    ['nc -vz 10.0.2.10 80', { kind: 'nc-tcp', zero: true, verbose: true }],
    ['ip route get 10.0.0.1', { kind: 'ip-route-get', dst: '10.0.0.1' }],
    ['ip r g 10.0.0.1 from 10.0.0.2', { kind: 'ip-route-get', from: '10.0.0.2' }],
    ['ip route show table local', { kind: 'ip-route-show', table: 'local' }],
    ['ip neigh', { kind: 'ip-neigh-show' }],
    ['sleep 0.5', { kind: 'sleep', seconds: 0.5 }],
    ['ip link set eth1 down', { kind: 'ip-link-set', dev: 'eth1', up: false }],
    ['ip link set dev eth2 up', { kind: 'ip-link-set', dev: 'eth2', up: true }],
  ])('%s', (line, expected) => {
    const r = parseCommand(line);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.command).toMatchObject(expected);
  });

  it.each([
    ['ping example.com', /names are not resolved/],
    ['ping -f 10.0.0.1', /option -f is not supported/],
    ['ping -c', /needs a value/],
    ['nc -k -l 80', /option -k is not supported/],
    ['nc -z -u -l -p 5', /^nc: cannot use -z and -l$/],
    ['nc -z -u -w 1 10.0.0.1 5', /modelled without -w and -q/],
    ['echo x | nc -u 10.0.0.1 70000', /not a port number/],
    ['cat /etc/passwd | nc -u 10.0.0.1 9', /echo TEXT \| nc/],
    ['ping 10.0.0.1; rm -rf /', /shell syntax ";"/],
    ['ip addr add 10.0.0.1/24 dev eth1', /only "ip route get"/],
    ['ip link set eth1 mtu 1400', /only "set DEV down\|up"/],
    ["echo 'unterminated | nc -u 1.2.3.4 5", /unterminated quote/],
  ])('refuses %s', (line, message) => {
    const r = parseCommand(line);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toMatch(message);
  });

  it('splits like a shell', () => {
    expect(shellSplit(`echo "a \\"b\\"" 'c d' e\\ f | nc`)).toEqual([['echo', 'a "b"', 'c d', 'e f'], ['nc']]);
  });

  it('reads options like getopt', () => {
    expect(getopt(['-ulp', '99', '-w1', 'x'], 'ulp:w:', 'nc')).toEqual({ opts: [['u', undefined], ['l', undefined], ['p', '99'], ['w', '1']], operands: ['x'] });
  });
});
