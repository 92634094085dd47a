import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@shared/locales';
import { currentLocale, rememberPickedLanguage } from '@/lib/i18n';
import { useUpdatePreferences } from '../api/update-preferences';

/** EN / RU / TG. Signed-in users keep their choice on their account; one made before signing in is saved at sign-in. */
export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const preferences = useUpdatePreferences();
  const active = currentLocale();

  const choose = (locale: Locale) => {
    if (locale === active) return;
    void i18n.changeLanguage(locale);
    if (signedIn) preferences.mutate({ locale });
    else rememberPickedLanguage(locale);
  };

  return (
    <div className="lang-switcher" role="group" aria-label={t('shell.language')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          className="lang-option"
          aria-pressed={locale === active}
          lang={locale}
          title={t(`languages.${locale}`)}
          onClick={() => choose(locale)}
        >
          <span aria-hidden="true">{locale.toUpperCase()}</span>
          <span className="visually-hidden">{t(`languages.${locale}`)}</span>
        </button>
      ))}
    </div>
  );
}
