// English messages of opening a shared link or a lesson (src/ui/share/openLink.ts,
// src/ui/lessons/openLesson.ts), the lesson block in the player and the help's paragraphs on
// links and lessons: loaded with the first link or lesson opened (or the help), not with the
// page. i18n/index.ts merges it under `lessons`, beside lessons.en.ts.

export const lessonsOpenEn = {
  opening: 'Opening the lesson “{{title}}”…',
  failed: 'The lesson could not be opened',
  noLesson: 'There is no lesson named “{{id}}”.',
  lesson: 'Lesson {{n}}: {{title}}',
  keyStep: 'Key step {{n}} of {{count}}',
  walk: 'Walk {{n}} of {{count}}',
  previousWalk: 'Previous walk',
  nextWalk: 'Next walk',
  introduction: 'Introduction',
  fromStep: 'from step {{step}}',
  notKey: 'Step {{step}} is between key steps.',
  previous: 'Previous key step',
  next: 'Next key step',
  firstKey: 'This is the lesson’s first key step.',
  lastKey: 'This is the lesson’s last key step.',
  finished: 'End of the lesson. Step through the rest freely, or pick another lesson.',
  help: {
    share:
      'Share (the icon beside Help) copies a link that opens this network, this walk and this step, for anyone: everything is in the link itself (after #), nothing goes to a server. Opening a link or a lesson does not replace your own network: it stays saved in this browser until you edit the opened one, and “Back to my own network” in the Lessons menu brings it back.',
    lessons:
      'Lessons (in the header) walk through one idea each on a prepared network, with a short text at the key steps: “Next key step” jumps from one to the next. A lesson has its own link too (#lesson=same-subnet&step=5).',
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
    badCut: 'The walk in the link cuts the link of {{iface}}, which its network does not have.',
  },
} as const;
