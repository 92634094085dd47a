import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { DisaggregationDimension } from '@shared/enums';
import { checkDimension, DisaggregationGrid, toDisaggregation, type PartsDraft } from '@/features/indicators/components/disaggregation-grid';

function Harness({ total, configured }: { total: number | null; configured: DisaggregationDimension[] }) {
  const [draft, setDraft] = useState<PartsDraft>({});
  return (
    <DisaggregationGrid
      configured={configured}
      total={total}
      draft={draft}
      onChange={(d, part, text) => setDraft((all) => ({ ...all, [d]: { ...all[d], [part]: text } }))}
    />
  );
}

const statusOf = (legend: RegExp) => {
  const group = screen.getByRole('group', { name: legend });
  return group.querySelector('.disagg-status');
};

describe('DisaggregationGrid', () => {
  it('checks the parts by sex against the total as they are typed: partial, too many, then complete', async () => {
    const user = userEvent.setup();
    render(<Harness total={70} configured={['sex']} />);
    expect(statusOf(/By sex/)).toHaveTextContent('Not broken down yet.');

    await user.type(screen.getByLabelText('Women'), '30');
    expect(statusOf(/By sex/)).toHaveTextContent('30 of 70 broken down; 2 parts are still empty.');

    await user.type(screen.getByLabelText('Men'), '45');
    expect(statusOf(/By sex/)).toHaveTextContent('The parts add up to 75, 5 more than the total 70.');
    expect(screen.getByLabelText('Women')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByLabelText('Men'));
    await user.type(screen.getByLabelText('Men'), '38');
    await user.type(screen.getByLabelText('Other or unknown'), '1');
    expect(statusOf(/By sex/)).toHaveTextContent('The parts add up to 69, 1 less than the total 70.');

    await user.clear(screen.getByLabelText('Other or unknown'));
    await user.type(screen.getByLabelText('Other or unknown'), '2');
    expect(statusOf(/By sex/)).toHaveTextContent('Complete: the parts add up to the total 70.');
    expect(screen.getByLabelText('Women')).not.toHaveAttribute('aria-invalid');
  });

  it('shows one grid per configured dimension, each with its own sum check', async () => {
    const user = userEvent.setup();
    render(<Harness total={10} configured={['sex', 'participantGroup']} />);
    for (const label of ['Government', 'Diaspora', 'Civil society', 'International community']) {
      await user.type(screen.getByLabelText(label), label === 'Diaspora' ? '4' : '2');
    }
    expect(statusOf(/By participant group/)).toHaveTextContent('Complete: the parts add up to the total 10.');
    expect(statusOf(/By sex/)).toHaveTextContent('Not broken down yet.');
  });

  it('asks for the total before its parts, and refuses a part that is not a number of 0 or more', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Harness total={null} configured={['sex']} />);
    await user.type(screen.getByLabelText('Women'), '3');
    expect(statusOf(/By sex/)).toHaveTextContent('Enter the total value before its parts.');
    rerender(<Harness total={5} configured={['sex']} />);
    await user.type(screen.getByLabelText('Men'), '-1');
    expect(statusOf(/By sex/)).toHaveTextContent('Each part must be a number of 0 or more.');
  });
});

describe('The breakdown rules the grid applies (shared/calc/disaggregation.ts)', () => {
  it('classifies parts against the total, treating decimals that add up as complete', () => {
    expect(checkDimension(0.3, { women: '0.1', men: '0.2', other: '0' }, 'sex').kind).toBe('complete');
    expect(checkDimension(10, { women: '6', men: '5' }, 'sex')).toEqual({ kind: 'exceeds', sum: 11, total: 10 });
    expect(checkDimension(10, { women: '6' }, 'sex')).toEqual({ kind: 'partial', sum: 6, total: 10, missing: 2 });
    expect(checkDimension(10, { women: '6', men: '3', other: '0' }, 'sex')).toEqual({ kind: 'short', sum: 9, total: 10 });
    expect(checkDimension(10, {}, 'sex').kind).toBe('empty');
  });

  it('sends only configured dimensions that have a part, with null for the empty parts', () => {
    expect(toDisaggregation({ sex: { women: '3', men: '' }, participantGroup: { government: '1' } }, ['sex'])).toEqual({
      sex: { women: 3, men: null, other: null },
    });
    expect(toDisaggregation({ sex: { women: '' } }, ['sex'])).toBeNull();
  });
});
