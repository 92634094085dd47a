import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { effectiveEnd, effectiveStart, findCycle } from '@shared/calc/timeline';
import { CreateDependencyInput, type Dependency, type Timeline, type TimelineActivity } from '@shared/schemas/timeline';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, RecordOptions, Select } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { errorMessage, issueText } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useCreateDependency } from '../api/create-dependency';
import { useDeleteDependency } from '../api/delete-dependency';
import { useTimeline } from '../api/get-timeline';
import { allActivities } from './gantt-rows';

type DependenciesPanelProps = {
  projectId: number;
  activityId: number;
  /** Only with the timeline edit permission: the add form and the remove buttons. */
  canEdit: boolean;
  activityHref: (id: number) => string;
};

type TitleOf = (id: number) => string;

/**
 * What an activity waits for ("Depends on") and what waits for it ("Blocks"), with the
 * dates of the other activity and whether the link is broken. Read from the project's
 * timeline, the Gantt's own query, so a change here redraws the chart's arrows too.
 */
export function DependenciesPanel({ projectId, activityId, canEdit, activityHref }: DependenciesPanelProps) {
  const { t } = useTranslation();
  const query = useTimeline(projectId);
  const [removing, setRemoving] = useState<Dependency | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const remove = useDeleteDependency({ onSuccess: () => setRemoving(null) });
  const dependsOnId = useId();
  const blocksId = useId();

  // A timeline read before this activity existed does not list it: ask once more.
  const refetched = useRef(false);
  const missing = !!query.data && !allActivities(query.data).some((a) => a.id === activityId);
  useEffect(() => {
    if (!missing || refetched.current || query.isFetching) return;
    refetched.current = true;
    void query.refetch();
  }, [missing, query]);

  // The removed row and its button are gone: the announcement takes the focus instead.
  useEffect(() => {
    if (removed) statusRef.current?.focus();
  }, [removed]);

  if (query.isPending) return <LoadingBlock label={t('timeline.dependencies.loading')} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const timeline = query.data;
  const byId = new Map(allActivities(timeline).map((a) => [a.id, a]));
  const titleOf: TitleOf = (id) => byId.get(id)?.title ?? `#${id}`;
  const predecessors = timeline.dependencies.filter((d) => d.to === activityId);
  const successors = timeline.dependencies.filter((d) => d.from === activityId);
  const describe = (d: Dependency) => t('timeline.dependency', { from: titleOf(d.from), to: titleOf(d.to) });

  const removeMessage = remove.error
    ? isApiError(remove.error) && remove.error.status === 404
      ? t('timeline.dependencies.removeGone')
      : errorMessage(t, remove.error)
    : null;

  const startRemoving = (d: Dependency) => {
    remove.reset();
    setRemoved(null);
    setRemoving(d);
  };

  const list = (items: Dependency[], side: 'from' | 'to') => (
    <ul className="activity-list dependency-list">
      {items.map((d) => (
        <DependencyRow
          key={d.id}
          dependency={d}
          otherId={d[side]}
          activityOf={(id) => byId.get(id)}
          titleOf={titleOf}
          description={describe(d)}
          canEdit={canEdit}
          activityHref={activityHref}
          onRemove={() => startRemoving(d)}
        />
      ))}
    </ul>
  );

  return (
    <div className="stack">
      {removed ? (
        <div className="banner banner-success" role="status" tabIndex={-1} ref={statusRef}>
          <div className="banner-body">{removed}</div>
        </div>
      ) : null}
      <section className="stack" aria-labelledby={dependsOnId}>
        <div>
          <h3 className="subheading" id={dependsOnId}>
            {t('timeline.dependencies.dependsOn')}
          </h3>
          <p className="muted small dependency-hint">{t('timeline.dependencies.dependsOnHint')}</p>
        </div>
        {predecessors.length === 0 ? <EmptyState>{t('timeline.dependencies.dependsOnEmpty')}</EmptyState> : list(predecessors, 'from')}
        {canEdit ? <AddPredecessorForm projectId={projectId} activityId={activityId} timeline={timeline} titleOf={titleOf} /> : null}
      </section>
      <section className="stack" aria-labelledby={blocksId}>
        <div>
          <h3 className="subheading" id={blocksId}>
            {t('timeline.dependencies.blocks')}
          </h3>
          <p className="muted small dependency-hint">{t('timeline.dependencies.blocksHint')}</p>
        </div>
        {successors.length === 0 ? <EmptyState>{t('timeline.dependencies.blocksEmpty')}</EmptyState> : list(successors, 'to')}
      </section>
      <ConfirmDialog
        open={removing !== null}
        danger
        title={t('timeline.dependencies.removeTitle')}
        message={<p>{t('timeline.dependencies.removeConfirm', { dependency: removing ? describe(removing) : '' })}</p>}
        confirmLabel={t('timeline.dependencies.remove')}
        busy={remove.isPending}
        error={removeMessage ? <p role="alert">{removeMessage}</p> : null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return;
          const text = t('timeline.dependencies.removed', { dependency: describe(removing) });
          // Called once the lists have been read again, so the focus lands after the row is gone.
          remove.mutate({ id: removing.id }, { onSuccess: () => setRemoved(text) });
        }}
      />
    </div>
  );
}

type DependencyRowProps = {
  dependency: Dependency;
  /** The activity at the other end: the predecessor in "Depends on", the successor in "Blocks". */
  otherId: number;
  activityOf: (id: number) => TimelineActivity | undefined;
  titleOf: TitleOf;
  description: string;
  canEdit: boolean;
  activityHref: (id: number) => string;
  onRemove: () => void;
};

function DependencyRow({ dependency: d, otherId, activityOf, titleOf, description, canEdit, activityHref, onRemove }: DependencyRowProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const other = activityOf(otherId);
  const predecessor = activityOf(d.from);
  const successor = activityOf(d.to);
  const end = predecessor ? effectiveEnd(predecessor) : null;
  const start = successor ? effectiveStart(successor) : null;
  const range = (from: string | null, to: string | null) =>
    from || to ? t('timeline.range', { start: formatDate(from, locale) || '…', end: formatDate(to, locale) || '…' }) : t('timeline.noDates');
  return (
    <li className="activity-row">
      <div className="activity-main">
        <Link className="activity-title" to={activityHref(otherId)}>
          {titleOf(otherId)}
        </Link>
        {other ? (
          <div className="activity-meta">
            <span>{t('timeline.dependencies.planned', { range: range(other.plannedStart, other.plannedEnd) })}</span>
            <span>
              {other.actualStart ? t('timeline.dependencies.actual', { range: range(other.actualStart, other.actualEnd) }) : t('timeline.notStarted')}
            </span>
          </div>
        ) : null}
        {d.broken && start && end ? (
          <p className="dependency-broken">
            <span aria-hidden="true">⚠ </span>
            {t('timeline.dependencies.brokenDetail', {
              successor: titleOf(d.to),
              start: formatDate(start, locale),
              predecessor: titleOf(d.from),
              end: formatDate(end, locale),
            })}
          </p>
        ) : null}
      </div>
      <div className="activity-badges">
        {d.broken ? (
          <Badge tone="warning">
            <span aria-hidden="true">⚠ </span>
            {t('timeline.dependencies.broken')}
          </Badge>
        ) : start && end ? (
          <Badge tone="success">
            <span aria-hidden="true">✓ </span>
            {t('timeline.dependencies.inOrder')}
          </Badge>
        ) : (
          <Badge tone="muted">{t('timeline.dependencies.unchecked')}</Badge>
        )}
        {canEdit ? (
          <Button size="sm" variant="ghost" className="btn-danger-text" onClick={onRemove}>
            {t('timeline.dependencies.remove')}
            <span className="visually-hidden">: {description}</span>
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/** The cycle ids a refused create names in `details.cycle`, if it names one. */
function cycleOf(details: unknown): number[] | null {
  if (typeof details !== 'object' || details === null || !('cycle' in details)) return null;
  const { cycle } = details as { cycle: unknown };
  return Array.isArray(cycle) && cycle.length > 0 && cycle.every((id) => typeof id === 'number') ? (cycle as number[]) : null;
}

/**
 * Why the server refused a new dependency, in words next to the field: a link that is
 * there already (409), a cycle, a self-link or an activity of another project (400).
 * Anything else (no connection, no permission) is not about the choice: null.
 */
function refusalMessage(t: TFunction, error: unknown, titleOf: TitleOf, from: number | undefined): string | null {
  if (!isApiError(error)) return null;
  if (error.status === 409 && error.code === 'CONFLICT') return t('timeline.dependencies.errors.exists', { title: from ? titleOf(from) : '' });
  if (error.status !== 400) return null;
  const cycle = cycleOf(error.details);
  if (cycle) return t('timeline.dependencies.errors.cycle', { path: cycle.map(titleOf).join(' → ') });
  const issue = error.issues[0];
  if (!issue) return null;
  if (issue.code === 'dependency.self') return t('timeline.dependencies.errors.self');
  if (issue.code === 'ref.not_project_activity') return t('timeline.dependencies.errors.notInProject');
  return issueText(t, issue);
}

type AddPredecessorFormProps = { projectId: number; activityId: number; timeline: Timeline; titleOf: TitleOf };

/** Picks an activity of the project that must finish before this one starts. */
function AddPredecessorForm({ projectId, activityId, timeline, titleOf }: AddPredecessorFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [value, setValue] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const create = useCreateDependency({
    onSuccess: (d) => {
      setValue('');
      setAdded(t('timeline.dependencies.added', { title: titleOf(d.from) }));
    },
  });
  const refusal = refusalMessage(t, create.error, titleOf, create.variables?.input.from);
  const error = clientError ?? refusal ?? undefined;
  // Each refused attempt takes the focus to the message, even when it says the same again.
  useFocusFirstError(formRef, error || create.isError ? String(attempt) : '');

  const existing = new Set(timeline.dependencies.filter((d) => d.to === activityId).map((d) => d.from));
  const candidate = (a: TimelineActivity) => a.id !== activityId && !existing.has(a.id);
  // Grouped as on the Gantt, so a long list of activities reads by outcome and output.
  const groups = timeline.groups
    .flatMap((g) => [
      {
        key: `o${g.outcome.id}`,
        label: t('timeline.outcomeLabel', { code: g.outcome.code, title: g.outcome.title }),
        activities: g.activities.filter(candidate),
      },
      ...g.outputs.map((o) => ({
        key: `p${o.output.id}`,
        label: t('timeline.outputLabel', { code: o.output.code, title: o.output.title }),
        activities: o.activities.filter(candidate),
      })),
    ])
    .filter((g) => g.activities.length > 0);

  if (groups.length === 0) return <p className="muted small">{t('timeline.dependencies.noCandidates')}</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    setAttempt((n) => n + 1);
    create.reset();
    if (!value) return setClientError(t('timeline.dependencies.errors.required'));
    const parsed = CreateDependencyInput.safeParse({ from: Number(value), to: activityId });
    if (!parsed.success) return setClientError(t('timeline.dependencies.errors.self'));
    // The server refuses cycles as well; saying so before asking saves a round trip.
    const cycle = findCycle(timeline.dependencies, parsed.data.from, parsed.data.to);
    if (cycle) return setClientError(t('timeline.dependencies.errors.cycle', { path: cycle.map(titleOf).join(' → ') }));
    setClientError(null);
    create.mutate({ projectId, input: parsed.data });
  };

  return (
    <form ref={formRef} className="form inline-panel" onSubmit={submit} noValidate>
      {create.isError && !refusal ? <ErrorBanner error={create.error} /> : null}
      <Field label={t('timeline.dependencies.fields.from')} hint={t('timeline.dependencies.fields.fromHint')} error={error} required>
        <Select
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setClientError(null);
            setAdded(null);
            create.reset();
          }}
        >
          <option value="">{t('timeline.dependencies.choose')}</option>
          {groups.map((g) => (
            <optgroup key={g.key} label={g.label}>
              <RecordOptions records={g.activities} label={(a) => a.title} />
            </optgroup>
          ))}
        </Select>
      </Field>
      <div className="form-actions">
        <span className="form-status" role="status">
          {added ?? ''}
        </span>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('timeline.dependencies.add')}
        </Button>
      </div>
    </form>
  );
}
