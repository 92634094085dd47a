import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '@/components/ui/error-banner';
import { isApiError } from '@/lib/api-client';
import { issueText } from '@/lib/errors';

/** A refused file or mapping, with the first of its issues by place. */
export function ImportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const issues = isApiError(error) ? error.issues : [];
  return (
    <div className="stack">
      <ErrorBanner error={error} />
      {issues.length ? (
        <ul className="plain-list small import-issues">
          {issues.slice(0, 20).map((i) => (
            <li key={`${i.path}-${i.message}`}>
              <span className="mono">{i.path}</span>: {issueText(t, i)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
