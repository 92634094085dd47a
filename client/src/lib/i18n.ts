import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@shared/locales';
import en from '@/locales/en.json';
import ru from '@/locales/ru.json';
import tg from '@/locales/tg.json';

export const resources = {
  en: { translation: en },
  ru: { translation: ru },
  tg: { translation: tg },
} as const;

export function isLocale(value: string | undefined | null): value is Locale {
  return value !== undefined && value !== null && (LOCALES as readonly string[]).includes(value);
}

/** The interface language as one of the supported locales. */
export function currentLocale(): Locale {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lng) ? lng : DEFAULT_LOCALE;
}

function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = isLocale(lng) ? lng : DEFAULT_LOCALE;
}

/**
 * Before sign-in the language comes from the last choice on this browser, then the
 * browser's own languages; once signed in the user's saved preference wins.
 */
export async function initI18n(lng?: Locale): Promise<typeof i18n> {
  if (i18n.isInitialized) {
    if (lng) await i18n.changeLanguage(lng);
    return i18n;
  }
  i18n.on('languageChanged', syncDocumentLanguage);
  await i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      lng,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...LOCALES],
      load: 'languageOnly',
      nonExplicitSupportedLngs: true,
      interpolation: { escapeValue: false },
      showSupportNotice: false,
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: 'hamkori.lang',
        caches: ['localStorage'],
      },
    });
  syncDocumentLanguage(i18n.language);
  return i18n;
}

export { i18n };
