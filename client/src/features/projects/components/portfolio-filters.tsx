import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_STATUSES, PROJECT_TYPES, REGIONS } from '@shared/enums';
import { Button } from '@/components/ui/button';
import { Field, Input, Options, Select } from '@/components/ui/field';
import { CountryOptions } from '@/components/ui/country-options';
import { currentLocale } from '@/lib/i18n';
import type { PortfolioFilterKey, PortfolioFilterValues } from './portfolio-params';

type PortfolioFiltersProps = {
  values: PortfolioFilterValues;
  onChange: (key: PortfolioFilterKey, value: string) => void;
  onClear: () => void;
};

const FIRST_YEAR = 2000;

function yearOptions(): number[] {
  const last = new Date().getFullYear() + 5;
  const years: number[] = [];
  for (let y = last; y >= FIRST_YEAR; y -= 1) years.push(y);
  return years;
}

export function PortfolioFilters({ values, onChange, onClear }: PortfolioFiltersProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [q, setQ] = useState(values.q);
  const [lastQ, setLastQ] = useState(values.q);
  // The URL is the source of truth: follow it when it changes from outside (clear, back button).
  if (values.q !== lastQ) {
    setLastQ(values.q);
    setQ(values.q);
  }

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    onChange('q', q.trim());
  };
  const hasFilters = Object.values(values).some((v) => v !== '');

  return (
    <div className="filters">
      <form className="filters-search" role="search" onSubmit={submitSearch}>
        <Field label={t('projects.filters.search')} className="filters-search-field">
          <Input type="search" value={q} placeholder={t('projects.filters.searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <Button type="submit">{t('projects.filters.searchButton')}</Button>
      </form>
      <div className="filters-grid">
        <Field label={t('projects.fields.status')}>
          <Select value={values.status} onChange={(e) => onChange('status', e.target.value)}>
            <option value="">{t('projects.filters.any')}</option>
            <Options values={PROJECT_STATUSES} label={(s) => t(`enums.projectStatus.${s}`)} />
          </Select>
        </Field>
        <Field label={t('projects.fields.type')}>
          <Select value={values.type} onChange={(e) => onChange('type', e.target.value)}>
            <option value="">{t('projects.filters.any')}</option>
            <Options values={PROJECT_TYPES} label={(s) => t(`enums.projectType.${s}`)} />
          </Select>
        </Field>
        <Field label={t('projects.fields.region')}>
          <Select value={values.region} onChange={(e) => onChange('region', e.target.value)}>
            <option value="">{t('projects.filters.any')}</option>
            <Options values={REGIONS} label={(s) => t(`enums.region.${s}`)} />
          </Select>
        </Field>
        <Field label={t('projects.filters.memberState')}>
          <Select value={values.memberState} onChange={(e) => onChange('memberState', e.target.value)}>
            <CountryOptions locale={locale} none={t('projects.filters.any')} />
          </Select>
        </Field>
        <Field label={t('projects.filters.year')}>
          <Select value={values.year} onChange={(e) => onChange('year', e.target.value)}>
            <option value="">{t('projects.filters.any')}</option>
            {yearOptions().map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {hasFilters ? (
        <div className="filters-clear">
          <Button variant="ghost" size="sm" onClick={onClear}>
            {t('projects.filters.clear')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
