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
