// English: the source language. Every key here must exist in every other language (the type
// Messages makes that a compile error, and i18n.test.ts checks it again).

export const en = {
  app: {
    name: 'packetwalk',
    documentTitle: 'packetwalk — walk a packet through a network',
    tagline: 'Walk a packet through a network, hop by hop',
    loading: 'Opening the example…',
    loadFailed: 'The topology could not be opened',
  },
  header: {
    run: 'Run scenario',
    running: 'Running…',
    noScenario: 'This topology has no scenario to run',
    runHint: 'Run the scenario of this topology in the simulator',
    language: 'Language',
    topology: 'Topology',
  },
  role: {
    host: 'Host',
    server: 'Server',
    router: 'Router',
    nat: 'NAT gateway',
    switch: 'Switch',
  },
  node: {
    noAddress: 'no address',
    ports_one: '{{count}} port',
    ports_other: '{{count}} ports',
    forwarding: 'forwarding',
    forwardingHint: 'net.ipv4.ip_forward = 1: this node routes packets between its interfaces',
  },
  canvas: {
    label: 'Network diagram',
    minimap: 'Overview',
  },
  run: {
    title: 'Scenario output',
    close: 'Close',
    events_one: '{{count}} trace event',
    events_other: '{{count}} trace events',
    virtualTime: 'virtual time {{seconds}} s',
    running: 'Running the scenario…',
    failed: 'The scenario could not run',
    exit: 'exit {{code}}',
    stillRunning: 'still running when the scenario ended',
    timedOut: 'killed after the step timeout',
    background: 'in the background',
    stopped: 'The simulation stopped after {{limit}} events.',
    storm: 'Frames keep circulating between {{devices}}: a broadcast storm (a loop of switches).',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language's messages must have. */
export type Messages = Widen<typeof en>;
