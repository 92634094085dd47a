import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Option = { value: string; label: string };

type MultiSelectProps = {
  legend: string;
  options: Option[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
};

/**
 * Many choices out of a long list: the chosen ones as removable chips, the rest as a
 * filterable list of checkboxes. Works with the keyboard and screen readers alike.
 */
export function MultiSelect({ legend, options, selected, onChange, error, hint, required = false }: MultiSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const labelOf = useMemo(() => new Map(options.map((o) => [o.value, o.label])), [options]);
  const visible = useMemo(() => {
    const f = filter.trim().toLocaleLowerCase();
    return f ? options.filter((o) => o.label.toLocaleLowerCase().includes(f) || o.value.toLowerCase() === f) : options;
  }, [options, filter]);

  const toggle = (value: string, on: boolean) => {
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  };
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className={['fieldset', 'multi-select', error ? 'field-invalid' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      <legend className="field-label">
        {legend}
        {required ? (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ul className="chips" aria-label={t('common.selected')}>
        {selected.length === 0 ? <li className="chips-empty">{t('common.noneSelected')}</li> : null}
        {selected.map((value) => (
          <li key={value} className="chip">
            <span>{labelOf.get(value) ?? value}</span>
            <button
              type="button"
              className="chip-remove"
              onClick={() => toggle(value, false)}
              aria-label={t('common.removeItem', { item: labelOf.get(value) ?? value })}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <label className="visually-hidden" htmlFor={`${id}-filter`}>
        {t('common.filterList', { list: legend })}
      </label>
      <input
        id={`${id}-filter`}
        className="input multi-select-filter"
        type="search"
        value={filter}
        placeholder={t('common.filterPlaceholder')}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="multi-select-options">
        {visible.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" checked={selected.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <span>{o.label}</span>
          </label>
        ))}
        {visible.length === 0 ? <p className="field-hint">{t('common.noMatches')}</p> : null}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
