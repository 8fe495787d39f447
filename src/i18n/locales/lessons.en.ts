// English messages of shared links (src/ui/share) and lessons (src/ui/lessons) that the editor
// shows: the Lessons menu and the Share button. What opening a link or a lesson says, the lesson
// block in the player and the help's paragraphs are in lessons.open.en.ts, loaded when one opens.
// The lessons' narratives themselves are loaded with the lessons (src/lessons/text.en.ts).
// i18n/index.ts merges both under `lessons`.

export const lessonsEn = {
  menu: 'Lessons',
  menuHint: 'Guided walks through one idea each',
  titles: {
    'same-subnet': 'Same subnet or not',
    'switch-learns': 'What a switch learns',
    'through-a-router': 'Through a router',
    'route-table': 'Reading a Linux route table',
    'home-nat': 'NAT at home',
    ports: 'Ports: TCP and UDP apart',
    troubles: 'When things go wrong',
    loop: 'A loop: the storm, then the spanning tree',
    vlans: 'VLANs: one switch, two LANs',
    'data-center': 'Inside a data centre',
    calico: 'The seed’s Calico node',
    overlay: 'An overlay',
  },
  summaries: {
    'same-subnet': 'The AND with the mask; ARP for the destination or for the gateway',
    'switch-learns': 'Flooding first, then forwarding; a switch never changes a frame',
    'through-a-router': 'MACs change every hop, IPs do not, the TTL falls',
    'route-table': 'proto kernel, onlink, blackhole, /32 routes of container networks; local before main',
    'home-nat': '192.168.1.x leaves as the WAN address, and the reply comes back',
    ports: 'The same port number on TCP and on UDP: two sockets, two answers',
    troubles: 'A routing loop, no route, no ARP answer, a host that does not forward',
    loop: 'Three switches in a loop: why a broadcast would storm, how STP blocks one port, and how the tree forms again when a link fails',
    vlans: 'Two VLANs, a router on a stick, an L3 switch',
    'data-center': 'Three tiers: where east-west traffic goes, why broadcast domains stay small',
    calico: 'Pod to pod in IP in IP; the node’s blackhole',
    overlay: 'VXLAN: one Ethernet segment across a router',
  },
  back: 'Back to my own network',
  backHint: 'The network you had before you opened a link or a lesson',
  backFailed: 'Your own network could not be opened',
  share: {
    button: 'Share',
    hint: 'Copy a link that opens this network, this walk and this step',
    copied: 'Link copied. It opens this network, this walk, at step {{step}}.',
    copiedStart: 'Link copied. It opens this network and this walk, at its start.',
    copiedNetwork: 'Link copied. It opens this network.',
    copiedLesson: 'Link copied. It opens the lesson “{{title}}” at step {{step}}.',
    copyFailed: 'The link could not be copied to the clipboard: copy it from here.',
    tooLarge: 'This network is too large for a link ({{chars}} characters; a link holds at most {{max}}). Save it as a file instead (File → Save as JSON).',
  },
} as const;
