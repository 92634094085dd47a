import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProjectSchema, UpdateProjectInput, type Project } from '@shared/schemas/project';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { projectsKeys } from '../api/query-keys';
import { useUpdateProject } from '../api/update-project';

type GoalEditorProps = { project: Project; canEdit: boolean; onSaved?: (project: Project) => void };

/** The project's goal (overall objective), edited in place. */
export function GoalEditor({ project, canEdit, onSaved }: GoalEditorProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);

  if (!editing) {
    return (
      <div className="goal">
        {project.goal ? <p className="goal-text">{project.goal}</p> : <p className="muted">{t('results.noGoal')}</p>}
        {canEdit ? (
          <Button size="sm" onClick={() => setEditing(true)}>
            {t('results.editGoal')}
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <GoalForm
      project={project}
      onCancel={() => setEditing(false)}
      onSaved={(saved) => {
        setEditing(false);
        onSaved?.(saved);
      }}
    />
  );
}

/** Opened afresh on each edit: the goal and version as the project has them now. */
function GoalForm({ project, onCancel, onSaved }: { project: Project; onCancel: () => void; onSaved: (project: Project) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [goal, setGoal] = useState(project.goal);
  const mutation = useUpdateProject({ onSuccess: onSaved });
  const form = useSaveForm({
    mutation,
    record: ProjectSchema,
    version: project.version,
    onReload: (current) => {
      queryClient.setQueryData(projectsKeys.detail(current.id), current);
      setGoal(current.goal);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.save(UpdateProjectInput, { version: form.version, goal }, (input) => mutation.mutate({ id: project.id, input }));
  };

  return (
    <form className="form goal-form" onSubmit={submit} noValidate>
      <FormAlerts form={form} />
      <Field label={t('projects.fields.goal')} error={form.errors.goal}>
        <Textarea rows={3} value={goal} onChange={(e) => setGoal(e.target.value)} autoFocus />
      </Field>
      <FormActions onCancel={onCancel} busy={form.isPending}>
        {t('results.saveGoal')}
      </FormActions>
    </form>
  );
}
