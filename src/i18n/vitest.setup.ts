// Unit tests translate into every language at once (i18n.getFixedT('zh-CN')); the app loads
// Chinese on demand (index.ts), so every test file starts with it loaded.
import { loadLanguage } from '.';

await loadLanguage('zh-CN');
