import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Page · Hamkori" in the tab, so each screen is announced by its name. */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}
