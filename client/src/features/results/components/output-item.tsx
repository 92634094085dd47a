import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OutputSchema, type ResultsOutcome } from '@shared/schemas/results';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { useDeleteOutput } from '../api/delete-output';
import { useUpdateOutput } from '../api/update-output';
import { DeleteNodeDialog } from './delete-node-dialog';
import { IndicatorsPlaceholder } from './indicators-placeholder';
import { MoveButtons } from './move-buttons';
import { NodeTextForm } from './node-text-form';
import { ErrorBanner } from '@/components/ui/error-banner';

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
  const [renaming, setRenaming] = useState(false);
  const [renameVersion, setRenameVersion] = useState(output.version);
  const [deleting, setDeleting] = useState(false);
  const rename = useUpdateOutput({
    onSuccess: () => {
      setRenaming(false);
      onChanged?.();
    },
  });
  const reorder = useUpdateOutput({ onSuccess: onChanged });
  const remove = useDeleteOutput({
    onSuccess: () => {
      setDeleting(false);
      onChanged?.();
    },
  });
  const label = t('results.outputLabel', { code: output.code, title: output.title });
  const headingId = `output-${output.id}`;

  return (
    <li className="output" aria-labelledby={headingId}>
      <div className="node-header">
        <h4 className="node-title" id={headingId}>
          <span className="node-code">{t('results.outputCode', { code: output.code })}</span> {output.title}
        </h4>
        {editable && !renaming ? (
          <div className="node-actions">
            <MoveButtons
              label={label}
              isFirst={index === 0}
              isLast={index === count - 1}
              busy={reorder.isPending}
              onMove={(d) => reorder.mutate({ id: output.id, input: { version: output.version, position: index + 1 + d } })}
            />
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
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setRenameVersion(output.version);
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
          initial={{ title: output.title, description: output.description }}
          titleLabel={t('results.outputTitle')}
          submitLabel={t('common.save')}
          pending={rename.isPending}
          error={rename.error}
          onCancel={() => setRenaming(false)}
          onSubmit={(text) => rename.mutate({ id: output.id, input: { version: renameVersion, ...text } })}
          onReload={() => {
            const current = isApiError(rename.error) ? rename.error.current(OutputSchema) : null;
            rename.reset();
            if (!current) return null;
            setRenameVersion(current.version);
            return current;
          }}
        />
      ) : output.description ? (
        <p className="node-description">{output.description}</p>
      ) : null}
      {indicators !== undefined ? indicators : <IndicatorsPlaceholder count={output.indicators.length} />}
      {activities}
      <DeleteNodeDialog
        open={deleting}
        kind="output"
        label={label}
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ id: output.id, version: output.version })}
      />
    </li>
  );
}
