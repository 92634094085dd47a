import type { TFunction } from 'i18next';
import { OTHER_KEY, NONE_KEY, UNKNOWN_KEY } from '@shared/calc/registry-summary';
import type { RegistrySummaryDimension } from '@shared/schemas/registry-summary';
import { countryName } from '@/lib/format';

function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The label of one cell of a summary dimension, in the interface language. */
export function cellLabel(t: TFunction, locale: string, dimension: RegistrySummaryDimension, key: string): string {
  if (key === UNKNOWN_KEY) return t('registry.summary.unknown');
  if (key === NONE_KEY) return t('registry.summary.none');
  if (key === OTHER_KEY) return t('registry.summary.other');
  switch (dimension) {
    case 'country':
      return countryName(key, locale);
    case 'sector':
      return t(`registry.sector.${key as 'other'}`, { defaultValue: key });
    case 'yearsAbroad':
      return t(`registry.yearsBand.${key as 'lt_1'}`, { defaultValue: key });
    case 'sex':
      return t(`registry.sex.${key as 'female'}`, { defaultValue: key });
    case 'group':
      return t(`registry.group.${key as 'government'}`, { defaultValue: key });
    case 'languages':
      return languageName(key, locale);
    default:
      return key;
  }
}
