import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactPerson } from '@shared/schemas/registry-organisation';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { usePeopleSearch } from '../api/search-people';

type ContactPersonPickerProps = {
  projectId: number;
  value: ContactPerson | null;
  onChange: (person: ContactPerson | null) => void;
  error?: string | undefined;
};

/**
 * An organisation's contact, chosen among the people of the project's registry: search by
 * name or e-mail (sent in a request body, never in the address), then choose one. Erased
 * records cannot be chosen.
 */
export function ContactPersonPicker({ projectId, value, onChange, error }: ContactPersonPickerProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  const search = usePeopleSearch(projectId, term);

  const runSearch = () => setTerm(typed.trim());
  // The picker sits inside the organisation form: Enter searches instead of saving.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    runSearch();
  };

  return (
    <fieldset className="fieldset contact-picker" aria-labelledby={headingId}>
      <legend className="field-label" id={headingId}>
        {t('registry.organisations.contactPerson')}
      </legend>
      <p className="contact-picker-current" role="status">
        {value ? value.name : <span className="muted">{t('registry.organisations.noContact')}</span>}{' '}
        {value ? (
          <Button size="sm" variant="ghost" onClick={() => onChange(null)}>
            {t('registry.organisations.clearContact')}
          </Button>
        ) : null}
      </p>
      {error ? <p className="field-error">{error}</p> : null}
      <div className="filters-search">
        <Field
          label={t('registry.organisations.contactSearch')}
          hint={t('registry.organisations.contactSearchHint')}
          className="filters-search-field"
        >
          <Input type="search" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={onKeyDown} />
        </Field>
        <Button onClick={runSearch}>{t('registry.people.searchButton')}</Button>
      </div>
      {search.isError ? <ErrorBanner error={search.error} /> : null}
      {search.data && search.data.items.length === 0 ? <p className="muted small">{t('registry.people.noMatches')}</p> : null}
      {search.data && search.data.items.length > 0 ? (
        <ul className="plain-list attendance-results">
          {search.data.items.map((p) => (
            <li key={p.id} className="attendance-result">
              <span>{p.name}</span>
              <Button size="sm" disabled={p.erased || value?.id === p.id} onClick={() => onChange({ id: p.id, name: p.name, erased: p.erased })}>
                {t('registry.organisations.chooseContact')}
                <span className="visually-hidden"> {p.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
