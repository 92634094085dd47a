import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OutcomeSchema, type ResultsOutcome } from '@shared/schemas/results';
import { Button } from '@/components/ui/button';
import { useCreateOutput } from '../api/create-output';
import { useDeleteOutcome } from '../api/delete-outcome';
import { useUpdateOutcome } from '../api/update-outcome';
import { IndicatorsPlaceholder } from './indicators-placeholder';
import { NodeTextForm } from './node-text-form';
import { OutputItem } from './output-item';
import { nodeHeadingId, ResultsNode } from './results-node';

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

export function OutcomeSection({
  outcome,
  index,
  outcomes,
  editable,
  renderActivities,
  renderIndicators,
  renderOutcomeStatus,
  onChanged,
}: OutcomeSectionProps) {
  const { t } = useTranslation();
  const [addingOutput, setAddingOutput] = useState(false);
  const rename = useUpdateOutcome({ onSuccess: onChanged });
  const reorder = useUpdateOutcome({ onSuccess: onChanged });
  const remove = useDeleteOutcome({ onSuccess: onChanged });
  const addOutput = useCreateOutput({ onSuccess: () => setAddingOutput(false) });
  const label = t('results.outcomeLabel', { code: outcome.code, title: outcome.title });

  return (
    <section className="outcome" aria-labelledby={nodeHeadingId('outcome', outcome.id)}>
      <ResultsNode
        node={outcome}
        kind="outcome"
        record={OutcomeSchema}
        label={label}
        code={t('results.outcomeCode', { code: outcome.code })}
        status={renderOutcomeStatus ? renderOutcomeStatus(outcome) : null}
        titleLabel={t('results.outcomeTitle')}
        index={index}
        count={outcomes.length}
        editable={editable}
        rename={rename}
        reorder={reorder}
        remove={remove}
      >
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
                  indicators={
                    renderIndicators
                      ? renderIndicators({ outcome, outputId: output.id, code: output.code, indicators: output.indicators })
                      : undefined
                  }
                  onChanged={onChanged}
                />
              ))}
            </ul>
            {editable ? (
              addingOutput ? (
                <NodeTextForm
                  titleLabel={t('results.outputTitle')}
                  submitLabel={t('results.addOutput')}
                  mutation={addOutput}
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
      </ResultsNode>
    </section>
  );
}
