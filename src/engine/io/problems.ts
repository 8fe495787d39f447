// Problems found while reading a topology: each names the file, the line when there is one, and
// what is wrong. A file with problems opens nothing.

export interface Problem {
  file: string;
  line?: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`;
}

export class TopologyError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'TopologyError';
  }
}

/** A recursion that went too deep: V8's and JavaScriptCore's RangeError, Firefox's InternalError ("too much recursion"). */
export const isStackOverflow = (e: unknown): boolean => e instanceof Error && /Maximum call stack|too much recursion/i.test(e.message);

/**
 * Runs a reader of `file`. An input nested deeper than the readers' recursion goes (brackets
 * or indentation thousands of levels deep) ends as a problem of the file, not as the engine's
 * "Maximum call stack size exceeded".
 */
export function readGuarded<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (isStackOverflow(e)) {
      throw new TopologyError([{ file, message: 'nested too deeply to read (thousands of levels of brackets or indentation)' }]);
    }
    throw e;
  }
}
