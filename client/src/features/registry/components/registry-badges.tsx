import { useTranslation } from 'react-i18next';
import type { ConsentStatus } from '@shared/enums';
import { Badge } from '@/components/ui/badge';

/** Consent as text with a tone: people without current consent must stand out without colour. */
export function ConsentBadge({ status }: { status: ConsentStatus }) {
  const { t } = useTranslation();
  if (status === 'given') return <Badge tone="success">{t('registry.consentStatus.given')}</Badge>;
  return (
    <Badge tone={status === 'withdrawn' ? 'danger' : 'warning'} title={t('registry.consentFlagHint')}>
      <span aria-hidden="true">⚠ </span>
      {t(`registry.consentStatus.${status}`)}
    </Badge>
  );
}

/** Seeded demo people and organisations are invented: say so wherever they appear. */
export function IllustrativeBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="muted" title={t('registry.illustrativeHint')}>
      {t('common.illustrative')}
    </Badge>
  );
}

export function ErasedBadge() {
  const { t } = useTranslation();
  return <Badge tone="neutral">{t('registry.erased')}</Badge>;
}
