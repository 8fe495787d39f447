import { describe, expect, test } from 'vitest';
import i18n, { detectLanguage, LANGUAGES, messages } from '.';

/** Every key path of a nested message object, with plural suffixes folded ("ports_one" → "ports"). */
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`] : keys(v as object, `${prefix}${k}.`),
  );
}

describe('messages', () => {
  test.each(LANGUAGES.map((l) => [l.code]))('%s has exactly the English keys', async (code) => {
    const english = new Set(keys(await messages('en')));
    expect(new Set(keys(await messages(code)))).toEqual(english);
  });

  test.each(LANGUAGES.map((l) => [l.code]))('%s has no empty message', async (code) => {
    const empty = (o: object): boolean => Object.values(o).some((v) => (typeof v === 'string' ? v.trim() === '' : empty(v as object)));
    expect(empty(await messages(code))).toBe(false);
  });

  test('plurals and interpolation work in both languages', async () => {
    expect(i18n.getFixedT('en')('run.events', { count: 1 })).toBe('1 trace event');
    expect(i18n.getFixedT('en')('run.events', { count: 82 })).toBe('82 trace events');
    expect(i18n.getFixedT('zh-CN')('run.events', { count: 82 })).toBe('82 个跟踪事件');
  });
});

describe('detectLanguage', () => {
  test.each([
    ['nothing stored, English browser', null, ['en-US', 'en'], 'en'],
    ['nothing stored, Chinese browser', null, ['zh-CN', 'zh'], 'zh-CN'],
    ['plain zh', null, ['zh'], 'zh-CN'],
    ['Traditional Chinese still reads zh-CN', null, ['zh-TW'], 'zh-CN'],
    ['the first spoken preference wins', null, ['en-GB', 'zh-CN'], 'en'],
    ['unspoken preferences are skipped', null, ['fr-FR', 'zh-CN'], 'zh-CN'],
    ['no preference at all', null, [], 'en'],
    ['a stored choice beats the browser', 'zh-CN', ['en-US'], 'zh-CN'],
    ['a stored value the app does not speak is ignored', 'klingon', ['zh-CN'], 'zh-CN'],
  ] as const)('%s', (_what, stored, preferred, expected) => {
    expect(detectLanguage(stored, preferred)).toBe(expected);
  });
});
