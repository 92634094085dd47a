import { useTranslation } from 'react-i18next';
import type { Project } from '@shared/schemas/project';
import { DefinitionList } from '@/components/ui/layout';
import { countryName, formatDate, formatMoney } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { ProjectStatusBadge } from './project-badges';

/** The project's record fields, laid out like the published project page. */
export function ProjectRecord({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const dash = t('common.notSet');
  const start = project.plannedStart ? formatDate(project.plannedStart, locale) : String(project.startYear);
  const end = project.plannedEnd ? formatDate(project.plannedEnd, locale) : String(project.endYear);
  return (
    <DefinitionList
      items={[
        { key: 'code', term: t('projects.fields.code'), value: <span className="mono">{project.code}</span> },
        { key: 'org', term: t('projects.fields.implementingOrg'), value: project.implementingOrg || dash },
        { key: 'funder', term: t('projects.fields.funder'), value: project.funder || dash },
        { key: 'start', term: t('projects.fields.startDate'), value: start },
        { key: 'end', term: t('projects.fields.endDate'), value: end },
        { key: 'status', term: t('projects.fields.status'), value: <ProjectStatusBadge status={project.status} /> },
        { key: 'type', term: t('projects.fields.type'), value: t(`enums.projectType.${project.type}`) },
        { key: 'budget', term: t('projects.fields.budget'), value: formatMoney(project.budget, locale) },
        { key: 'coverage', term: t('projects.fields.coverage'), value: t(`enums.coverage.${project.coverage}`) },
        { key: 'year', term: t('projects.fields.year'), value: String(project.startYear) },
        { key: 'region', term: t('projects.fields.region'), value: t(`enums.region.${project.region}`) },
        {
          key: 'states',
          term: t('projects.fields.memberStates'),
          value: project.memberStates.map((c) => countryName(c, locale)).join(', ') || dash,
        },
      ]}
    />
  );
}
