import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fieldIssue } from '@shared/issues';
import type { ImportResult } from '@shared/schemas/budget-ledger';
import { ErrorBanner } from '@/components/ui/error-banner';
import { ExpenditureImport } from '@/features/budget/components/expenditure-import';
import { ApiError } from '@/lib/api-client';
import { issueText, toFieldErrors } from '@/lib/errors';
import { i18n } from '@/lib/i18n';
import { json, mockFetch, renderWithApp } from './test-utils';

const usd = (amount: string) => ({ amount, currency: 'USD' as const });

/** A dry run that found problems: rules this client knows, and one it does not (from a newer server). */
const CHECKED: ImportResult = {
  dryRun: true,
  valid: false,
  rowCount: 3,
  created: 0,
  rows: [],
  errors: [
    { row: 1, field: '', code: 'csv.field_count', params: { count: 5000, expected: 12 }, message: 'Has 5000 fields; the header has 12' },
    {
      row: 4,
      field: 'fxRate',
      code: 'ledger.rate_required',
      params: { projectCurrency: 'USD', currency: 'EUR' },
      message: 'Give the rate: USD per one EUR',
    },
    { row: 7, field: '', code: 'csv.field_count', params: { count: 3, expected: 12 }, message: 'Has 3 fields; the header has 12' },
    { row: 9, field: 'amount', code: 'ledger.some_future_rule', params: {}, message: 'A rule from a newer server' },
  ],
  sums: { committed: usd('0.00'), spent: usd('0.00') },
};

describe('Rule codes in the reader’s language', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ru');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('a Russian ledger import shows each row error translated, with its numbers in Russian format; an unknown code shows the English', async () => {
    const user = userEvent.setup();
    mockFetch({ 'POST /api/projects/5/expenditures/import': () => json(CHECKED) });
    renderWithApp(<ExpenditureImport projectId={5} projectCurrency="USD" lines={[]} onDone={vi.fn()} />);

    await user.upload(screen.getByLabelText('Файл CSV'), new File(['date,amount\n'], 'ledger.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Проверить файл' }));

    const table = await screen.findByRole('table', { name: 'Ошибки' });
    const problems = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').at(-1)?.textContent);
    expect(problems).toEqual([
      // 5 000 with the Russian group separator (a no-break space), not 5000 or 5,000.
      expect.stringMatching(/^В строке полей: 5\u00a0000, в заголовке: 12\.$/),
      'Укажите курс: USD за одну единицу EUR.',
      'В строке полей: 3, в заголовке: 12.',
      'A rule from a newer server',
    ]);
  });

  it('a refusal that names its rule (details.rule) is shown in Russian in the error banner, not as the generic text of its code', () => {
    const error = new ApiError(409, 'HAS_DEPENDENTS', 'This line still has 3 ledger entries; move or delete them first', {
      entries: 3,
      rule: { code: 'budget_line.has_entries', params: { count: 3 } },
    });
    render(<ErrorBanner error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('По этой статье ещё есть записи в журнале (3); сначала перенесите или удалите их.');
  });

  it('field issues read dates and dimension names in Russian; params that do not fit the code fall back to the English', () => {
    const errors = toFieldErrors(i18n.t, [
      fieldIssue('start', 'period.overlaps', { start: '2025-01-01', end: '2025-03-31' }),
      fieldIssue('disaggregation.sex', 'disaggregation.not_configured', { dimension: 'participantGroup' }),
      { path: 'complete', code: 'disaggregation.incomplete', params: { dimensions: 'sex' }, message: 'Only a value whose parts add up…' },
    ]);
    // The date's own abbreviation ends the sentence: no second full stop after "г.".
    expect(errors.start).toBe('Пересекается с периодом 1 янв. 2025 г. – 31 мар. 2025 г.');
    expect(errors['disaggregation.sex']).toBe('Этот индикатор не разбивается по признаку «группа участников».');
    expect(errors.complete).toBe('Only a value whose parts add up…');
    // A zod message without a rule code still gets its known translation.
    expect(issueText(i18n.t, { code: 'too_big', message: 'At most 300 characters' })).toBe('Не более 300 символов.');
  });
});
