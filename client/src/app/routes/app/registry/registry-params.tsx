import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { IdSchema } from '@shared/schemas/common';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { paths } from '../../../paths';
import { ProjectCrumbs } from '../projects/project-page';

/** A numeric id from the address (ids only: registry addresses never hold a name or an e-mail). */
export function useRegistryIdParam(name: 'projectId' | 'personId' | 'organisationId'): number | null {
  const params = useParams();
  const parsed = IdSchema.safeParse(params[name] ?? '');
  return parsed.success ? parsed.data : null;
}

/** Personal registry pages are for admins and managers; everyone else goes to the summary. */
export function PersonalOnly({ projectId, children }: { projectId: number; children: ReactNode }) {
  const user = useSessionUser();
  if (!hasPermission(user.role, 'registry:read-personal')) return <Navigate to={paths.registrySummary(projectId)} replace />;
  return <>{children}</>;
}

export function RegistryEyebrow({ projectId, code, last }: { projectId: number; code: string | undefined; last?: 'registry' }) {
  const { t } = useTranslation();
  return (
    <ProjectCrumbs projectId={projectId} code={code}>
      {last === 'registry' ? <Link to={paths.registry(projectId)}>{t('registry.title')}</Link> : null}
    </ProjectCrumbs>
  );
}
