// Internationalisation. The language is the one the user chose (remembered in localStorage),
// else the first of the browser's preferred languages that the app speaks, else English. Every
// string a user sees goes through `t()` with a key from locales/en.ts. English is built in (but
// for the help dialog's, which comes with the dialog, and the player's, predict mode's and the
// slide's, which come with the player and the "Walk a packet" form);
// Chinese (zh-CN.ts, which gathers the zh-CN modules) is its own chunk, loaded when the app
// starts in Chinese (main.tsx waits for `i18nReady`) or switches to it.

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import type { GeneratorMessages } from './locales/generator.en';
import type { VlanMessages } from './locales/vlan.en';
import type { InspectorLaterMessages, NatMessages, SyntaxMessages, ViewsMessages } from './locales/inspector.en';
import { lessonsEn } from './locales/lessons.en';
import type { lessonsOpenEn } from './locales/lessons.open.en';
import type { PlayerMessages } from './locales/player.en';
import type { HelpMessages } from './locales/help.en';
import type { PredictMessages } from './locales/predict.en';
import type { ShellMessages } from './locales/shell.en';

/** The languages the app speaks, each named in itself (for the language menu). */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '中文' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

/** Where the chosen language is remembered. */
export const LANGUAGE_STORAGE_KEY = 'packetwalk.language';

// The player's messages live in their own modules (locales/player.*.ts), merged here under `player`;
// predict mode's and the slide export's (locales/predict.*.ts) under `predict`; shared links' and
// lessons' (locales/lessons.*.ts) under `lessons`; "Generate data center…" (locales/generator.*.ts)
// under `generator`; the inspector's VLAN section's (locales/vlan.*.ts) under `vlan`; the device inspector's other sections' (locales/inspector.*.ts) merged into `inspector`, and its NAT section's, views' and syntax messages' under `nat`, `views` and `syntax`. Each zh-CN module is merged the same way in ./zh-CN.ts. The help dialog's
// English (locales/help.en.ts) comes with the dialog, the player's and predict mode's
// (locales/player.en.ts, locales/predict.en.ts) with the player, the generator's with its dialog,
// and what opening a link or a lesson says (locales/lessons.open.en.ts) with the first one opened:
// each adds its part (`addEnglish`). The first load carries en.ts and the Lessons menu's words.
const enAll = { ...en, lessons: lessonsEn };
const LATER_EN = {
  help: () => import('./locales/help.en').then((m) => m.helpEn),
  player: () => import('./locales/player.en').then((m) => m.playerEn),
  predict: () => import('./locales/predict.en').then((m) => m.predictEn),
  generator: () => import('./locales/generator.en').then((m) => m.generatorEn),
  shell: () => import('./locales/shell.en').then((m) => m.shellEn),
  vlan: () => import('./locales/vlan.en').then((m) => m.vlanEn),
  // merged into `inspector` (en.ts, on the first load) by addEnglish: the device inspector's sections
  inspector: () => import('./locales/inspector.en').then((m) => m.inspectorLaterEn),
  nat: () => import('./locales/inspector.en').then((m) => m.natEn),
  views: () => import('./locales/inspector.en').then((m) => m.viewsEn),
  syntax: () => import('./locales/inspector.en').then((m) => m.syntaxEn),
  // merged into `lessons` (lessons.en.ts, on the first load) by addEnglish
  lessons: () => import('./locales/lessons.open.en').then((m) => m.lessonsOpenEn),
};

/** Each language's messages (the same keys as English: i18n.test.ts): English at once, the others from their own chunk. */
const LOADERS: Record<Language, () => Promise<object>> = {
  en: async () => ({
    ...enAll,
    help: await LATER_EN.help(),
    player: await LATER_EN.player(),
    predict: await LATER_EN.predict(),
    generator: await LATER_EN.generator(),
    shell: await LATER_EN.shell(),
    vlan: await LATER_EN.vlan(),
    inspector: { ...en.inspector, ...(await LATER_EN.inspector()) },
    nat: await LATER_EN.nat(),
    views: await LATER_EN.views(),
    syntax: await LATER_EN.syntax(),
    lessons: { ...lessonsEn, ...(await LATER_EN.lessons()) },
  }),
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCNAll),
};

/** The messages of a language (loaded once). */
export const messages = (lng: Language): Promise<object> => LOADERS[lng]();

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Omit<typeof enAll, 'inspector'> & { inspector: (typeof enAll)['inspector'] & InspectorLaterMessages; nat: NatMessages; views: ViewsMessages; syntax: SyntaxMessages; help: HelpMessages; player: PlayerMessages; predict: PredictMessages; generator: GeneratorMessages; shell: ShellMessages; vlan: VlanMessages; lessons: typeof lessonsOpenEn };
    };
  }
}

/** The language the app uses for a BCP 47 tag, or undefined when it speaks none close to it. */
export function matchLanguage(tag: string): Language | undefined {
  const lower = tag.toLowerCase();
  if (LANGUAGES.some((l) => l.code.toLowerCase() === lower)) return LANGUAGES.find((l) => l.code.toLowerCase() === lower)!.code;
  // Any Chinese (zh, zh-Hans, zh-TW, …) reads zh-CN better than English; any English reads en.
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** The stored choice, else the first preferred language the app speaks, else English. */
export function detectLanguage(stored: string | null, preferred: readonly string[]): Language {
  const chosen = stored !== null ? LANGUAGES.find((l) => l.code === stored) : undefined;
  if (chosen) return chosen.code;
  for (const tag of preferred) {
    const lng = matchLanguage(tag);
    if (lng) return lng;
  }
  return 'en';
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled (privacy settings): the choice lasts for this page only
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** Adds English messages that the first load does not carry (the help dialog, the player, the generator and opening a link or a lesson call it as they load). */
export async function addEnglish(part: keyof typeof LATER_EN): Promise<void> {
  i18n.addResourceBundle('en', 'translation', { [part]: await LATER_EN[part]() }, true, false);
}

/** Makes a language's messages available to `t()` (loading them the first time). */
export async function loadLanguage(lng: Language): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', await messages(lng));
}

/** Switches the app's language (once its messages are there) and remembers the choice. */
export async function setLanguage(lng: Language): Promise<unknown> {
  storage()?.setItem(LANGUAGE_STORAGE_KEY, lng);
  await loadLanguage(lng);
  return i18n.changeLanguage(lng);
}

const initial = detectLanguage(storage()?.getItem(LANGUAGE_STORAGE_KEY) ?? null, browserLanguages());

void i18n.use(initReactI18next).init({
  resources: { en: { translation: enAll } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.code),
  interpolation: { escapeValue: false }, // React escapes
  // Messages added later (the player's, the help's) re-render what was shown before they came.
  react: { bindI18nStore: 'added' },
  initAsync: false,
});

function reflectLanguage(lng: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.title = i18n.t('app.documentTitle');
}
reflectLanguage(i18n.language);
i18n.on('languageChanged', reflectLanguage);

/**
 * Resolves when the language the app starts in can be shown (at once for English). Until then
 * `t()` falls back to English. A language that cannot be loaded leaves the app in English.
 */
export const i18nReady: Promise<void> =
  initial === 'en' ? Promise.resolve() : loadLanguage(initial).then(() => i18n.changeLanguage(initial).then(() => undefined), () => undefined);

export default i18n;
