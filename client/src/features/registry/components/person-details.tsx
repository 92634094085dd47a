import { useTranslation } from 'react-i18next';
import type { Person } from '@shared/schemas/registry';
import type { Organisation } from '@shared/schemas/registry-organisation';
import { DefinitionList } from '@/components/ui/layout';
import { countryName, formatDateTime } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';

type PersonDetailsProps = { person: Person; organisations: Organisation[]; organisationHref: (id: number) => string };

/** Every field of a person, as recorded. */
export function PersonDetails({ person: p, organisations }: PersonDetailsProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const none = t('common.notSet');
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return (
    <DefinitionList
      items={[
        { key: 'sex', term: t('registry.fields.sex'), value: t(`registry.sex.${p.sex}`) },
        { key: 'birthYear', term: t('registry.fields.birthYear'), value: p.birthYear ?? none },
        { key: 'group', term: t('registry.fields.group'), value: p.group ? t(`registry.group.${p.group}`) : none },
        { key: 'country', term: t('registry.fields.country'), value: p.country ? countryName(p.country, locale) : none },
        { key: 'city', term: t('registry.fields.city'), value: p.city ?? none },
        { key: 'yearsAbroad', term: t('registry.fields.yearsAbroad'), value: p.yearsAbroad ?? none },
        { key: 'occupation', term: t('registry.fields.occupation'), value: p.occupation ?? none },
        {
          key: 'sectors',
          term: t('registry.fields.sectors'),
          value: p.sectors.length ? p.sectors.map((s) => t(`registry.sector.${s}`)).join(', ') : none,
        },
        { key: 'skills', term: t('registry.fields.skills'), value: p.skills.length ? p.skills.join(', ') : none },
        { key: 'languages', term: t('registry.fields.languages'), value: p.languages.length ? p.languages.join(', ') : none },
        { key: 'email', term: t('registry.fields.email'), value: p.email ?? none },
        { key: 'phone', term: t('registry.fields.phone'), value: p.phone ?? none },
        {
          key: 'organisations',
          term: t('registry.fields.organisations'),
          value: p.organisationIds.length ? p.organisationIds.map((id) => orgName.get(id) ?? `#${id}`).join('; ') : none,
        },
        { key: 'notes', term: t('registry.fields.notes'), value: p.notes ?? none },
        { key: 'updated', term: t('registry.fields.updatedAt'), value: formatDateTime(p.updatedAt, locale) },
      ]}
    />
  );
}
