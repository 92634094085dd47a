import { useTranslation } from 'react-i18next';
import { LoadingBlock } from '@/components/ui/spinner';

/** Shown while the first page's code arrives. */
export function PageLoading() {
  const { t } = useTranslation();
  return <LoadingBlock label={t('common.loading')} />;
}
