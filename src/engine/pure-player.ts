// The engine's values the packet walk player uses on the main thread, apart from pure.ts so that
// they load with the player's own chunk and not with the page: what a tunnel's packet carries
// (decodeEncap, which brings the frame codec). The same rule as pure.ts: no zod, no file format,
// no simulator.

export { decodeEncap, type Encap } from './wire/encap';
