import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '@shared/permissions';
import type { Role } from '@shared/enums';
import { isReportEditable, type Report } from '@shared/schemas/report';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Textarea } from '@/components/ui/field';
import { useDeleteReport } from '../api/delete-report';
import { useTransitionReport } from '../api/transition-report';

/**
 * The actions the user's role allows on this report now: a manager submits (or deletes
 * a draft); a donor or admin accepts a submitted report or returns it with comments.
 */
export function ReportWorkflow({ report, role, onDeleted }: { report: Report; role: Role; onDeleted: () => void }) {
  const { t } = useTranslation();
  const transition = useTransitionReport();
  const remove = useDeleteReport();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const canEdit = hasPermission(role, 'report:edit');
  const canReview = hasPermission(role, 'report:review');
  const move = (action: 'submit' | 'accept') => () => transition.mutate({ id: report.id, action, version: report.version });

  const buttons = [];
  if (canEdit && isReportEditable(report.status)) {
    buttons.push(
      <Button key="submit" variant="primary" busy={transition.isPending} onClick={move('submit')}>
        {report.status === 'returned' ? t('reports.workflow.resubmit') : t('reports.workflow.submit')}
      </Button>,
    );
  }
  if (canEdit && report.status === 'draft') {
    buttons.push(
      <Button
        key="delete"
        variant="danger"
        busy={remove.isPending}
        onClick={() => remove.mutate({ id: report.id, version: report.version }, { onSuccess: onDeleted })}
      >
        {t('reports.workflow.delete')}
      </Button>,
    );
  }
  if (canReview && report.status === 'submitted') {
    buttons.push(
      <Button key="accept" variant="primary" busy={transition.isPending} onClick={move('accept')}>
        {t('reports.workflow.accept')}
      </Button>,
      <Button key="return" onClick={() => setReturning(true)}>
        {t('reports.workflow.return')}
      </Button>,
    );
  }
  if (buttons.length === 0) return null;

  return (
    <div className="report-workflow">
      <div className="report-workflow-buttons">{buttons}</div>
      {transition.isError && !returning ? <ErrorBanner error={transition.error} /> : null}
      {remove.isError ? <ErrorBanner error={remove.error} /> : null}
      <Dialog
        open={returning}
        title={t('reports.workflow.returnTitle')}
        onClose={() => setReturning(false)}
        footer={
          <>
            <Button onClick={() => setReturning(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              busy={transition.isPending}
              onClick={() => {
                if (!comment.trim()) {
                  setCommentError(t('reports.workflow.commentRequired'));
                  return;
                }
                transition.mutate(
                  { id: report.id, action: 'return', version: report.version, comment: comment.trim() },
                  {
                    onSuccess: () => {
                      setReturning(false);
                      setComment('');
                    },
                  },
                );
              }}
            >
              {t('reports.workflow.returnConfirm')}
            </Button>
          </>
        }
      >
        <Field label={t('reports.workflow.comment')} hint={t('reports.workflow.commentHint')} error={commentError} required>
          <Textarea
            rows={6}
            value={comment}
            data-autofocus
            onChange={(e) => {
              setComment(e.target.value);
              setCommentError(undefined);
            }}
          />
        </Field>
        {transition.isError ? <ErrorBanner error={transition.error} /> : null}
      </Dialog>
    </div>
  );
}
