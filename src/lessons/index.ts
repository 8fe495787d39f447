// The lessons as the app loads them, on demand (a dynamic import of this module): their data,
// their narratives in every language, and how their key steps are found in a walk.

export { LESSONS, findLesson, lessonNetwork } from './lessons';
export { resolveKeySteps } from './anchors';
export { textEn } from './text.en';
export { textZhCN } from './text.zh-CN';
export type { LessonsText } from './text.en';
