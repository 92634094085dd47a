import { describe, expect, it } from 'vitest';
import en from '@/locales/en.json';
import ru from '@/locales/ru.json';
import tg from '@/locales/tg.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('Locale catalogues', () => {
  it.each([
    ['ru', ru],
    ['tg', tg],
  ])('%s has exactly the keys of the English catalogue', (_name, catalogue) => {
    const english = keys(en).filter((k) => !/_(one|other)$/.test(k));
    const other = new Set(keys(catalogue));
    expect(english.filter((k) => !other.has(k))).toEqual([]);
  });
});
