import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ItemButton } from '@/components/ui/item-button';
import { ScrollTable } from '@/components/ui/scroll-table';

describe('ScrollTable', () => {
  it('draws a labelled scrolling region with the caption, one header row and the body rows', () => {
    render(
      <ScrollTable label="Spending" caption="By category" columns={['Category', { label: 'Spent', numeric: true }]}>
        <tr>
          <td>Staff</td>
          <td>10</td>
        </tr>
      </ScrollTable>,
    );
    const region = screen.getByRole('region', { name: 'Spending' });
    const table = within(region).getByRole('table', { name: 'By category' });
    expect(table).toHaveClass('table');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Category', 'Spent']);
    expect(headers[1]).toHaveClass('num');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('hides the caption from sight but not from screen readers when asked, and takes the table class given', () => {
    const { container } = render(
      <ScrollTable label="Indicators" caption="Indicators of Outcome 1" captionHidden className="table table-compact" columns={['Code']}>
        <tr>
          <td>1.1</td>
        </tr>
      </ScrollTable>,
    );
    expect(container.querySelector('caption')).toHaveClass('visually-hidden');
    expect(screen.getByRole('table', { name: 'Indicators of Outcome 1' })).toHaveClass('table', 'table-compact');
  });
});

describe('ItemButton', () => {
  it('is named with the verb and the item, draws a delete in the danger colour, and calls its handler', async () => {
    const onClick = vi.fn();
    render(
      <ItemButton item="Outcome 1: Water" danger onClick={onClick}>
        Delete
      </ItemButton>,
    );
    const button = screen.getByRole('button', { name: /Outcome 1: Water/ });
    expect(button).toHaveTextContent('Delete Outcome 1: Water');
    expect(button).toHaveClass('btn-ghost', 'btn-sm', 'btn-danger-text');
    await userEvent.setup().click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
