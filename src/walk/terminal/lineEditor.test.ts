import { describe, expect, test } from 'vitest';
import { candidates } from './completion';
import { columns, complete, decodeInput, edit, emptyLine, insert, renderLine, submit, type LineState } from './lineEditor';

const typed = (text: string, history: string[] = []): LineState => insert(emptyLine(history), text);

describe('decodeInput', () => {
  test.each([
    ['ip r', [{ kind: 'text', text: 'ip r' }]],
    ['\r', [{ kind: 'enter' }]],
    ['\x1b[A', [{ kind: 'key', key: 'up' }]],
    ['\x1b[3~', [{ kind: 'key', key: 'delete' }]],
    ['\x03', [{ kind: 'interrupt' }]],
    ['\x0c', [{ kind: 'clear' }]],
    ['\t', [{ kind: 'tab' }]],
    ['\x7f', [{ kind: 'key', key: 'backspace' }]],
    // a paste of two lines: each runs
    ['ip r\r\nip n\r', [{ kind: 'text', text: 'ip r' }, { kind: 'enter' }, { kind: 'text', text: 'ip n' }, { kind: 'enter' }]],
    // an unknown sequence (F5) is dropped, the text around it kept
    ['a\x1b[15~b', [{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }]],
  ])('%j', (data, inputs) => expect(decodeInput(data)).toEqual(inputs));
});

describe('editing', () => {
  test('the cursor moves, and typing goes where it is', () => {
    let s = typed('ip route');
    s = edit(edit(s, 'home'), 'right');
    s = edit(s, 'right');
    s = insert(s, ' -4');
    expect(s.buffer).toBe('ip -4 route');
    expect(s.cursor).toBe(5);
  });
  test('backspace and delete at the ends change nothing', () => {
    expect(edit(edit(typed('ab'), 'home'), 'backspace').buffer).toBe('ab');
    expect(edit(typed('ab'), 'delete').buffer).toBe('ab');
    expect(edit(typed('ab'), 'backspace').buffer).toBe('a');
  });
  test('Ctrl+U, Ctrl+K and Ctrl+W cut what readline cuts', () => {
    const s = edit(edit(typed('ip route show'), 'word-left'), 'left');
    expect(s.cursor).toBe(8);
    expect(edit(s, 'kill-start')).toMatchObject({ buffer: ' show', cursor: 0 });
    expect(edit(s, 'kill-end')).toMatchObject({ buffer: 'ip route', cursor: 8 });
    expect(edit(s, 'kill-word')).toMatchObject({ buffer: 'ip  show', cursor: 3 });
  });
});

describe('history', () => {
  test('Enter keeps a line once, not a blank one nor a repeat', () => {
    let s = typed('ip r');
    s = submit(s).next;
    s = submit(insert(s, 'ip r')).next;
    s = submit(insert(s, '   ')).next;
    s = submit(insert(s, 'ip n')).next;
    expect(s.history).toEqual(['ip r', 'ip n']);
    expect(s.buffer).toBe('');
  });
  test('up and down walk it and give the line being typed back', () => {
    let s = typed('ping', ['ip r', 'ip n']);
    s = edit(s, 'up');
    expect(s.buffer).toBe('ip n');
    s = edit(edit(s, 'up'), 'up');
    expect(s.buffer).toBe('ip r');
    s = edit(edit(s, 'down'), 'down');
    expect(s).toMatchObject({ buffer: 'ping', cursor: 4 });
    expect(edit(s, 'down').buffer).toBe('ping');
  });
});

describe('completion', () => {
  const ctx = { ifaces: ['eth1', 'eth2'], addrs: ['10.0.1.1', '10.0.1.10', '10.0.2.10'] };
  const tab = (text: string) => {
    const s = typed(text);
    const { before } = { before: s.buffer.slice(0, s.buffer.lastIndexOf(' ') + 1).split(' ').filter(Boolean) };
    return complete(s, candidates(before, ctx));
  };
  test('commands, objects and verbs', () => {
    expect(tab('trac').state.buffer).toBe('traceroute ');
    expect(tab('ip ro').state.buffer).toBe('ip route ');
    expect(tab('ip route g').state.buffer).toBe('ip route get ');
    // after an abbreviation (`ip r g` is `ip route get`)
    expect(tab('ip r g 10.0.2').state.buffer).toBe('ip r g 10.0.2.10 ');
  });
  test('interface names after dev and -i', () => {
    expect(tab('ip addr add 10.0.1.5/24 dev e').state.buffer).toBe('ip addr add 10.0.1.5/24 dev eth');
    expect(tab('ip addr add 10.0.1.5/24 dev eth').list).toEqual(['eth1', 'eth2']);
    expect(tab('tcpdump -i eth2').state.buffer).toBe('tcpdump -i eth2 ');
  });
  test("the network's addresses where an address goes", () => {
    expect(tab('ping 10.0.2').state.buffer).toBe('ping 10.0.2.10 ');
    expect(tab('ping 10.0.1.1').list).toEqual(['10.0.1.1', '10.0.1.10']);
  });
  test('nothing to offer changes nothing', () => {
    const r = tab('frobnicate x');
    expect(r).toEqual({ state: typed('frobnicate x'), list: [] });
  });
});

test('renderLine redraws the line and puts the cursor back', () => {
  const s = edit(edit(typed('ip r'), 'left'), 'left');
  expect(renderLine('# ', s)).toBe('\r# ip r\x1b[K\x1b[2D');
  expect(renderLine('# ', typed('x'))).toBe('\r# x\x1b[K');
});

test('columns lays words out down, then across', () => {
  expect(columns(['a', 'bb', 'c', 'd'], 8)).toBe('a   c\r\nbb  d');
});
