import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OutcomeSchema, type ResultsOutcome } from '@shared/schemas/results';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { isApiError } from '@/lib/api-client';
import { useCreateOutput } from '../api/create-output';
import { useDeleteOutcome } from '../api/delete-outcome';
import { useUpdateOutcome } from '../api/update-outcome';
import { DeleteNodeDialog } from './delete-node-dialog';
import { IndicatorsPlaceholder } from './indicators-placeholder';
import { MoveButtons } from './move-buttons';
import { NodeTextForm } from './node-text-form';
import { OutputItem } from './output-item';

export type RenderActivities = (outcome: ResultsOutcome, outputId: number | null) => ReactNode;

/** A level of the framework that holds indicators: an outcome (outputId null) or one of its outputs. */
export type IndicatorNode = {
  outcome: ResultsOutcome;
  outputId: number | null;
  code: string;
  indicators: ResultsOutcome['indicators'];
};
/** Draws the indicators of a node; without it only their number is shown. */
export type RenderIndicators = (node: IndicatorNode) => ReactNode;

type OutcomeSectionProps = {
  outcome: ResultsOutcome;
  index: number;
  outcomes: ResultsOutcome[];
  editable: boolean;
  renderActivities?: RenderActivities;
  renderIndicators?: RenderIndicators;
  /** Shown next to the outcome's title, e.g. its roll-up status. */
  renderOutcomeStatus?: (outcome: ResultsOutcome) => ReactNode;
  onChanged?: () => void;
};

export function OutcomeSection({ outcome, index, outcomes, editable, renderActivities, renderIndicators, renderOutcomeStatus, onChanged }: OutcomeSectionProps) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [renameVersion, setRenameVersion] = useState(outcome.version);
  const [addingOutput, setAddingOutput] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const rename = useUpdateOutcome({
    onSuccess: () => {
      setRenaming(false);
      onChanged?.();
    },
  });
  const reorder = useUpdateOutcome({ onSuccess: onChanged });
  const remove = useDeleteOutcome({
    onSuccess: () => {
      setDeleting(false);
      onChanged?.();
    },
  });
  const addOutput = useCreateOutput({ onSuccess: () => setAddingOutput(false) });
  const label = t('results.outcomeLabel', { code: outcome.code, title: outcome.title });
  const headingId = `outcome-${outcome.id}`;

  return (
    <section className="outcome" aria-labelledby={headingId}>
      <div className="node-header">
        <h3 className="node-title outcome-title" id={headingId}>
          <span className="node-code">{t('results.outcomeCode', { code: outcome.code })}</span> {outcome.title}
        </h3>
        {renderOutcomeStatus ? renderOutcomeStatus(outcome) : null}
        {editable && !renaming ? (
          <div className="node-actions">
            <MoveButtons
              label={label}
              isFirst={index === 0}
              isLast={index === outcomes.length - 1}
              busy={reorder.isPending}
              onMove={(d) => reorder.mutate({ id: outcome.id, input: { version: outcome.version, position: index + 1 + d } })}
            />
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setRenameVersion(outcome.version);
                rename.reset();
                setRenaming(true);
              }}
            >
              {t('common.rename')}
              <span className="visually-hidden"> {label}</span>
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="btn-danger-text"
              onClick={() => {
                remove.reset();
                setDeleting(true);
              }}
            >
              {t('common.delete')}
              <span className="visually-hidden"> {label}</span>
            </Button>
          </div>
        ) : null}
      </div>
      {reorder.isError ? <ErrorBanner error={reorder.error} /> : null}
      {renaming ? (
        <NodeTextForm
          initial={{ title: outcome.title, description: outcome.description }}
          titleLabel={t('results.outcomeTitle')}
          submitLabel={t('common.save')}
          pending={rename.isPending}
          error={rename.error}
          onCancel={() => setRenaming(false)}
          onSubmit={(text) => rename.mutate({ id: outcome.id, input: { version: renameVersion, ...text } })}
          onReload={() => {
            const current = isApiError(rename.error) ? rename.error.current(OutcomeSchema) : null;
            rename.reset();
            if (!current) return null;
            setRenameVersion(current.version);
            return current;
          }}
        />
      ) : outcome.description ? (
        <p className="node-description">{outcome.description}</p>
      ) : null}
      {renderIndicators ? (
        renderIndicators({ outcome, outputId: null, code: outcome.code, indicators: outcome.indicators })
      ) : (
        <IndicatorsPlaceholder count={outcome.indicators.length} />
      )}

      {renderActivities ? <div className="outcome-activities">{renderActivities(outcome, null)}</div> : null}

      {!editable && outcome.outputs.length === 0 ? null : (
      <div className="outputs-block">
        <h4 className="subheading">{t('results.outputs')}</h4>
        {outcome.outputs.length === 0 ? <p className="muted small">{t('results.noOutputs')}</p> : null}
        <ul className="outputs">
          {outcome.outputs.map((output, i) => (
            <OutputItem
              key={output.id}
              output={output}
              index={i}
              count={outcome.outputs.length}
              outcomes={outcomes}
              editable={editable}
              activities={renderActivities ? renderActivities(outcome, output.id) : null}
              indicators={renderIndicators ? renderIndicators({ outcome, outputId: output.id, code: output.code, indicators: output.indicators }) : undefined}
              onChanged={onChanged}
            />
          ))}
        </ul>
        {editable ? (
          addingOutput ? (
            <NodeTextForm
              initial={{ title: '', description: '' }}
              titleLabel={t('results.outputTitle')}
              submitLabel={t('results.addOutput')}
              pending={addOutput.isPending}
              error={addOutput.error}
              onCancel={() => setAddingOutput(false)}
              onSubmit={(text) => addOutput.mutate({ outcomeId: outcome.id, input: text })}
            />
          ) : (
            <Button
              size="sm"
              onClick={() => {
                addOutput.reset();
                setAddingOutput(true);
              }}
            >
              {t('results.addOutputTo', { code: outcome.code })}
            </Button>
          )
        ) : null}
      </div>
      )}
      <DeleteNodeDialog
        open={deleting}
        kind="outcome"
        label={label}
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: outcome.id, version: outcome.version })}
      />
    </section>
  );
}
