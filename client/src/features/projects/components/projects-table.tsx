import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Project } from '@shared/schemas/project';
import { TableScroll } from '@/components/ui/layout';
import { countryName, formatMoney, formatYears } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { IllustrativeBadge, ProjectStatusBadge } from './project-badges';

type ProjectsTableProps = { projects: Project[]; projectHref: (id: number) => string };

export function ProjectsTable({ projects, projectHref }: ProjectsTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <TableScroll label={t('projects.tableLabel')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('projects.fields.code')}</th>
            <th scope="col">{t('projects.fields.title')}</th>
            <th scope="col">{t('projects.table.status')}</th>
            <th scope="col">{t('projects.table.type')}</th>
            <th scope="col">{t('projects.fields.region')}</th>
            <th scope="col">{t('projects.table.memberStates')}</th>
            <th scope="col">{t('projects.fields.coverage')}</th>
            <th scope="col">{t('projects.fields.years')}</th>
            <th scope="col" className="num">
              {t('projects.fields.budget')}
            </th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.id}>
              <td className="nowrap mono">{p.code}</td>
              <td className="cell-title">
                <Link to={projectHref(p.id)}>{p.title}</Link>
                {p.illustrative ? (
                  <>
                    {' '}
                    <IllustrativeBadge />
                  </>
                ) : null}
              </td>
              <td>
                <ProjectStatusBadge status={p.status} />
              </td>
              <td>{t(`enums.projectType.${p.type}`)}</td>
              <td>{t(`enums.region.${p.region}`)}</td>
              <td>{p.memberStates.map((c) => countryName(c, locale)).join(', ')}</td>
              <td>{t(`enums.coverage.${p.coverage}`)}</td>
              <td className="nowrap">{formatYears(p.startYear, p.endYear)}</td>
              <td className="num nowrap">{formatMoney(p.budget, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
