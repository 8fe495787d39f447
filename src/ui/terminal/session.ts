// One device's shell in its terminal: the glue between xterm.js and the line editor
// (walk/terminal/lineEditor.ts), the worker (which runs each command: engine/userspace/shell.ts)
// and the store. A command's answer is printed, applied as one edit (configuration), walked
// (traffic: the walk's output is printed as the player reaches it, so predict mode still asks
// first) or followed (tcpdump: the frames every walk passes on the interface, as the player
// reaches them). Ctrl+C stops following; Ctrl+L clears the screen.

import type { Terminal } from '@xterm/xterm';
import type { Learned, ShellResult, Topology, TraceEvent } from '../../engine';
import { linkStateAt, linkStats, TcpdumpPrinter, tcpdumpMatches, tcpdumpSummary, type TcpdumpOptions } from '../../engine/pure-terminal';
import i18n from '../../i18n';
import { selectTopology, useAppStore, type DoneRun } from '../../store';
import { candidates } from '../../walk/terminal/completion';
import { columns, complete, decodeInput, edit, emptyLine, insert, renderLine, submit, wordAtCursor, type LineState } from '../../walk/terminal/lineEditor';
import type { SimClient } from '../../worker/protocol';
import { startWalk } from '../commands/runScenario';
import { useTerminals } from './terminalStore';

/** Lines in a terminal are ended with CR LF. */
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** What the shell is doing: reading a line, waiting for the worker, following a walk or a capture. */
type Mode =
  | { kind: 'read' }
  | { kind: 'busy' }
  | { kind: 'walk'; runId: number | undefined; printed: number; line: string }
  | { kind: 'capture'; options: TcpdumpOptions; printer: TcpdumpPrinter; runId: number | undefined; seen: number; count: number };

/** Where a walked command's step ends (its step.end seq), found once per walk: follow() runs at every change of the store. */
const stepEnds = new WeakMap<readonly TraceEvent[], number>();
function stepEnd(events: readonly TraceEvent[]): number {
  let seq = stepEnds.get(events);
  if (seq === undefined) {
    seq = events.find((e) => e.kind === 'step.end')?.seq ?? Infinity;
    stepEnds.set(events, seq);
  }
  return seq;
}

/** The step a walk has been shown up to: the last event (seq) of the current step, -1 at the start. */
const shownUpTo = (run: DoneRun): number => (run.cursor < 0 ? -1 : (run.steps[run.cursor]?.last ?? -1));

/**
 * What a node had learned by the step shown (its tables then), for `ip neigh`, `conntrack -L`,
 * `ss`, `bridge fdb`, a bridge's spanning tree (`bridge link show`), its interfaces' counters then
 * (`ip -s link`) and which of them the walk had set down or left without carrier (`ip link`, `ip route`).
 */
export function learnedAt(run: DoneRun | undefined, node: string, topology?: Topology): Learned {
  if (!run) return {};
  // At the walk's start (nothing shown yet) the tables are as they were before it: empty.
  const upTo = shownUpTo(run);
  const stats = linkStats(run.result.events, node, upTo);
  const links = topology ? linkStateAt(run.result.events, topology, node, upTo) : undefined;
  const list = run.history[node];
  if (!list?.length) return { stats, ...(links ? { links } : {}) };
  let version = list[0]!;
  for (const v of list) if (v.seq <= upTo) version = v;
  const t = version.tables;
  return { neigh: t.neigh, conntrack: t.conntrack, fdb: t.fdb, sockets: t.sockets, stats, ...(t.stp ? { stp: t.stp } : {}), ...(links ? { links } : {}) };
}

export class TerminalSession {
  private line: LineState = emptyLine();
  private mode: Mode = { kind: 'read' };
  private readonly unsubscribe: () => void;

  constructor(
    private readonly term: Terminal,
    private node: string,
    private readonly client: SimClient,
  ) {
    term.onData((data) => this.input(data));
    this.unsubscribe = useAppStore.subscribe(() => this.follow());
    term.write(crlf(i18n.t('shell.welcome', { node }) + '\n'));
    this.prompt();
  }

  dispose(): void {
    this.unsubscribe();
  }

  private get promptText(): string {
    return `root@${this.node}:~# `;
  }

  private prompt(): void {
    this.mode = { kind: 'read' };
    this.term.write(this.promptText);
  }

  private redraw(): void {
    this.term.write(renderLine(this.promptText, this.line));
  }

  private input(data: string): void {
    for (const ev of decodeInput(data)) {
      if (ev.kind === 'interrupt') {
        this.interrupt();
        continue;
      }
      if (ev.kind === 'clear') {
        this.term.write('\x1b[H\x1b[2J\x1b[3J');
        if (this.mode.kind === 'read') this.redraw();
        continue;
      }
      // Keys typed while a command runs are not read (a real shell would queue them).
      if (this.mode.kind !== 'read') continue;
      if (ev.kind === 'text') this.line = insert(this.line, ev.text);
      else if (ev.kind === 'key') this.line = edit(this.line, ev.key);
      else if (ev.kind === 'tab') this.tab();
      else if (ev.kind === 'eof') {
        if (this.line.buffer === '') this.term.write(crlf(`\n${i18n.t('shell.noExit')}\n`) + this.promptText);
        continue;
      } else if (ev.kind === 'enter') {
        const { line, next } = submit(this.line);
        this.line = next;
        this.term.write('\r\n');
        void this.run(line);
        continue;
      }
      this.redraw();
    }
  }

  private tab(): void {
    const topology = selectTopology(useAppStore.getState());
    const node = topology?.nodes.find((n) => n.name === this.node);
    const ifaces = node ? [...node.ifaces.map((i) => i.name), ...(node.kind === 'linux' ? ['lo'] : [])] : [];
    const addrs = topology ? [...new Set(topology.nodes.flatMap((n) => n.ifaces.flatMap((i) => i.addrs.map((a) => a.ip))))] : [];
    const { before } = wordAtCursor(this.line);
    const { state, list } = complete(this.line, candidates(before, { ifaces, addrs }));
    this.line = state;
    if (list.length) this.term.write(`\r\n${columns(list, this.term.cols)}\r\n`);
  }

  private interrupt(): void {
    const m = this.mode;
    const run = useAppStore.getState().lastRun;
    if (m.kind === 'walk' && run.status === 'done' && run.runId === m.runId && run.source.kind === 'pdu') {
      // SIGINT where the walk is: the walk again, its command interrupted at the time of the step
      // shown (ping prints its statistics), shown to its end.
      const start = run.result.events.find((e) => e.kind === 'step.start')?.t ?? 0;
      const at = run.cursor >= 0 ? (run.steps[run.cursor]?.t ?? start) : start;
      this.term.write('^C');
      this.mode = { ...m, runId: undefined };
      const source = { ...run.source, interrupt: { step: 0, afterUs: Math.max(0, at - start) } };
      void startWalk(this.client, source).then(() => {
        const next = useAppStore.getState().lastRun;
        if (this.mode.kind !== 'walk' || next.status !== 'done' || next.source !== source) return this.prompt();
        this.mode = { ...this.mode, runId: next.runId };
        useAppStore.getState().setCursor(next.steps.length - 1);
        this.follow();
      });
      return;
    }
    this.term.write('^C\r\n');
    if (m.kind === 'capture') this.term.write(crlf(tcpdumpSummary(m.count)));
    if (m.kind === 'read') {
      this.line = emptyLine(this.line.history);
      this.term.write(this.promptText);
      return;
    }
    this.prompt();
  }

  /** The builtins a shell has itself; true when the line was one. */
  private builtin(words: string[]): boolean {
    const [name] = words;
    if (name === 'clear') this.term.write('\x1b[H\x1b[2J\x1b[3J');
    else if (name === 'history') this.term.write(crlf(this.line.history.map((l, i) => `${String(i + 1).padStart(5)}  ${l}\n`).join('')));
    else if (name === 'help') this.term.write(crlf(i18n.t('shell.help') + '\n'));
    else if (name === 'exit' || name === 'logout') {
      useTerminals.getState().closeTab(this.node);
      return true;
    } else return false;
    this.prompt();
    return true;
  }

  private async run(line: string): Promise<void> {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0 || this.builtin(words)) {
      if (words.length === 0) this.prompt();
      return;
    }
    const topology = selectTopology(useAppStore.getState());
    if (!topology) return this.prompt();
    this.mode = { kind: 'busy' };
    let answer: ShellResult;
    try {
      const run = useAppStore.getState().lastRun;
      answer = await this.client.terminal(topology, this.node, line, learnedAt(run.status === 'done' ? run : undefined, this.node, topology));
    } catch (e) {
      this.term.write(crlf(`${RED}${e instanceof Error ? e.message : String(e)}${RESET}\n`));
      return this.prompt();
    }
    if (this.mode.kind !== 'busy') return; // interrupted meanwhile
    if (answer.kind === 'done') return this.done(answer, topology, line);
    if (answer.kind === 'walk') return this.walk(answer.run);
    this.term.write(crlf(answer.stderr));
    this.mode = { kind: 'capture', options: answer.options, printer: new TcpdumpPrinter(answer.options), runId: undefined, seen: -1, count: 0 };
    this.follow();
  }

  private done(answer: Extract<ShellResult, { kind: 'done' }>, sent: NonNullable<ReturnType<typeof selectTopology>>, line: string): void {
    if (answer.topology) {
      const store = useAppStore.getState();
      // The network changed while the worker answered: run the line again on the network as it is.
      if (selectTopology(store) !== sent) return void this.run(line);
      const renamedTo = answer.topology.nodes.some((n) => n.name === this.node) ? undefined : answer.topology.nodes.find((_n, i) => sent.nodes[i]?.name === this.node)?.name;
      store.edit(() => answer.topology!);
      if (renamedTo) {
        useTerminals.getState().renamed(this.node, renamedTo);
        this.node = renamedTo;
      }
    }
    this.term.write(crlf(answer.stdout));
    if (answer.stderr) this.term.write(crlf(answer.stderr));
    this.prompt();
  }

  private walk(run: string): void {
    this.mode = { kind: 'walk', runId: undefined, printed: 0, line: run };
    this.term.write(crlf(`${DIM}${i18n.t('shell.walking')}${RESET}\n`));
    const before = useAppStore.getState().lastRun;
    void startWalk(this.client, { kind: 'pdu', scenario: [{ kind: 'run', on: this.node, run }], label: `${this.node}: ${run}` }).then(() => {
      const after = useAppStore.getState().lastRun;
      if (this.mode.kind !== 'walk') return;
      if (after === before || after.status === 'idle') {
        this.term.write(crlf(`${RED}${i18n.t('shell.walkBusy')}${RESET}\n`));
        return this.prompt();
      }
      if (after.status === 'failed') {
        this.term.write(crlf(`${RED}${after.message}${RESET}\n`));
        return this.prompt();
      }
      if (after.status === 'done') this.mode = { ...this.mode, runId: after.runId };
      this.follow();
    });
  }

  /** Prints what the walk shown has reached since the last call (a walk's output, a capture's frames). */
  private follow(): void {
    const m = this.mode;
    if (m.kind !== 'walk' && m.kind !== 'capture') return;
    const run = useAppStore.getState().lastRun;
    if (m.kind === 'walk') {
      if (m.runId === undefined) return;
      if (run.status !== 'done' || run.runId !== m.runId) {
        // Another walk or an edit replaced it: the command's output stops where it was.
        this.term.write(crlf(`${DIM}${i18n.t('shell.walkGone')}${RESET}\n`));
        return this.prompt();
      }
      const step = run.result.steps[0];
      const upTo = shownUpTo(run);
      const chunks = (step?.output ?? []).filter((c) => c.at <= upTo);
      for (const c of chunks.slice(m.printed)) this.term.write(crlf(c.text));
      this.mode = { ...m, printed: Math.max(m.printed, chunks.length) };
      if (stepEnd(run.result.events) <= upTo) this.prompt();
      return;
    }
    if (run.status !== 'done') return;
    const seen = run.runId === m.runId ? m.seen : -1;
    const upTo = shownUpTo(run);
    let count = m.count;
    for (const e of run.result.events.slice(seen + 1, upTo + 1)) {
      if (!this.onWire(e, m.options) || !tcpdumpMatches(e.frame, m.options.filter)) continue;
      this.term.write(m.printer.line(e.frame, e.t) + '\r\n');
      count++;
      if (m.options.count !== undefined && count >= m.options.count) {
        this.term.write(crlf(tcpdumpSummary(count)));
        return this.prompt();
      }
    }
    this.mode = { ...m, runId: run.runId, seen: Math.max(seen, upTo), count };
  }

  private onWire(e: TraceEvent, o: TcpdumpOptions): e is Extract<TraceEvent, { kind: 'frame.tx' | 'frame.rx' }> {
    return (e.kind === 'frame.tx' || e.kind === 'frame.rx') && e.node === this.node && e.iface === o.dev;
  }
}
