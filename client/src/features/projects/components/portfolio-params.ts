import { ListProjectsQuery } from '@shared/schemas/project';
import type { ProjectListParams } from '../api/list-projects';

export const PORTFOLIO_FILTER_KEYS = ['q', 'status', 'type', 'region', 'memberState', 'year'] as const;
export type PortfolioFilterKey = (typeof PORTFOLIO_FILTER_KEYS)[number];
export type PortfolioFilterValues = Record<PortfolioFilterKey, string>;

export const PAGE_SIZE = 25;

/**
 * Reads the list's filters from the URL. Each value is checked on its own with the
 * shared query schema, so one bad parameter (an old bookmark) drops only itself.
 */
export function readPortfolioParams(search: URLSearchParams): { values: PortfolioFilterValues; page: number; params: ProjectListParams } {
  const values = Object.fromEntries(PORTFOLIO_FILTER_KEYS.map((k) => [k, ''])) as PortfolioFilterValues;
  const params: Record<string, string> = {};
  for (const key of PORTFOLIO_FILTER_KEYS) {
    const raw = search.get(key)?.trim();
    if (!raw) continue;
    if (!ListProjectsQuery.shape[key].safeParse(raw).success) continue;
    values[key] = raw;
    params[key] = raw;
  }
  const pageRaw = search.get('page') ?? '';
  const page = /^[1-9]\d{0,5}$/.test(pageRaw) ? Number(pageRaw) : 1;
  params.page = String(page);
  params.pageSize = String(PAGE_SIZE);
  return { values, page, params: params as ProjectListParams };
}
