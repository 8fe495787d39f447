// The terminal's traffic programs, `ping`, `nc`, `traceroute` and `arping`: a line that parses
// (commands.ts, the scenario's parser) becomes a walk of that one command on the node; one that
// does not prints the program's complaint.

import { parseCommand } from './commands';
import { failed, type Program } from './shell';

export const traffic: Program = (_args, _env, line) => {
  const p = parseCommand(line);
  if (p.kind === 'error') return failed(p.message, /^nc/.test(line.replace(/^.*\|\s*/, '')) ? 1 : 2);
  if (p.command.kind.startsWith('ip-') || p.command.kind === 'sleep') return failed(`bash: ${line}: not a traffic command`, 2);
  return { kind: 'walk', run: line.trim() };
};
