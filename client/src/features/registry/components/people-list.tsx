import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CONSENT_STATUSES, PARTICIPANT_GROUPS, REGISTRY_SECTORS } from '@shared/enums';
import type { Person } from '@shared/schemas/registry';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input, Options, Select } from '@/components/ui/field';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { CountryOptions } from '@/components/ui/country-options';
import { buildUrl } from '@/lib/api-client';
import { countryName } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { usePeople, type PeopleFilters } from '../api/list-people';
import { usePeopleSearch } from '../api/search-people';
import { ConsentBadge, ErasedBadge, IllustrativeBadge } from './registry-badges';

const PAGE_SIZE = 25;

type PeopleListProps = { projectId: number; personHref: (id: number) => string };

/**
 * The people of a project's registry. Filters are non-personal; a name or e-mail search
 * is sent in a POST body and kept in component state only, never in the address.
 */
export function PeopleList({ projectId, personHref }: PeopleListProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [filters, setFilters] = useState<PeopleFilters>({});
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  const list = usePeople(projectId, { ...filters, page, pageSize: PAGE_SIZE });
  const search = usePeopleSearch(projectId, term);
  const active = term ? search : list;
  const data = active.data;

  const setFilter = <K extends keyof PeopleFilters>(key: K, value: PeopleFilters[K] | '') => {
    setPage(1);
    setFilters((f) => {
      const next = { ...f };
      if (value === '' || value === undefined) delete next[key];
      else next[key] = value as PeopleFilters[K];
      return next;
    });
  };

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setTerm(typed.trim());
  };
  const clearSearch = () => {
    setTyped('');
    setTerm('');
  };

  const from = data && data.total > 0 ? (page - 1) * PAGE_SIZE + 1 : 0;
  const to = data ? (term ? data.items.length : Math.min(page * PAGE_SIZE, data.total)) : 0;

  return (
    <div className="stack registry-people">
      <div className="filters">
        <form className="filters-search" role="search" onSubmit={submitSearch}>
          <Field label={t('registry.people.search')} hint={t('registry.people.searchHint')} className="filters-search-field">
            <Input type="search" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
          </Field>
          <Button type="submit" variant="primary">
            {t('registry.people.searchButton')}
          </Button>
          {term ? <Button onClick={clearSearch}>{t('registry.people.clearSearch')}</Button> : null}
        </form>
        {term ? null : (
          <div className="filters-grid">
            <Field label={t('registry.fields.country')}>
              <Select value={filters.country ?? ''} onChange={(e) => setFilter('country', e.target.value)}>
                <CountryOptions locale={locale} none={t('registry.filters.any')} />
              </Select>
            </Field>
            <Field label={t('registry.fields.sector')}>
              <Select value={filters.sector ?? ''} onChange={(e) => setFilter('sector', e.target.value as PeopleFilters['sector'])}>
                <option value="">{t('registry.filters.any')}</option>
                <Options values={REGISTRY_SECTORS} label={(s) => t(`registry.sector.${s}`)} />
              </Select>
            </Field>
            <Field label={t('registry.fields.group')}>
              <Select value={filters.group ?? ''} onChange={(e) => setFilter('group', e.target.value as PeopleFilters['group'])}>
                <option value="">{t('registry.filters.any')}</option>
                <Options values={PARTICIPANT_GROUPS} label={(g) => t(`registry.group.${g}`)} />
              </Select>
            </Field>
            <Field label={t('registry.fields.consent')}>
              <Select value={filters.consent ?? ''} onChange={(e) => setFilter('consent', e.target.value as PeopleFilters['consent'])}>
                <option value="">{t('registry.filters.any')}</option>
                <Options values={CONSENT_STATUSES} label={(c) => t(`registry.consentStatus.${c}`)} />
              </Select>
            </Field>
          </div>
        )}
      </div>

      <div className="toolbar">
        <p className="result-count" role="status">
          {data ? (term ? t('registry.people.searchCount', { count: data.total }) : t('registry.people.count', { count: data.total })) : ''}
        </p>
        <a className="btn btn-secondary btn-sm" href={buildUrl('/registry/people/contacts.csv', { projectId })} download>
          {t('registry.people.contactsCsv')}
        </a>
      </div>
      <p className="muted small">{t('registry.people.contactsHint')}</p>

      {active.isError ? <ErrorBanner error={active.error} onRetry={() => void active.refetch()} /> : null}
      {!data && !active.isError ? <LoadingBlock label={t('registry.people.loading')} /> : null}
      {data && data.items.length === 0 ? <EmptyState>{term ? t('registry.people.noMatches') : t('registry.people.empty')}</EmptyState> : null}
      {data && data.items.length > 0 ? (
        <TableScroll label={t('registry.people.title')}>
          <table className="table table-compact registry-table">
            <TableHead
              columns={[
                t('registry.fields.name'),
                t('registry.fields.consent'),
                t('registry.fields.country'),
                t('registry.fields.group'),
                t('registry.fields.sectors'),
                t('registry.fields.occupation'),
              ]}
            />
            <tbody>
              {data.items.map((p) => (
                <PersonRow key={p.id} person={p} href={personHref(p.id)} locale={locale} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {data && !term && data.total > PAGE_SIZE ? (
        <nav className="pagination" aria-label={t('common.pagination')}>
          <Button size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('common.previous')}
          </Button>
          <span>{t('common.pageRange', { from, to, total: data.total })}</span>
          <Button size="sm" disabled={page * PAGE_SIZE >= data.total} onClick={() => setPage((p) => p + 1)}>
            {t('common.next')}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}

function PersonRow({ person: p, href, locale }: { person: Person; href: string; locale: string }) {
  const { t } = useTranslation();
  const flagged = p.consent.status !== 'given';
  return (
    <tr className={flagged ? 'row-flagged' : undefined}>
      <th scope="row">
        <Link to={href}>{p.name}</Link> {p.illustrative ? <IllustrativeBadge /> : null} {p.erased ? <ErasedBadge /> : null}
      </th>
      <td>
        <ConsentBadge status={p.consent.status} />
      </td>
      <td>{p.country ? countryName(p.country, locale) : t('common.notSet')}</td>
      <td>{p.group ? t(`registry.group.${p.group}`) : t('common.notSet')}</td>
      <td>{p.sectors.length ? p.sectors.map((s) => t(`registry.sector.${s}`)).join(', ') : t('common.notSet')}</td>
      <td>{p.occupation ?? t('common.notSet')}</td>
    </tr>
  );
}
