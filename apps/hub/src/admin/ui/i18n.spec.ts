import { DICTIONARIES } from './i18n.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('back-office translations', () => {
  const en = DICTIONARIES.en as Record<string, string>;
  const zh = DICTIONARIES.zh as Record<string, string>;

  it('have every English key in Chinese and no Chinese key without its English one', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty text, and the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      expect(en[key]?.trim()).not.toBe('');
      expect(zh[key]?.trim()).not.toBe('');
      expect(placeholders(zh[key] ?? '')).toEqual(placeholders(en[key] ?? ''));
    }
  });

  it('are really translated: most Chinese texts contain Chinese characters', () => {
    const translated = Object.keys(en).filter((key) => /[\u4e00-\u9fff]/.test(zh[key] ?? ''));
    expect(translated.length).toBeGreaterThan(Object.keys(en).length * 0.8);
  });
});
