import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateCommentInput } from '@shared/schemas/comment';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Textarea } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { describeSaveError } from '@/lib/save-errors';
import { useCreateComment } from '../api/create-comment';
import { useComments } from '../api/list-comments';

type CommentsPanelProps = { activityId: number; canComment: boolean };

/** The conversation on an activity, oldest first; partners, managers and admins can add to it. */
export function CommentsPanel({ activityId, canComment }: CommentsPanelProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const comments = useComments(activityId);
  const [body, setBody] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const mutation = useCreateComment({ onSuccess: () => setBody('') });
  const saveError = describeSaveError(t, mutation.error);
  const errors = { ...saveError.fieldErrors, ...clientErrors };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateCommentInput.safeParse({ body });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setClientErrors({});
    mutation.mutate({ activityId, input: parsed.data });
  };

  return (
    <div className="comments">
      {comments.isPending ? <LoadingBlock label={t('comments.loading')} /> : null}
      {comments.isError ? <ErrorBanner error={comments.error} onRetry={() => void comments.refetch()} /> : null}
      {comments.data ? (
        comments.data.items.length === 0 ? (
          <EmptyState>{t('comments.none')}</EmptyState>
        ) : (
          <ol className="comment-list" aria-label={t('comments.title')}>
            {comments.data.items.map((c) => (
              <li key={c.id} className="comment">
                <div className="comment-head">
                  <span className="comment-author">{c.author.name}</span>
                  <Badge tone="neutral">{t(`enums.role.${c.author.role}`)}</Badge>
                  <time className="comment-when" dateTime={c.createdAt}>
                    {formatDateTime(c.createdAt, locale)}
                  </time>
                </div>
                <p className="comment-body">{c.body}</p>
              </li>
            ))}
          </ol>
        )
      ) : null}
      {canComment ? (
        <form className="form comment-form" onSubmit={submit} noValidate>
          {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
          <Field label={t('comments.add')} error={errors.body}>
            <Textarea rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={mutation.isPending}>
              {t('comments.post')}
            </Button>
          </div>
        </form>
      ) : (
        <p className="muted small">{t('comments.readOnly')}</p>
      )}
    </div>
  );
}
