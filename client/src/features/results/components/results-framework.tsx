import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Results } from '@shared/schemas/results';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/layout';
import { useCreateOutcome } from '../api/create-outcome';
import { NodeTextForm } from './node-text-form';
import { OutcomeSection, type RenderActivities, type RenderIndicators } from './outcome-section';
import type { ResultsOutcome } from '@shared/schemas/results';
import type { ReactNode } from 'react';

type ResultsFrameworkProps = {
  results: Results;
  projectId: number;
  editable: boolean;
  /** The activities under an outcome (outputId null) or under one of its outputs. */
  renderActivities?: RenderActivities;
  /** The indicators of an outcome or output (the indicators feature draws them). */
  renderIndicators?: RenderIndicators;
  /** Shown next to an outcome's title, e.g. its roll-up status. */
  renderOutcomeStatus?: (outcome: ResultsOutcome) => ReactNode;
  /** Called after a change that can move activities (reorder, move, delete). */
  onChanged?: () => void;
};

/** Outcomes with their outputs; editors can add, rename, reorder, move and delete. */
export function ResultsFramework({
  results,
  projectId,
  editable,
  renderActivities,
  renderIndicators,
  renderOutcomeStatus,
  onChanged,
}: ResultsFrameworkProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const addOutcome = useCreateOutcome({ onSuccess: () => setAdding(false) });

  return (
    <div className="framework">
      {results.outcomes.length === 0 ? <EmptyState>{t('results.noOutcomes')}</EmptyState> : null}
      {results.outcomes.map((outcome, i) => (
        <OutcomeSection
          key={outcome.id}
          outcome={outcome}
          index={i}
          outcomes={results.outcomes}
          editable={editable}
          renderActivities={renderActivities}
          renderIndicators={renderIndicators}
          renderOutcomeStatus={renderOutcomeStatus}
          onChanged={onChanged}
        />
      ))}
      {editable ? (
        <div className="framework-add">
          {adding ? (
            <NodeTextForm
              titleLabel={t('results.outcomeTitle')}
              submitLabel={t('results.addOutcome')}
              mutation={addOutcome}
              onCancel={() => setAdding(false)}
              onSubmit={(text) => addOutcome.mutate({ projectId, input: text })}
            />
          ) : (
            <Button
              variant="primary"
              onClick={() => {
                addOutcome.reset();
                setAdding(true);
              }}
            >
              {t('results.addOutcome')}
            </Button>
          )}
        </div>
      ) : null}
    </div>
  );
}
