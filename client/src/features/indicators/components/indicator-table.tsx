import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { IndicatorSummary } from '@shared/schemas/indicator-summary';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { ItemButton } from '@/components/ui/item-button';
import { MoveButtons } from '@/components/ui/move-buttons';
import { QueryContent } from '@/components/ui/query-content';
import { ScrollTable } from '@/components/ui/scroll-table';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useDeleteIndicator } from '../api/delete-indicator';
import { getIndicatorQueryOptions, useIndicator } from '../api/get-indicator';
import { useUpdateIndicator } from '../api/update-indicator';
import { RagBadge } from './indicator-badges';
import { formatBaseline, formatMeasured } from './indicator-format';
import { IndicatorForm } from './indicator-form';
import { IndicatorProgress } from './indicator-progress';

export type IndicatorParent = { outcomeId: number | null; outputId: number | null };

type IndicatorTableProps = {
  indicators: IndicatorSummary[];
  projectId: number;
  parent: IndicatorParent;
  /** Names the parent, e.g. "Outcome 1" or "Goal". */
  parentLabel: string;
  editable: boolean;
  indicatorHref: (id: number) => string;
  /** Called after any change, so the framework around it can refresh. */
  onChanged?: () => void;
};

/**
 * The indicators of one level of the framework: code, title, baseline, target, latest
 * approved actual, progress and RAG. Editors add, edit, reorder and delete them here.
 */
export function IndicatorTable({ indicators, projectId, parent, parentLabel, editable, indicatorHref, onChanged }: IndicatorTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<IndicatorSummary | null>(null);
  const [versionError, setVersionError] = useState<unknown>(null);
  const queryClient = useQueryClient();
  const reorder = useUpdateIndicator({ onSuccess: () => onChanged?.(), onError: () => onChanged?.() });
  const remove = useDeleteIndicator({
    onSuccess: () => {
      setDeleting(null);
      onChanged?.();
    },
    onError: () => onChanged?.(),
  });

  if (!editable && indicators.length === 0) return null;
  const caption = t('indicators.tableCaption', { parent: parentLabel });

  return (
    <div className="indicator-block">
      <p className="indicator-block-title">{t('indicators.title')}</p>
      {indicators.length === 0 ? (
        <p className="muted small">{t('indicators.none')}</p>
      ) : (
        <ScrollTable
          label={caption}
          className="table table-compact indicator-table"
          caption={caption}
          captionHidden
          columns={[
            t('indicators.columns.code'),
            t('indicators.columns.indicator'),
            { label: t('indicators.columns.baseline'), numeric: true },
            { label: t('indicators.columns.target'), numeric: true },
            { label: t('indicators.columns.latestActual'), numeric: true },
            t('indicators.columns.progress'),
            t('indicators.columns.status'),
            ...(editable ? [t('common.actions')] : []),
          ]}
        >
          {indicators.map((ind, i) => {
            const label = t('indicators.label', { code: ind.code, title: ind.title });
            const latest = ind.latestActual;
            return (
              <tr key={ind.id}>
                <td className="mono nowrap">{ind.code}</td>
                <th scope="row" className="cell-title">
                  <Link to={indicatorHref(ind.id)}>{ind.title}</Link>
                  {ind.illustrative ? <span className="muted small"> · {t('common.illustrative')}</span> : null}
                </th>
                <td className="num nowrap">{formatBaseline(t, locale, ind)}</td>
                <td className="num nowrap">{formatMeasured(t, locale, ind, ind.target.value)}</td>
                <td className="num nowrap">
                  {latest ? (
                    <>
                      {formatMeasured(t, locale, ind, ind.measure === 'qualitative' ? latest.score : latest.value)}
                      <span className="cell-sub">{t('indicators.asOf', { date: formatDate(latest.end, locale) })}</span>
                    </>
                  ) : (
                    <span className="muted">{t('indicators.noActual')}</span>
                  )}
                </td>
                <td className="cell-progress">
                  <IndicatorProgress
                    progress={ind.progress}
                    expectedPercent={ind.expectedPercent}
                    label={t('indicators.progressOf', { code: ind.code })}
                  />
                </td>
                <td>
                  <RagBadge rag={ind.rag} />
                </td>
                {editable ? (
                  <td className="nowrap">
                    <MoveButtons
                      label={label}
                      isFirst={i === 0}
                      isLast={i === indicators.length - 1}
                      busy={reorder.isPending}
                      onMove={(d) => reorderTo(ind, i + 1 + d)}
                    />
                    <ItemButton
                      item={label}
                      onClick={() => {
                        setAdding(false);
                        setEditingId(ind.id);
                      }}
                    >
                      {t('common.edit')}
                    </ItemButton>
                    <ItemButton
                      item={label}
                      danger
                      onClick={() => {
                        remove.reset();
                        setVersionError(null);
                        setDeleting(ind);
                      }}
                    >
                      {t('common.delete')}
                    </ItemButton>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </ScrollTable>
      )}
      {reorder.isError ? <ErrorBanner error={reorder.error} /> : null}
      {versionError && !deleting ? <ErrorBanner error={versionError} /> : null}

      {editable && editingId !== null ? (
        <EditIndicator
          id={editingId}
          projectId={projectId}
          onDone={() => {
            setEditingId(null);
            onChanged?.();
          }}
          onCancel={() => setEditingId(null)}
        />
      ) : null}
      {editable && editingId === null ? (
        adding ? (
          <IndicatorForm
            projectId={projectId}
            parent={parent}
            parentLabel={parentLabel}
            onDone={() => {
              setAdding(false);
              onChanged?.();
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <div>
            <Button size="sm" onClick={() => setAdding(true)}>
              {t('indicators.addTo', { parent: parentLabel })}
            </Button>
          </div>
        )
      ) : null}

      <ConfirmDialog
        open={deleting !== null}
        danger
        title={t('indicators.deleteTitle')}
        message={
          <p>{t('indicators.deleteConfirm', { item: deleting ? t('indicators.label', { code: deleting.code, title: deleting.title }) : '' })}</p>
        }
        confirmLabel={t('common.delete')}
        busy={remove.isPending}
        error={remove.error || versionError ? <p role="alert">{deleteErrorMessage(remove.error ?? versionError)}</p> : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (!deleting) return;
          // The summary carries no version; the detail does (it is usually cached already).
          void deleteWithVersion(deleting.id);
        }}
      />
    </div>
  );

  /** Framework summaries carry no version: it is read from the indicator itself just before a change. */
  async function readVersion(id: number): Promise<number | null> {
    try {
      return (await queryClient.fetchQuery({ ...getIndicatorQueryOptions(id), staleTime: 0 })).version;
    } catch (e) {
      setVersionError(e);
      return null;
    }
  }

  function reorderTo(ind: IndicatorSummary, position: number) {
    setVersionError(null);
    void readVersion(ind.id).then((version) => {
      if (version !== null) reorder.mutate({ id: ind.id, input: { version, position } });
    });
  }

  async function deleteWithVersion(id: number) {
    setVersionError(null);
    const version = await readVersion(id);
    if (version !== null) remove.mutate({ id, version });
  }

  function deleteErrorMessage(error: unknown): string {
    if (isApiError(error) && error.code === 'HAS_DEPENDENTS') return t('indicators.deleteRefused');
    if (isApiError(error) && error.isVersionConflict) return t('results.deleteConflict');
    return errorMessage(t, error);
  }
}

function EditIndicator({ id, projectId, onDone, onCancel }: { id: number; projectId: number; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const query = useIndicator(id);
  return (
    <QueryContent query={query} label={t('indicators.loadingOne')}>
      {(indicator) => <IndicatorForm key={id} indicator={indicator} projectId={projectId} onDone={onDone} onCancel={onCancel} />}
    </QueryContent>
  );
}
