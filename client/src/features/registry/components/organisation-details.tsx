import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { todayIso } from '@shared/calc/dates';
import { CreateEngagementInput, type Organisation } from '@shared/schemas/registry-organisation';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input, Textarea } from '@/components/ui/field';
import { DefinitionList, EmptyState } from '@/components/ui/layout';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { countryName, formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useAddEngagement } from '../api/organisations';

/** The organisation's record; the contact person links to their registry record unless it was erased. */
export function OrganisationDetails({ organisation: o, personHref }: { organisation: Organisation; personHref: (id: number) => string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const none = t('common.notSet');
  const redacted = t('registry.redacted');
  const personal = (v: string | null) => (o.redacted ? redacted : (v ?? none));
  const contact = o.contactPerson;
  const contactValue = o.redacted ? (
    redacted
  ) : contact === null ? (
    none
  ) : contact.erased ? (
    contact.name
  ) : (
    <Link to={personHref(contact.id)}>{contact.name}</Link>
  );
  return (
    <DefinitionList
      items={[
        { key: 'type', term: t('registry.organisations.type'), value: t(`registry.orgType.${o.type}`) },
        { key: 'country', term: t('registry.fields.country'), value: `${countryName(o.country, locale)}${o.city ? `, ${o.city}` : ''}` },
        {
          key: 'sectors',
          term: t('registry.fields.sectors'),
          value: o.sectors.length ? o.sectors.map((s) => t(`registry.sector.${s}`)).join(', ') : none,
        },
        { key: 'size', term: t('registry.organisations.size'), value: o.sizeEstimate ?? none },
        { key: 'members', term: t('registry.organisations.members'), value: o.memberCount },
        { key: 'contactPerson', term: t('registry.organisations.contactPerson'), value: contactValue },
        { key: 'contactEmail', term: t('registry.organisations.contactEmail'), value: personal(o.contactEmail) },
        { key: 'contactPhone', term: t('registry.organisations.contactPhone'), value: personal(o.contactPhone) },
        {
          key: 'links',
          term: t('registry.organisations.links'),
          value: o.links.length ? (
            <ul className="plain-list">
              {o.links.map((l) => (
                <li key={l}>
                  <a href={l} rel="noreferrer noopener" target="_blank">
                    {l}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            none
          ),
        },
        { key: 'description', term: t('registry.organisations.description'), value: o.description || none },
      ]}
    />
  );
}

/** Engagement history, newest first; notes are personal and hidden from partners and donors. */
export function EngagementHistory({ organisation: o, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const add = useAddEngagement();
  const [values, setValues] = useState({ date: todayIso(), note: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const entries = [...o.engagements].sort((a, b) => b.date.localeCompare(a.date));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateEngagementInput.safeParse(values);
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error.issues));
    setErrors({});
    add.mutate({ organisationId: o.id, input: parsed.data }, { onSuccess: () => setValues({ date: todayIso(), note: '' }) });
  };

  return (
    <div className="stack">
      {canEdit ? (
        <form className="form inline-panel" onSubmit={submit} noValidate>
          {add.error ? <ErrorBanner error={add.error} /> : null}
          {add.isSuccess ? <Notice tone="success">{t('registry.organisations.engagementAdded')}</Notice> : null}
          <div className="form-grid">
            <Field label={t('registry.organisations.engagementDate')} error={errors.date} required>
              <Input type="date" value={values.date} onChange={(e) => setValues((v) => ({ ...v, date: e.target.value }))} />
            </Field>
          </div>
          <Field label={t('registry.organisations.engagementNote')} error={errors.note} required>
            <Textarea rows={2} value={values.note} onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))} />
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={add.isPending}>
              {t('registry.organisations.addEngagement')}
            </Button>
          </div>
        </form>
      ) : null}
      {entries.length === 0 ? (
        <EmptyState>{t('registry.organisations.noEngagements')}</EmptyState>
      ) : (
        <ol className="history engagement-list" aria-label={t('registry.organisations.engagementHistory')}>
          {entries.map((e) => (
            <li key={e.id} className="history-entry">
              <p className="history-when">{formatDate(e.date, locale)}</p>
              <p>{e.note ?? <span className="muted">{t('registry.redacted')}</span>}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
