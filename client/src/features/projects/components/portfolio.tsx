import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorBanner } from '@/components/ui/error-banner';
import { EmptyState } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useProjects } from '../api/list-projects';
import { PAGE_SIZE, PORTFOLIO_FILTER_KEYS, readPortfolioParams, type PortfolioFilterKey } from './portfolio-params';
import { PortfolioFilters } from './portfolio-filters';
import { ProjectsTable } from './projects-table';

type PortfolioProps = { projectHref: (id: number) => string };

/** The portfolio: filters kept in the URL, the matching projects, and paging. */
export function Portfolio({ projectHref }: PortfolioProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const { values, page, params } = readPortfolioParams(searchParams);
  const projectsQuery = useProjects(params);

  const changeFilter = (key: PortfolioFilterKey, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setSearchParams(next);
  };
  const clearFilters = () => {
    const next = new URLSearchParams(searchParams);
    for (const key of PORTFOLIO_FILTER_KEYS) next.delete(key);
    next.delete('page');
    setSearchParams(next);
  };
  const pageHref = (n: number) => {
    const next = new URLSearchParams(searchParams);
    if (n <= 1) next.delete('page');
    else next.set('page', String(n));
    const s = next.toString();
    return s ? `?${s}` : '?';
  };

  const data = projectsQuery.data;
  const total = data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);

  return (
    <div className="portfolio">
      <PortfolioFilters values={values} onChange={changeFilter} onClear={clearFilters} />
      {projectsQuery.isPending ? <LoadingBlock label={t('projects.loading')} /> : null}
      {projectsQuery.isError ? <ErrorBanner error={projectsQuery.error} onRetry={() => void projectsQuery.refetch()} /> : null}
      {data ? (
        <>
          <p className="result-count" role="status" aria-live="polite">
            {t('projects.count', { count: total, formatted: formatNumber(total, locale) })}
          </p>
          {data.items.length === 0 ? (
            <EmptyState>{t('projects.empty')}</EmptyState>
          ) : (
            <ProjectsTable projects={data.items} projectHref={projectHref} />
          )}
          {lastPage > 1 ? (
            <nav className="pagination" aria-label={t('common.pagination')}>
              {page > 1 ? <Link to={pageHref(page - 1)}>{t('common.previous')}</Link> : <span />}
              <span>{t('common.pageRange', { from, to, total })}</span>
              {page < lastPage ? <Link to={pageHref(page + 1)}>{t('common.next')}</Link> : <span />}
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
