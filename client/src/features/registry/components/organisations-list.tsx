import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { countryName } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useOrganisations } from '../api/organisations';
import { OrganisationForm } from './organisation-form';
import { IllustrativeBadge } from './registry-badges';

type OrganisationsListProps = {
  projectId: number;
  canEdit: boolean;
  organisationHref: (id: number) => string;
  personHref: (id: number) => string;
};

export function OrganisationsList({ projectId, canEdit, organisationHref, personHref }: OrganisationsListProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const organisations = useOrganisations(projectId);
  const [adding, setAdding] = useState(false);
  const items = organisations.data?.items;

  return (
    <div className="stack">
      {canEdit ? (
        adding ? (
          <OrganisationForm projectId={projectId} onDone={() => setAdding(false)} />
        ) : (
          <div className="button-row">
            <Button onClick={() => setAdding(true)}>{t('registry.organisations.add')}</Button>
          </div>
        )
      ) : null}
      {organisations.isError ? <ErrorBanner error={organisations.error} onRetry={() => void organisations.refetch()} /> : null}
      {organisations.isPending ? <LoadingBlock label={t('registry.organisations.loading')} /> : null}
      {items && items.length === 0 ? <EmptyState>{t('registry.organisations.empty')}</EmptyState> : null}
      {items && items.length > 0 ? (
        <TableScroll label={t('registry.organisations.title')}>
          <table className="table table-compact">
            <TableHead
              columns={[
                t('registry.fields.name'),
                t('registry.organisations.type'),
                t('registry.fields.country'),
                t('registry.organisations.contactPerson'),
                { label: t('registry.organisations.members'), numeric: true },
                { label: t('registry.organisations.engagements'), numeric: true },
              ]}
            />
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={organisationHref(o.id)}>{o.name}</Link> {o.illustrative ? <IllustrativeBadge /> : null}
                  </th>
                  <td>{t(`registry.orgType.${o.type}`)}</td>
                  <td>
                    {countryName(o.country, locale)}
                    {o.city ? `, ${o.city}` : ''}
                  </td>
                  <td>
                    {o.contactPerson === null ? (
                      t('common.notSet')
                    ) : o.contactPerson.erased ? (
                      o.contactPerson.name
                    ) : (
                      <Link to={personHref(o.contactPerson.id)}>{o.contactPerson.name}</Link>
                    )}
                  </td>
                  <td className="num">{o.memberCount}</td>
                  <td className="num">{o.engagements.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}
