import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '@shared/schemas/evidence';
import { EvidencePanel } from '@/features/indicators/components/evidence-panel';
import { ValueReview } from '@/features/indicators/components/value-review';
import { buildValue } from './indicator-fixtures';
import { json, mockFetch, renderWithApp } from './test-utils';

describe('ValueReview', () => {
  it('does not let a manager approve their own submission and says why; returning it still works', async () => {
    const user = userEvent.setup();
    const value = buildValue({ id: 90, version: 3, status: 'submitted', submittedBy: { id: 2, name: 'Farrukh Nazarov' } });
    const { calls } = mockFetch({ 'POST /api/values/90/return': () => json({ ...value, status: 'returned', version: 4 }) });
    renderWithApp(<ValueReview value={value} userId={2} />);

    const approve = screen.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription('You cannot approve your own submission.');
    expect(screen.getByText(/another manager or an administrator must approve it/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Return with a note' }));
    await user.click(screen.getByRole('button', { name: 'Return value' }));
    expect(await screen.findByText('Required.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await user.type(screen.getByLabelText(/^What needs to change/), 'Attach the roster extract.');
    await user.click(screen.getByRole('button', { name: 'Return value' }));
    await screen.findByRole('button', { name: 'Return with a note' });
    expect(calls[0]?.body).toEqual({ version: 3, note: 'Attach the roster extract.' });
  });

  it('lets another reviewer approve with the version they saw', async () => {
    const user = userEvent.setup();
    const value = buildValue({ id: 91, version: 5, status: 'submitted', submittedBy: { id: 2, name: 'Farrukh Nazarov' } });
    const { calls } = mockFetch({ 'POST /api/values/91/approve': () => json({ ...value, status: 'approved', version: 6 }) });
    renderWithApp(<ValueReview value={value} userId={1} />);
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]?.url.pathname).toBe('/api/values/91/approve');
    expect(calls[0]?.body).toEqual({ version: 5 });
  });
});

describe('EvidencePanel', () => {
  it('refuses a file over the size limit before sending it', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { calls } = mockFetch({});
    renderWithApp(<EvidencePanel value={buildValue({ id: 92 })} editable />);
    const big = new File([new Uint8Array(EVIDENCE_MAX_BYTES + 1)], 'scan.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByLabelText('Attach evidence'), big);
    expect(await screen.findByRole('alert')).toHaveTextContent('scan.pdf is 10 MB; files may be up to 10 MB.');
    expect(calls).toHaveLength(0);
  });

  it('sends the file as multipart and explains a type the server refuses by its content', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { fetchMock } = mockFetch({
      'POST /api/values/93/evidence': () =>
        json(
          { error: { code: 'FILE_TYPE_NOT_ALLOWED', message: 'Attach a PDF', details: { issues: [{ path: 'file', message: 'not accepted' }] } } },
          400,
        ),
    });
    renderWithApp(<EvidencePanel value={buildValue({ id: 93 })} editable />);
    await user.upload(screen.getByLabelText('Attach evidence'), new File(['MZ fake'], 'report.pdf', { type: 'application/pdf' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The content of this file is not of an accepted type.');
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBeInstanceOf(FormData);
    expect((init?.body as FormData).get('file')).toBeInstanceOf(File);
    expect(new Headers(init?.headers).has('Content-Type')).toBe(false);
  });

  it('asks to save the draft first when there is no value to attach to yet', () => {
    mockFetch({});
    renderWithApp(<EvidencePanel value={null} editable />);
    expect(screen.getByText('Save the draft first, then attach evidence to it.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Attach evidence')).not.toBeInTheDocument();
  });
});
