// containerlab does not create the Linux bridges of `kind: bridge` nodes: they must exist on the
// host first. After an export the app shows these commands. (Images and port names are the
// engine's export's business: see toClab.)

/** The bridges containerlab expects to find on the host (it does not create them). */
export function bridgeSetup(bridges: readonly string[]): string[] {
  return bridges.map((b) => `ip link add ${b} type bridge && ip link set ${b} up`);
}
