// The generator's designs and the sizes its dialog starts with (the largest, MAX_DEVICES, is
// engine/generate/size.ts's): what the editor's menus and the dialog's state need before the
// dialog (and fabricSpec.ts, the checks) is loaded.

export type Design = 'leaf-spine' | 'three-tier';

/** What the dialog starts with: small fabrics that fit on the screen. */
export const DEFAULTS: Record<Design, Record<string, number>> = {
  'leaf-spine': { spines: 2, leaves: 4, hostsPerLeaf: 4 },
  'three-tier': { cores: 2, pods: 2, aggPerPod: 2, accessPerPod: 2, hostsPerAccess: 4 },
};
