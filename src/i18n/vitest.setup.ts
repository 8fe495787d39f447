// Unit tests translate into every language at once (i18n.getFixedT('zh-CN')); the app loads
// Chinese and part of English on demand (index.ts), so every test file starts with them loaded.
import { addEnglish, loadLanguage } from '.';

await Promise.all([loadLanguage('zh-CN'), addEnglish('help'), addEnglish('player'), addEnglish('predict')]);
