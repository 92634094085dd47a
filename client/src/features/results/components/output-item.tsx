import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OutputSchema, type ResultsOutcome } from '@shared/schemas/results';
import { Select } from '@/components/ui/field';
import { useDeleteOutput } from '../api/delete-output';
import { useUpdateOutput } from '../api/update-output';
import { IndicatorsPlaceholder } from './indicators-placeholder';
import { nodeHeadingId, ResultsNode } from './results-node';

type ResultsOutput = ResultsOutcome['outputs'][number];

type OutputItemProps = {
  output: ResultsOutput;
  index: number;
  count: number;
  outcomes: ResultsOutcome[];
  editable: boolean;
  activities?: ReactNode;
  /** The output's indicators; without them only their number is shown. */
  indicators?: ReactNode;
  onChanged?: () => void;
};

export function OutputItem({ output, index, count, outcomes, editable, activities, indicators, onChanged }: OutputItemProps) {
  const { t } = useTranslation();
  const rename = useUpdateOutput({ onSuccess: onChanged });
  const reorder = useUpdateOutput({ onSuccess: onChanged });
  const remove = useDeleteOutput({ onSuccess: onChanged });
  const label = t('results.outputLabel', { code: output.code, title: output.title });

  return (
    <li className="output" aria-labelledby={nodeHeadingId('output', output.id)}>
      <ResultsNode
        node={output}
        kind="output"
        record={OutputSchema}
        label={label}
        code={t('results.outputCode', { code: output.code })}
        extraActions={
          <>
            <label className="control-label" htmlFor={`move-output-${output.id}`}>
              <span aria-hidden="true">{t('activities.moveToShort')}</span>
              <span className="visually-hidden">{t('results.moveOutputTo', { item: label })}</span>
            </label>
            <Select
              id={`move-output-${output.id}`}
              className="select-sm"
              value={String(output.outcomeId)}
              disabled={reorder.isPending}
              onChange={(e) => reorder.mutate({ id: output.id, input: { version: output.version, outcomeId: Number(e.target.value) } })}
            >
              {outcomes.map((o) => (
                <option key={o.id} value={String(o.id)}>
                  {t('results.underOutcome', { code: o.code })}
                </option>
              ))}
            </Select>
          </>
        }
        titleLabel={t('results.outputTitle')}
        index={index}
        count={count}
        editable={editable}
        rename={rename}
        reorder={reorder}
        remove={remove}
      >
        {indicators !== undefined ? indicators : <IndicatorsPlaceholder count={output.indicators.length} />}
        {activities}
      </ResultsNode>
    </li>
  );
}
