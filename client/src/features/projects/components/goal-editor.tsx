import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProjectSchema, UpdateProjectInput, type Project } from '@shared/schemas/project';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Textarea } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { describeSaveError } from '@/lib/save-errors';
import { projectsKeys } from '../api/query-keys';
import { useUpdateProject } from '../api/update-project';

type GoalEditorProps = { project: Project; canEdit: boolean; onSaved?: (project: Project) => void };

/** The project's goal (overall objective), edited in place. */
export function GoalEditor({ project, canEdit, onSaved }: GoalEditorProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [goal, setGoal] = useState(project.goal);
  const [version, setVersion] = useState(project.version);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const mutation = useUpdateProject({
    onSuccess: (saved) => {
      setEditing(false);
      onSaved?.(saved);
    },
  });
  const saveError = describeSaveError(t, mutation.error);
  const errors = { ...saveError.fieldErrors, ...clientErrors };

  const start = () => {
    setGoal(project.goal);
    setVersion(project.version);
    mutation.reset();
    setEditing(true);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = UpdateProjectInput.safeParse({ version, goal });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setClientErrors({});
    mutation.mutate({ id: project.id, input: parsed.data });
  };
  const reload = () => {
    const current = isApiError(mutation.error) ? mutation.error.current(ProjectSchema) : null;
    if (current) {
      queryClient.setQueryData(projectsKeys.detail(current.id), current);
      setGoal(current.goal);
      setVersion(current.version);
    }
    mutation.reset();
  };

  if (!editing) {
    return (
      <div className="goal">
        {project.goal ? <p className="goal-text">{project.goal}</p> : <p className="muted">{t('results.noGoal')}</p>}
        {canEdit ? (
          <Button size="sm" onClick={start}>
            {t('results.editGoal')}
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <form className="form goal-form" onSubmit={submit} noValidate>
      {saveError.isConflict ? <ConflictNotice onReload={reload} /> : null}
      {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
      <Field label={t('projects.fields.goal')} error={errors.goal}>
        <Textarea rows={3} value={goal} onChange={(e) => setGoal(e.target.value)} autoFocus />
      </Field>
      <div className="form-actions">
        <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {t('results.saveGoal')}
        </Button>
      </div>
    </form>
  );
}
