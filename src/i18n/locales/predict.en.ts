// English messages of predict mode (src/ui/predict: the questions asked before each step, the
// answer and the score) and of the slide export (src/ui/slide). Kept apart from en.ts and
// player.en.ts so that teaching mode can be worded on its own; i18n/index.ts merges it under
// `predict`.

import type { Widen } from './player.en';

export const predictEn = {
  toggle: 'Predict',
  toggleHint: 'Predict mode: before each step, say what will happen, then see the answer with the explanation',
  score: '{{right}} / {{asked}}',
  scoreLabel: 'Predictions right: {{right}} of {{asked}}',
  heading: 'Predict step {{step}}',
  hintOne: 'Pick one (keys 1–{{count}}), then Check (Enter).',
  hintMany: 'Pick every right one (keys 1–{{count}}), then Check (Enter).',
  check: 'Check',
  pickFirst: 'Pick an answer first.',
  right: 'Right!',
  wrong: 'Not quite.',
  yourAnswer: 'Your answer: {{answer}}',
  theAnswer: 'The answer: {{answer}}',
  listHint: 'Predict mode: each step joins the list once you have seen it.',
  nothing: 'nothing',
  q: {
    next: '{{node}} sends this frame: {{what}}. Which device gets it next?',
    ports: '{{node}} receives a frame on port {{port}} from {{from}}, destination MAC {{dst}}. Out of which port(s) does it send it?',
    route: {
      output: '{{node}} is sending a packet to {{dst}}. Which of its routes does the lookup choose?',
      input: '{{node}} receives a packet for {{dst}}. Which of its routes does the lookup choose?',
      arp: '{{node}} receives an ARP request for {{dst}} and looks the address up before answering. Which route matches?',
      query: '{{node}} runs “ip route get {{dst}}”. Which of its routes does the lookup choose?',
    },
    dstMacForward: '{{node}} forwards the packet out of {{iface}}: {{what}}. Which destination MAC does the frame carry?',
    dstMacLocal: '{{node}} sends a packet out of {{iface}}: {{what}}. Which destination MAC does the frame carry?',
    ttl: '{{node}} forwards this packet out of {{iface}}: {{what}} (as it arrived). Which TTL does it leave with?',
    addressSrc: '{{node}} sends this packet on out of {{iface}}: {{what}} (as it arrived). Which source address does it leave with?',
    addressDst: '{{node}} sends this packet on out of {{iface}}: {{what}} (as it arrived). Which destination address does it leave with?',
    arp: '{{node}} sends this ARP frame: {{what}}. How is it addressed?',
    fate: '{{node}} receives this frame on {{iface}} from {{from}}: {{what}}. What does it do with it?',
  },
  c: {
    broadcast: 'Broadcast: to ff:ff:ff:ff:ff:ff, every device on the segment',
    unicast: 'Unicast: to one device’s MAC address',
    forward: 'Sends it on towards its destination',
    deliver: 'Keeps it: it is for this device',
    drop: 'Drops it',
    noRoute: 'No route matches',
  },
  help: {
    pick: 'Predict mode: pick an answer (several for a switch’s ports)',
    check: 'Predict mode: check the answer and show the step',
    about: 'Predict mode (the Predict button in the player): before each step, answer a question about what it will do — the next device, a switch’s ports, the route that matches, the MAC, TTL or address the packet leaves with, ARP broadcast or unicast, drop or forward — then see the answer with the explanation. → asks before it moves on; stepping back shows the answers already given; the score counts this walk.',
    slide: 'Slide (in the player): the step shown as a PNG or SVG image for slides and worksheets, with the diagram, the headers that changed and the explanation, in the language of the app.',
  },
  slide: {
    button: 'Slide',
    hint: 'Export this step as an image for slides and worksheets: the diagram, the headers and the explanation',
    png: 'PNG image',
    svg: 'SVG image',
    pngDetail: 'for slides and documents',
    svgDetail: 'scalable, editable',
    title: '{{topology}} · Step {{step}} of {{count}}',
    atStart: 'Before the first step',
    explanation: 'What happened',
    headers: 'Headers',
    noFrame: 'No frame at this step.',
    done: 'Downloaded {{file}}',
    failed: 'The image could not be made: {{message}}',
  },
} as const;

/** The shape of predict mode's messages in every language. */
export type PredictMessages = Widen<typeof predictEn>;
