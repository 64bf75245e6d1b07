// The claim form: validated by the contract's own schema before anything is sent, a refusal from the
// case shown beside its field, and nothing the user typed thrown away.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Claim } from '../../electron/schema/records';
import { ApiCallError } from '../../renderer/src/client';
import { ClaimForm } from '../../renderer/src/forms/claim-form';
import { dropAllDrafts } from '../../renderer/src/forms/drafts';
import { claimItem, uuid } from './fixtures';
import { callsTo, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const deal = {
  id: uuid(500),
  title: 'Huawei Safe City, Tashkent',
  technology: 'cctv' as const,
  country: 'Uzbekistan',
  status: 'signed' as const,
  year: 2019,
  valueAmount: null,
  valueCurrency: null,
  summary: null,
  createdAt: '',
  updatedAt: '',
  deletedAt: null,
};

function described(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

beforeEach(() => dropAllDrafts());

describe('the claim form', () => {
  it('refuses an empty statement beside the field, sends nothing, and keeps the rest of the input', async () => {
    resetBackend({ 'deals.list': () => page([deal]) });
    const onSaved = vi.fn();
    renderApp(<ClaimForm onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'almaty, cameras');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Under review');
    await user.type(screen.getByRole('combobox', { name: 'Deal' }), 'Huawei');
    await user.click(await screen.findByRole('option', { name: /Huawei Safe City/ }));
    await user.type(screen.getByRole('textbox', { name: 'Statement' }), '   ');
    await user.click(screen.getByRole('button', { name: 'Create claim' }));

    const statement = screen.getByRole('textbox', { name: 'Statement' });
    await waitFor(() => expect(statement).toHaveAttribute('aria-invalid', 'true'));
    expect(described(statement)).toContain('Statement is required');
    expect(statement).toHaveFocus();
    expect(callsTo('claims.create')).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Tags' })).toHaveValue('almaty, cameras');
    expect(screen.getByRole('combobox', { name: 'Deal' })).toHaveValue('Huawei Safe City, Tashkent');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('under_review');
  });

  it('sends exactly what the contract expects', async () => {
    const created = { ...claimItem(7), statement: 'Huawei supplied the cameras.' } as Claim;
    resetBackend({ 'deals.list': () => page([deal]), 'claims.create': () => created });
    const onSaved = vi.fn();
    renderApp(<ClaimForm onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Statement' }), '  Huawei supplied the cameras. ');
    await user.type(screen.getByRole('combobox', { name: 'Deal' }), 'Safe');
    // The deal picker searches as the user types, through the list method's text filter.
    await waitFor(() => expect(callsTo('deals.list')).toContainEqual({ query: 'Safe', limit: 20 }));
    await user.click(await screen.findByRole('option', { name: /Huawei Safe City/ }));
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'cctv, uzbekistan, cctv');
    await user.click(screen.getByRole('button', { name: 'Create claim' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created));
    expect(callsTo('claims.create')).toEqual([
      {
        statement: 'Huawei supplied the cameras.',
        dealId: deal.id,
        status: 'draft',
        tags: ['cctv', 'uzbekistan'],
      },
    ]);
  });

  it('puts a refusal from the case next to the field it names, keeping every typed value', async () => {
    resetBackend({
      'deals.list': () => page([deal]),
      'claims.create': () => {
        throw new ApiCallError('claims.create', {
          code: 'invalid_input',
          message: 'Invalid input: dealId was removed',
          fields: { dealId: 'was removed from the case' },
        });
      },
    });
    renderApp(<ClaimForm onSaved={() => {}} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Statement' }), 'Huawei supplied the cameras.');
    await user.type(screen.getByRole('combobox', { name: 'Deal' }), 'Safe');
    await user.click(await screen.findByRole('option', { name: /Huawei Safe City/ }));
    await user.click(screen.getByRole('button', { name: 'Create claim' }));

    const dealField = screen.getByRole('combobox', { name: 'Deal' });
    await waitFor(() => expect(dealField).toHaveAttribute('aria-invalid', 'true'));
    expect(described(dealField)).toContain('Deal was removed from the case');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Statement' })).toHaveValue('Huawei supplied the cameras.');
  });

  it('reports a refusal that names no field for the whole form, still keeping the input', async () => {
    resetBackend({
      'claims.update': () => {
        throw new ApiCallError('claims.update', {
          code: 'conflict',
          message: 'This claim was changed by someone else since you opened it.',
        });
      },
    });
    const claim = claimItem(3, { statement: 'Original statement' });
    renderApp(<ClaimForm claim={claim} onSaved={() => {}} onCancel={() => {}} />);
    const user = userEvent.setup();
    const statement = screen.getByRole('textbox', { name: 'Statement' });
    await user.clear(statement);
    await user.type(statement, 'Edited statement');
    await user.click(screen.getByRole('button', { name: 'Save claim' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('changed by someone else');
    expect(statement).toHaveValue('Edited statement');
    // Updates carry the version the user started from, so a concurrent change is refused, not overwritten.
    expect(callsTo('claims.update')).toEqual([
      {
        id: claim.id,
        ifUpdatedAt: claim.updatedAt,
        statement: 'Edited statement',
        dealId: null,
        status: 'draft',
        tags: [],
      },
    ]);
  });

  it('keeps a draft when the form is closed by accident and reopened', async () => {
    resetBackend({ 'deals.list': () => page([]) });
    const first = renderApp(<ClaimForm presetDealId={null} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Statement' }), 'Half-written thought');
    first.unmount();
    renderApp(<ClaimForm presetDealId={null} onSaved={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole('textbox', { name: 'Statement' })).toHaveValue('Half-written thought');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  });
});
