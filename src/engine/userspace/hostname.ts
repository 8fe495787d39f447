// hostname(1): prints the device's name (containerlab names a node's host after it); `hostname
// NAME` renames the device, as one edit (its links, routes' devices and scenario steps follow).

import { renameNode } from '../edit/devices';
import { changed, failed, printed, type Program } from './shell';

/** RFC 1123 labels, as hostname(1) accepts them (and the editor's names). */
const VALID = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,62})$/;

export const hostname: Program = (args, env) => {
  const name = args.filter((a) => !a.startsWith('-'))[0];
  if (name === undefined) return printed(`${env.node.name}\n`);
  if (!VALID.test(name)) return failed('hostname: the specified hostname is invalid', 1);
  if (name !== env.node.name && env.topology.nodes.some((n) => n.name === name)) return failed(`hostname: another device is named ${name} in this network`, 1);
  return changed(renameNode(env.topology, env.node.name, name));
};
