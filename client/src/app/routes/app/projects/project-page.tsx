import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Project } from '@shared/schemas/project';
import { PageHeader } from '@/components/ui/layout';
import { useProject } from '@/features/projects/api/get-project';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from './use-project-id';

/** The route shell of a page about one project: an address whose id is not a number is a 404. */
export function projectRoute(Page: ComponentType<{ projectId: number }>) {
  return function ProjectRoute() {
    const projectId = useIdParam('projectId');
    return projectId === null ? <NotFound /> : <Page projectId={projectId} />;
  };
}

/**
 * Loads the project a page is about and names the browser tab after it. Until the project is
 * there the page shows `fallback`: a spinner, a 404 or the error with a retry.
 */
export function useProjectPage(projectId: number, title: (project: Project) => string, loadingLabel?: string) {
  const { t } = useTranslation();
  const query = useProject(projectId);
  useDocumentTitle(query.data ? title(query.data) : null);
  return { project: query.data, fallback: <QueryState query={query} label={loadingLabel ?? t('projects.loadingOne')} /> };
}

type ProjectCrumbsProps = { projectId: number; code: string | undefined; children?: ReactNode };

/** The way back: the portfolio, the project, then whatever the page adds. */
export function ProjectCrumbs({ projectId, code, children }: ProjectCrumbsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Link to={paths.projects}>{t('projects.title')}</Link>
      <span aria-hidden="true"> / </span>
      <Link to={paths.project(projectId)}>{code ?? t('activities.project')}</Link>
      {children ? (
        <>
          <span aria-hidden="true"> / </span>
          {children}
        </>
      ) : null}
    </>
  );
}

type ProjectPageHeaderProps = { project: Project; title: ReactNode; actions?: ReactNode; eyebrow?: ReactNode };

/** The header of a page within a project: the way back, the page's name, and the project's title beneath. */
export function ProjectPageHeader({ project, title, actions, eyebrow }: ProjectPageHeaderProps) {
  return (
    <PageHeader eyebrow={eyebrow ?? <ProjectCrumbs projectId={project.id} code={project.code} />} title={title} actions={actions}>
      <p className="page-lead">{project.title}</p>
    </PageHeader>
  );
}
