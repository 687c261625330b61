import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { knowTranslations, loadAllTranslations, loadLanguage, loadTranslations, wantLanguage } from './translations';

describe('module strings (app/translations.ts)', () => {
  it('registers both languages of a module loaded whole, and only the language shown of a split one', async () => {
    const asked: string[] = [];
    const split = {
      en: undefined,
      vi: undefined,
      languages: {
        en: async () => (asked.push('en'), { title: 'Widgets' }),
        vi: async () => (asked.push('vi'), { title: 'Tiện ích' }),
      },
    };
    wantLanguage('en');
    await loadTranslations([
      { key: 'wholeT', load: async () => ({ en: { title: 'Whole' }, vi: { title: 'Nguyên' } }) },
      { key: 'splitT', load: async () => split as never },
    ]);
    expect(i18n.getFixedT('vi')('wholeT.title')).toBe('Nguyên');
    expect(i18n.getFixedT('en')('splitT.title')).toBe('Widgets');
    expect(asked).toEqual(['en']);
    expect(i18n.exists('splitT.title', { lng: 'vi', fallbackLng: false })).toBe(false);

    // Switching: the other language loads once, then there is nothing left to wait for.
    const loading = loadLanguage('vi');
    expect(loading).not.toBeNull();
    await loading;
    expect(i18n.getFixedT('vi')('splitT.title')).toBe('Tiện ích');
    expect(loadLanguage('vi')).toBeNull();
    expect(loadLanguage('en')).toBeNull();
    expect(asked).toEqual(['en', 'vi']);
  });

  it('loads the language switched to while the modules were loading', async () => {
    const asked: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    wantLanguage('en');
    const done = loadTranslations([{
      key: 'lateT',
      load: async () => {
        await gate;
        return { en: undefined, vi: undefined, languages: { en: async () => (asked.push('en'), { a: 'A' }), vi: async () => (asked.push('vi'), { a: 'Á' }) } } as never;
      },
    }]);
    wantLanguage('vi');
    release();
    await done;
    expect(asked).toEqual(['vi']);
    expect(i18n.getFixedT('vi')('lateT.a')).toBe('Á');
    wantLanguage('en');
  });

  it('loads a module\'s strings once however often asked; loadAllTranslations loads every module\'s', async () => {
    let loads = 0;
    const once = { key: 'onceT', load: async () => (loads++, { en: { a: 'A' }, vi: { a: 'Á' } }) };
    wantLanguage('en');
    await Promise.all([loadTranslations([once]), loadTranslations([once])]);
    expect(i18n.exists('laterT.b')).toBe(false);
    knowTranslations([once, { key: 'laterT', load: async () => ({ en: { b: 'B' }, vi: { b: 'Bê' } }) }]);
    await loadAllTranslations();
    expect(loads).toBe(1);
    expect(i18n.getFixedT('vi')('laterT.b')).toBe('Bê');
  });

  it('asks again for strings whose load failed', async () => {
    let calls = 0;
    const flaky = { key: 'flakyT', load: async () => { calls++; if (calls === 1) throw new Error('offline'); return { en: { c: 'C' }, vi: { c: 'Cê' } }; } };
    await expect(loadTranslations([flaky])).rejects.toThrow('offline');
    await loadTranslations([flaky]);
    expect(i18n.getFixedT('en')('flakyT.c')).toBe('C');
  });
});
