// The command line of a device's terminal, as readline edits it: a line buffer with a cursor,
// the history (↑ ↓, the line being typed kept as a draft), Tab completion, and the keys a shell
// user expects (Ctrl+A/E/U/K/W, Ctrl+C, Ctrl+L). Pure data and functions: the terminal's glue
// (ui/terminal) feeds it what xterm.js reads and writes what `renderLine` returns. Lines hold
// printable ASCII and any other text typed or pasted; one character is one column.

/** What readline holds while a line is typed. */
export interface LineState {
  buffer: string;
  /** where the next character goes, 0 … buffer.length */
  cursor: number;
  /** lines run before, oldest first */
  history: readonly string[];
  /** the history line shown (history.length: the line being typed, kept in `draft`) */
  at: number;
  draft: string;
}

/** The keys readline acts on, as decoded from a terminal's input. */
export type EditKey =
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'up'
  | 'down'
  | 'backspace'
  | 'delete'
  /** Ctrl+U: the line before the cursor */
  | 'kill-start'
  /** Ctrl+K: the line after the cursor */
  | 'kill-end'
  /** Ctrl+W: the word before the cursor */
  | 'kill-word'
  | 'word-left'
  | 'word-right';

/** One thing the user did, from a chunk of terminal input (a key, or text typed or pasted). */
export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'key'; key: EditKey }
  | { kind: 'enter' }
  | { kind: 'tab' }
  /** Ctrl+C */
  | { kind: 'interrupt' }
  /** Ctrl+L */
  | { kind: 'clear' }
  /** Ctrl+D */
  | { kind: 'eof' };

/** The most lines a history keeps (bash's HISTSIZE default is 500). */
export const HISTORY_SIZE = 500;

export function emptyLine(history: readonly string[] = []): LineState {
  return { buffer: '', cursor: 0, history, at: history.length, draft: '' };
}

const SEQUENCES: Record<string, Input> = {
  '\x1b[D': { kind: 'key', key: 'left' },
  '\x1b[C': { kind: 'key', key: 'right' },
  '\x1b[A': { kind: 'key', key: 'up' },
  '\x1b[B': { kind: 'key', key: 'down' },
  '\x1b[H': { kind: 'key', key: 'home' },
  '\x1b[F': { kind: 'key', key: 'end' },
  '\x1bOH': { kind: 'key', key: 'home' },
  '\x1bOF': { kind: 'key', key: 'end' },
  '\x1b[1~': { kind: 'key', key: 'home' },
  '\x1b[4~': { kind: 'key', key: 'end' },
  '\x1b[3~': { kind: 'key', key: 'delete' },
  '\x1b[1;5D': { kind: 'key', key: 'word-left' },
  '\x1b[1;5C': { kind: 'key', key: 'word-right' },
  '\x1bb': { kind: 'key', key: 'word-left' },
  '\x1bf': { kind: 'key', key: 'word-right' },
};

const CONTROL: Record<string, Input> = {
  '\r': { kind: 'enter' },
  '\n': { kind: 'enter' },
  '\t': { kind: 'tab' },
  '\x7f': { kind: 'key', key: 'backspace' },
  '\b': { kind: 'key', key: 'backspace' },
  '\x01': { kind: 'key', key: 'home' },
  '\x05': { kind: 'key', key: 'end' },
  '\x02': { kind: 'key', key: 'left' },
  '\x06': { kind: 'key', key: 'right' },
  '\x10': { kind: 'key', key: 'up' },
  '\x0e': { kind: 'key', key: 'down' },
  '\x15': { kind: 'key', key: 'kill-start' },
  '\x0b': { kind: 'key', key: 'kill-end' },
  '\x17': { kind: 'key', key: 'kill-word' },
  '\x03': { kind: 'interrupt' },
  '\x0c': { kind: 'clear' },
  '\x04': { kind: 'eof' },
};

/**
 * Splits what a terminal sends (one key, or a paste of several lines) into inputs. Escape
 * sequences it does not know are dropped; "\r\n" is one Enter.
 */
export function decodeInput(data: string): Input[] {
  const out: Input[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < data.length; ) {
    const c = data[i]!;
    if (c === '\x1b') {
      flush();
      const seq = Object.keys(SEQUENCES).find((s) => data.startsWith(s, i));
      if (seq) {
        out.push(SEQUENCES[seq]!);
        i += seq.length;
      } else {
        // An unknown CSI sequence ends at its final byte (@ to ~); a lone ESC is skipped.
        let end = i + 1;
        if (data[end] === '[') {
          end++;
          while (end < data.length && !(data[end]! >= '@' && data[end]! <= '~')) end++;
          end++;
        }
        i = Math.min(end, data.length);
      }
      continue;
    }
    const control = CONTROL[c];
    if (control) {
      flush();
      out.push(control);
      i += c === '\r' && data[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (c >= ' ') text += c;
    i++;
  }
  flush();
  return out;
}

/** Types text at the cursor. */
export function insert(s: LineState, text: string): LineState {
  return { ...s, buffer: s.buffer.slice(0, s.cursor) + text + s.buffer.slice(s.cursor), cursor: s.cursor + text.length };
}

const wordStart = (b: string, from: number): number => {
  let i = from;
  while (i > 0 && b[i - 1] === ' ') i--;
  while (i > 0 && b[i - 1] !== ' ') i--;
  return i;
};

const wordEnd = (b: string, from: number): number => {
  let i = from;
  while (i < b.length && b[i] === ' ') i++;
  while (i < b.length && b[i] !== ' ') i++;
  return i;
};

/** Shows a history line (or the draft) in the buffer, with the cursor at its end. */
function recall(s: LineState, at: number): LineState {
  const draft = s.at === s.history.length ? s.buffer : s.draft;
  const buffer = at === s.history.length ? draft : s.history[at]!;
  return { ...s, at, draft, buffer, cursor: buffer.length };
}

/** Applies an editing key. */
export function edit(s: LineState, key: EditKey): LineState {
  const { buffer: b, cursor: c } = s;
  switch (key) {
    case 'left':
      return { ...s, cursor: Math.max(0, c - 1) };
    case 'right':
      return { ...s, cursor: Math.min(b.length, c + 1) };
    case 'home':
      return { ...s, cursor: 0 };
    case 'end':
      return { ...s, cursor: b.length };
    case 'word-left':
      return { ...s, cursor: wordStart(b, c) };
    case 'word-right':
      return { ...s, cursor: wordEnd(b, c) };
    case 'backspace':
      return c === 0 ? s : { ...s, buffer: b.slice(0, c - 1) + b.slice(c), cursor: c - 1 };
    case 'delete':
      return c === b.length ? s : { ...s, buffer: b.slice(0, c) + b.slice(c + 1) };
    case 'kill-start':
      return { ...s, buffer: b.slice(c), cursor: 0 };
    case 'kill-end':
      return { ...s, buffer: b.slice(0, c) };
    case 'kill-word': {
      const from = wordStart(b, c);
      return { ...s, buffer: b.slice(0, from) + b.slice(c), cursor: from };
    }
    case 'up':
      return s.at === 0 ? s : recall(s, s.at - 1);
    case 'down':
      return s.at === s.history.length ? s : recall(s, s.at + 1);
  }
}

/**
 * Enter: the line to run and a fresh line whose history has it at the end (not when it is blank
 * or repeats the last one, as bash's `ignoreboth`; a line starting with a space is kept too).
 */
export function submit(s: LineState): { line: string; next: LineState } {
  const line = s.buffer;
  const keep = line.trim() !== '' && s.history[s.history.length - 1] !== line;
  const history = keep ? [...s.history, line].slice(-HISTORY_SIZE) : s.history;
  return { line, next: emptyLine(history) };
}

/** The word the cursor is at the end of, and the words before it. */
export function wordAtCursor(s: LineState): { before: string[]; word: string; start: number } {
  const head = s.buffer.slice(0, s.cursor);
  const start = head.lastIndexOf(' ') + 1;
  const before = head.slice(0, start).split(' ').filter(Boolean);
  return { before, word: head.slice(start), start };
}

const commonPrefix = (words: readonly string[]): string => {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
};

/**
 * Tab: completes the word at the cursor from `candidates` (the words that may stand there).
 * One match is completed with a space after it; several are completed to their common prefix,
 * and when that adds nothing they are returned to be listed (as readline does on a second Tab).
 */
export function complete(s: LineState, candidates: readonly string[]): { state: LineState; list: string[] } {
  const { word, start } = wordAtCursor(s);
  const matches = [...new Set(candidates.filter((c) => c.startsWith(word)))].sort();
  if (matches.length === 0) return { state: s, list: [] };
  if (matches.length === 1) {
    const done = matches[0]!;
    const after = s.buffer.slice(s.cursor);
    const space = after.startsWith(' ') ? '' : ' ';
    const buffer = s.buffer.slice(0, start) + done + space + after;
    return { state: { ...s, buffer, cursor: start + done.length + 1 }, list: [] };
  }
  const prefix = commonPrefix(matches);
  if (prefix.length > word.length) return { state: insert(s, prefix.slice(word.length)), list: [] };
  return { state: s, list: matches };
}

/**
 * What to write to the terminal to show `s` on the line where the prompt is (the cursor being
 * somewhere on that line): back to its start, the prompt and the buffer, the rest of the line
 * erased, the cursor moved back to its place.
 */
export function renderLine(prompt: string, s: LineState): string {
  const back = s.buffer.length - s.cursor;
  return `\r${prompt}${s.buffer}\x1b[K${back > 0 ? `\x1b[${back}D` : ''}`;
}

/** Words laid out in columns for a terminal `cols` wide, as readline lists completions. */
export function columns(words: readonly string[], cols: number): string {
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const per = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / per);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let k = r; k < words.length; k += rows) line += words[k]!.padEnd(width);
    lines.push(line.trimEnd());
  }
  return lines.join('\r\n');
}
