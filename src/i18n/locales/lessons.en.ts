// English messages of shared links (src/ui/share) and lessons (src/ui/lessons): the Share
// button, what opening a link says, the Lessons menu and the lesson block in the player. The
// lessons' narratives themselves are loaded with the lessons (src/lessons/text.en.ts).
// i18n/index.ts merges this under `lessons`.

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
    'data-center': 'Inside a data centre',
  },
  summaries: {
    'same-subnet': 'The AND with the mask; ARP for the destination or for the gateway',
    'switch-learns': 'Flooding first, then forwarding; a switch never changes a frame',
    'through-a-router': 'MACs change every hop, IPs do not, the TTL falls',
    'route-table': 'proto kernel, onlink, blackhole, /32 routes of container networks; local before main',
    'home-nat': '192.168.1.x leaves as the WAN address, and the reply comes back',
    ports: 'The same port number on TCP and on UDP: two sockets, two answers',
    troubles: 'A routing loop, no route, no ARP answer, a host that does not forward',
    'data-center': 'Three tiers: where east-west traffic goes, why broadcast domains stay small',
  },
  opening: 'Opening the lesson “{{title}}”…',
  failed: 'The lesson could not be opened',
  noLesson: 'There is no lesson named “{{id}}”.',
  lesson: 'Lesson {{n}}: {{title}}',
  keyStep: 'Key step {{n}} of {{count}}',
  introduction: 'Introduction',
  fromStep: 'from step {{step}}',
  notKey: 'Step {{step}} is between key steps.',
  previous: 'Previous key step',
  next: 'Next key step',
  firstKey: 'This is the lesson’s first key step.',
  lastKey: 'This is the lesson’s last key step.',
  finished: 'End of the lesson. Step through the rest freely, or pick another lesson.',
  back: 'Back to my own network',
  backHint: 'The network you had before you opened a link or a lesson',
  backFailed: 'Your own network could not be opened',
  help: {
    share:
      'Share (the icon beside Help) copies a link that opens this network, this walk and this step, for anyone: everything is in the link itself (after #), nothing goes to a server. Opening a link or a lesson does not replace your own network: it stays saved in this browser until you edit the opened one, and “Back to my own network” in the Lessons menu brings it back.',
    lessons:
      'Lessons (in the header) walk through one idea each on a prepared network, with a short text at the key steps: “Next key step” jumps from one to the next. A lesson has its own link too (#lesson=same-subnet&step=5).',
  },
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
  link: {
    opened: 'Opened a shared network. Your own network is kept: it is replaced only if you edit this one, and “Back to my own network” in the Lessons menu brings it back.',
    failed: 'This link could not be opened. Your own network is untouched.',
    tooLarge: 'The link is too large: at most {{chars}} characters, {{json}} once decompressed.',
    damaged: 'The link is damaged: part of it is missing or was changed. Ask for it again.',
    foreign: 'This is not a packetwalk link.',
    newer: 'This link was made by a newer version of packetwalk.',
    invalid: 'The network in the link has problems:',
    badWalk: 'The walk in the link does not fit its network.',
  },
} as const;
