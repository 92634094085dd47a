/** Languages of the interface: English, Russian and Tajik (Cyrillic). */
export const LOCALES = ['en', 'ru', 'tg'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
