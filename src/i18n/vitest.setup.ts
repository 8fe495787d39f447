// Unit tests translate into every language at once (i18n.getFixedT('zh-CN')); the app loads
// Chinese and parts of English on demand (index.ts), so every test file starts with them all loaded.
import { addEnglish, loadLanguage } from '.';

await Promise.all([loadLanguage('zh-CN'), addEnglish('help'), addEnglish('player'), addEnglish('predict'), addEnglish('generator'), addEnglish('lessons')]);
