import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@shared/locales';

type Catalogue = { default: Record<string, unknown> };

/**
 * Each catalogue is its own chunk and only the language in use is downloaded: on a slow
 * connection a Tajik reader does not pay for the English and Russian texts. A supported
 * language has no fallback to fetch as well; a test keeps every catalogue complete instead.
 * Each is cut in two (scripts/vite-locale-sections.ts): the sections the first screens
 * need, waited for at start-up, and the rest, fetched right after in the background.
 */
const catalogues: Record<Locale, { core: () => Promise<Catalogue>; rest: () => Promise<Catalogue> }> = {
  en: { core: () => import('@/locales/en.json?core'), rest: () => import('@/locales/en.json?rest') },
  ru: { core: () => import('@/locales/ru.json?core'), rest: () => import('@/locales/ru.json?rest') },
  tg: { core: () => import('@/locales/tg.json?core'), rest: () => import('@/locales/tg.json?rest') },
};

const complete = new Set<Locale>();
const completeListeners = new Set<() => void>();
let started = false;

const loading = new Map<Locale, Promise<void>>();

function loadRest(locale: Locale): Promise<void> {
  const pending = loading.get(locale);
  if (pending) return pending;
  const load = catalogues[locale]
    .rest()
    .then((module) => {
      i18n.addResourceBundle(locale, 'translation', module.default, true, true);
      complete.add(locale);
      for (const listener of completeListeners) listener();
    })
    .finally(() => loading.delete(locale));
  loading.set(locale, load);
  return load;
}

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    const locale = isLocale(language) ? language : DEFAULT_LOCALE;
    const fail = (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false);
    if (!started) {
      // Start-up: the first screen needs the core only; the rest arrives while it renders.
      started = true;
      catalogues[locale].core().then((core) => {
        callback(null, core.default as ResourceKey);
        loadRest(locale).catch(() => undefined);
      }, fail);
      return;
    }
    // A change of language on an open page: switch once every text is there.
    Promise.all([catalogues[locale].core(), catalogues[locale].rest()]).then(([core, rest]) => {
      callback(null, { ...core.default, ...rest.default } as ResourceKey);
      complete.add(locale);
      for (const listener of completeListeners) listener();
    }, fail);
  },
};

/** Whether every text of the interface language has arrived (not only the first screens'). */
export function useAllTexts(): boolean {
  return useSyncExternalStore(
    (listener) => {
      completeListeners.add(listener);
      return () => completeListeners.delete(listener);
    },
    () => complete.has(currentLocale()),
    () => true,
  );
}

/** Fetches the rest of the language's texts again (it may have failed on a lost connection). */
export function retryAllTexts(): void {
  const locale = currentLocale();
  if (!complete.has(locale)) loadRest(locale).catch(() => undefined);
}

export function isLocale(value: string | undefined | null): value is Locale {
  return value !== undefined && value !== null && (LOCALES as readonly string[]).includes(value);
}

/** The interface language as one of the supported locales. */
export function currentLocale(): Locale {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lng) ? lng : DEFAULT_LOCALE;
}

type PluralRuleSource = { getRule(code: string, options?: object): Intl.PluralRules | undefined };

/**
 * Runtimes without Tajik plural data (Chromium among them) answer `Intl.PluralRules('tg')`
 * with the rules of the browser's own language, so a phone set to Russian would ask for
 * `_few`/`_many` forms Tajik does not have. A Tajik noun does not change after a number;
 * its catalogue has `_one`/`_other`, which English rules pick the same way everywhere.
 */
function pinTajikPlurals(instance: typeof i18n): void {
  const resolver = instance.services.pluralResolver as PluralRuleSource;
  const getRule = resolver.getRule.bind(resolver);
  resolver.getRule = (code, options) => getRule(code === 'tg' || code.startsWith('tg-') ? 'en' : code, options);
}

/** <html lang> follows the interface, so screen readers speak Russian and Tajik as such. */
function syncDocumentLanguage(lng: string | undefined): void {
  // The detected code may carry a region (ru-RU); the page is in its language part.
  const language = lng?.split('-')[0];
  if (typeof document !== 'undefined') document.documentElement.lang = isLocale(language) ? language : DEFAULT_LOCALE;
}

const PICKED_KEY = 'hamkori.lang.picked';

/** A language chosen by hand before signing in (in this tab): signing in then keeps it. */
export function rememberPickedLanguage(locale: Locale): void {
  try {
    sessionStorage.setItem(PICKED_KEY, locale);
  } catch {
    // Storage refused (private mode): the account's saved language will apply instead.
  }
}

/** The language picked by hand on the sign-in page, once; null when none was. */
export function takePickedLanguage(): Locale | null {
  try {
    const picked = sessionStorage.getItem(PICKED_KEY);
    sessionStorage.removeItem(PICKED_KEY);
    return isLocale(picked) ? picked : null;
  } catch {
    return null;
  }
}

/**
 * Before sign-in the language comes from the last choice on this browser, then the
 * browser's own languages; once signed in the account's language wins. An account with
 * none yet takes this one at sign-in (the login request carries `currentLocale()`).
 */
export async function initI18n(lng?: Locale): Promise<typeof i18n> {
  if (i18n.isInitialized) {
    if (lng) await i18n.changeLanguage(lng);
    return i18n;
  }
  i18n.on('languageChanged', syncDocumentLanguage);
  await i18n
    .use(lazyCatalogues)
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      lng,
      // A supported language falls back to nothing (so nothing else is fetched); any other
      // browser language gets English.
      fallbackLng: { ...Object.fromEntries(LOCALES.map((l) => [l, []])), default: [DEFAULT_LOCALE] },
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
  pinTajikPlurals(i18n);
  syncDocumentLanguage(i18n.language);
  return i18n;
}

export { i18n };
