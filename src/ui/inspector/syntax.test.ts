import { describe, expect, test } from 'vitest';
import { parseAddrList, parseCidrText, parseMacText, parseNodeName } from './syntax';

describe('addresses as typed', () => {
  test.each([
    ['10.0.1.10/24', { ok: true, value: { ip: '10.0.1.10', len: 24 } }],
    ['0.0.0.0/0', { ok: true, value: { ip: '0.0.0.0', len: 0 } }],
    ['10.0.1.300/24', { ok: false, error: { code: 'notIpv4', text: '10.0.1.300' } }],
    ['10.0.1/24', { ok: false, error: { code: 'notIpv4', text: '10.0.1' } }],
    ['010.0.1.1/24', { ok: false, error: { code: 'notIpv4', text: '010.0.1.1' } }],
    ['10.0.1.10', { ok: false, error: { code: 'noPrefix', text: '10.0.1.10' } }],
    ['10.0.1.10/33', { ok: false, error: { code: 'badPrefix', text: '33' } }],
    ['10.0.1.10/', { ok: false, error: { code: 'badPrefix', text: '' } }],
    ['fe80::1/64', { ok: false, error: { code: 'notIpv4', text: 'fe80::1' } }],
  ])('%s', (text, expected) => {
    expect(parseCidrText(text)).toEqual(expected);
  });

  test('a list: commas or spaces, in order; empty is none; an address twice is refused', () => {
    expect(parseAddrList('10.0.1.1/24, 10.0.1.2/24 192.0.2.1/32')).toMatchObject({ ok: true, value: [{ ip: '10.0.1.1' }, { ip: '10.0.1.2' }, { ip: '192.0.2.1', len: 32 }] });
    expect(parseAddrList('  ')).toEqual({ ok: true, value: [] });
    expect(parseAddrList('10.0.1.1/24,10.0.1.1/16')).toEqual({ ok: false, error: { code: 'twice', text: '10.0.1.1' } });
  });
});

test.each([
  ['02:00:00:00:00:0A', { ok: true, value: '02:00:00:00:00:0a' }],
  ['02-00-00-00-00-0a', { ok: false, error: { code: 'notMac', text: '02-00-00-00-00-0a' } }],
  ['01:00:5e:00:00:01', { ok: false, error: { code: 'groupMac', text: '01:00:5e:00:00:01' } }],
  ['00:00:00:00:00:00', { ok: false, error: { code: 'zeroMac', text: '00:00:00:00:00:00' } }],
])('MAC %s', (text, expected) => {
  expect(parseMacText(text)).toEqual(expected);
});

test.each([
  ['web-1', { ok: true, value: 'web-1' }],
  [' r9 ', { ok: true, value: 'r9' }],
  ['h1', { ok: false, error: { code: 'nameTaken', text: 'h1' } }],
  ['my host', { ok: false, error: { code: 'badName', text: 'my host' } }],
  ['', { ok: false, error: { code: 'badName', text: '' } }],
  ['x'.repeat(33), { ok: false, error: { code: 'badName', text: 'x'.repeat(33) } }],
  ['__proto__', { ok: false, error: { code: 'badName', text: '__proto__' } }],
])('name %j', (text, expected) => {
  expect(parseNodeName(text, new Set(['h1', 'sw1']))).toEqual(expected);
});
