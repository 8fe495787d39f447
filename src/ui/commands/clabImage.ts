// containerlab (0.70 and later) refuses a `kind: linux` node without an image ("Missing required
// "image" attribute"), and the engine's export writes none (the oracle needs none). Until the
// engine writes one, the export gets a small image with iproute2 on every linux node that has no
// image: the oracle (record.mjs) and packetwalk's own reader ignore the key.
// TODO(packetwalk): move into the engine's toClab and drop this step.

export const CLAB_LINUX_IMAGE = 'ghcr.io/hellt/network-multitool';

/** The containerlab text with `image:` on each linux node that has none (comments kept). */
export async function withLinuxImages(text: string, image = CLAB_LINUX_IMAGE): Promise<string> {
  const { isMap, parseDocument } = await import('yaml');
  const doc = parseDocument(text);
  const nodes = doc.getIn(['topology', 'nodes'], true);
  if (!isMap(nodes)) return text;
  let changed = false;
  for (const pair of nodes.items) {
    const node = pair.value;
    if (!isMap(node) || node.get('kind') !== 'linux' || node.has('image')) continue;
    // Right after `kind:`, where containerlab's own examples put it.
    node.items.splice(1, 0, doc.createPair('image', image));
    changed = true;
  }
  return changed ? doc.toString({ lineWidth: 0, flowCollectionPadding: false }) : text;
}

/** The bridges containerlab expects to find on the host (it does not create them). */
export function bridgeSetup(bridges: readonly string[]): string[] {
  return bridges.map((b) => `ip link add ${b} type bridge && ip link set ${b} up`);
}
