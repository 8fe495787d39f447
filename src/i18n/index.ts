// Internationalisation. The language is the one the user chose (remembered in localStorage),
// else the first of the browser's preferred languages that the app speaks, else English. Every
// string a user sees goes through `t()` with a key from locales/en.ts.

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { playerEn } from './locales/player.en';
import { playerZhCN } from './locales/player.zh-CN';
import { zhCN } from './locales/zh-CN';

/** The languages the app speaks, each named in itself (for the language menu). */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '中文' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

/** Where the chosen language is remembered. */
export const LANGUAGE_STORAGE_KEY = 'packetwalk.language';

// The player's messages live in their own modules (locales/player.*.ts), merged here under `player`.
const enAll = { ...en, player: playerEn };

export const resources = {
  en: { translation: enAll },
  'zh-CN': { translation: { ...zhCN, player: playerZhCN } },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof enAll };
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

/** Switches the app's language and remembers the choice. */
export function setLanguage(lng: Language): Promise<unknown> {
  storage()?.setItem(LANGUAGE_STORAGE_KEY, lng);
  return i18n.changeLanguage(lng);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(storage()?.getItem(LANGUAGE_STORAGE_KEY) ?? null, browserLanguages()),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.code),
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

function reflectLanguage(lng: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.title = i18n.t('app.documentTitle');
}
reflectLanguage(i18n.language);
i18n.on('languageChanged', reflectLanguage);

export default i18n;
