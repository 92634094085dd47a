import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Project } from '@shared/schemas/project';
import { TableScroll } from '@/components/ui/layout';
import { TableHead } from '@/components/ui/table-head';
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
        <TableHead
          columns={[
            t('projects.fields.code'),
            t('projects.fields.title'),
            t('projects.table.status'),
            t('projects.table.type'),
            t('projects.fields.region'),
            t('projects.table.memberStates'),
            t('projects.fields.coverage'),
            t('projects.fields.years'),
            { label: t('projects.fields.budget'), numeric: true },
          ]}
        />
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
