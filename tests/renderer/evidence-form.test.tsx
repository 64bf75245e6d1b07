// Adding evidence: the source picked by typing or created on the spot (without leaving the claim),
// the grade chosen in words, and every mistake shown where it was made.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiCallError } from '../../renderer/src/client';
import { dropAllDrafts } from '../../renderer/src/forms/drafts';
import { EvidenceForm } from '../../renderer/src/forms/evidence-form';
import { SourceForm } from '../../renderer/src/forms/source-form';
import { evidence, source, uuid } from './fixtures';
import { callsTo, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const claimId = uuid(1);
const known = [
  source(1, { title: 'Vlast.kz: How Sergek watches Almaty', reliability: 'C' }),
  source(2, { title: 'Reuters wire' }),
];

beforeEach(() => dropAllDrafts());

describe('the evidence form', () => {
  it('finds a source as the user types and sends the item with its credibility as a number', async () => {
    resetBackend({
      'sources.list': (input) =>
        page(known.filter((s) => !input?.query || s.title.toLowerCase().includes(input.query.toLowerCase()))),
      'evidence.add': () => evidence(1),
    });
    const onSaved = vi.fn();
    renderApp(<EvidenceForm claimId={claimId} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: 'Source' }), 'vlast');
    await waitFor(() => expect(callsTo('sources.list')).toContainEqual({ query: 'vlast', limit: 20 }));
    const options = screen.getByRole('listbox', { name: 'Source options' });
    await waitFor(() => expect(within(options).getAllByRole('option')).toHaveLength(1));
    await user.click(within(options).getByRole('option', { name: /Vlast\.kz/ }));
    await user.type(screen.getByRole('textbox', { name: 'Excerpt' }), 'Sergek cameras read faces.');
    await user.type(screen.getByRole('textbox', { name: 'Locator' }), 'para. 4');
    await user.click(screen.getByRole('radio', { name: /Contradicts/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Credibility' }), '3 — Possibly true');
    await user.click(screen.getByRole('button', { name: 'Add evidence' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(callsTo('evidence.add')).toEqual([
      {
        claimId,
        sourceId: known[0]!.id,
        stance: 'contradicts',
        excerpt: 'Sergek cameras read faces.',
        prefix: null,
        suffix: null,
        locator: 'para. 4',
        credibility: 3,
        note: null,
      },
    ]);
  });

  it('can be filled and sent with the keyboard alone', async () => {
    resetBackend({
      'sources.list': (input) =>
        page(known.filter((s) => !input?.query || s.title.toLowerCase().includes(input.query.toLowerCase()))),
      'evidence.add': () => evidence(1),
    });
    const onSaved = vi.fn();
    renderApp(<EvidenceForm claimId={claimId} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.tab();
    const picker = screen.getByRole('combobox', { name: 'Source' });
    expect(picker).toHaveFocus();
    await user.keyboard('reuters');
    await waitFor(() => expect(callsTo('sources.list')).toContainEqual({ query: 'reuters', limit: 20 }));
    await waitFor(() => expect(picker).toHaveAttribute('aria-activedescendant'));
    await user.keyboard('{Enter}');
    expect(picker).toHaveValue('Reuters wire');
    await user.tab(); // New source…
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Excerpt' })).toHaveFocus();
    await user.keyboard('Quoted words');
    await user.tab();
    await user.keyboard('p. 1');
    await user.tab();
    const credibility = screen.getByRole('combobox', { name: 'Credibility' });
    expect(credibility).toHaveFocus();
    // A native select: the browser handles its keys (jsdom does not, so the choice is made directly).
    await user.selectOptions(credibility, '2 — Probably true');
    await user.tab();
    expect(screen.getByRole('radio', { name: /Supports/ })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: /Contradicts/ })).toBeChecked();
    await user.click(screen.getByRole('textbox', { name: 'Locator' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(callsTo('evidence.add')).toEqual([
      expect.objectContaining({
        sourceId: known[1]!.id,
        excerpt: 'Quoted words',
        locator: 'p. 1',
        credibility: 2,
        stance: 'contradicts',
      }),
    ]);
  });

  it('says what is missing beside each field and sends nothing', async () => {
    resetBackend({ 'sources.list': () => page(known) });
    renderApp(<EvidenceForm claimId={claimId} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add evidence' }));
    expect(await screen.findByText('Choose the source this excerpt comes from')).toBeInTheDocument();
    expect(screen.getByText('Excerpt is required')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Source' })).toHaveAttribute('aria-invalid', 'true');
    expect(callsTo('evidence.add')).toEqual([]);
  });

  it('creates a new source inline, chooses it, and keeps the excerpt already typed', async () => {
    const created = source(3, { title: 'Kursiv report', reliability: 'B', kind: 'report' });
    resetBackend({
      'sources.list': () => page(known),
      'sources.create': () => created,
      'evidence.add': () => evidence(2),
    });
    const onSaved = vi.fn();
    renderApp(<EvidenceForm claimId={claimId} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(
      screen.getByRole('textbox', { name: 'Excerpt' }),
      'The contract names a Chinese supplier.',
    );
    await user.click(screen.getByRole('button', { name: 'New source…' }));
    const dialog = await screen.findByRole('dialog', { name: 'New source' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Kursiv report');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Kind' }), 'Report');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Reliability' }),
      'B — Usually reliable',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create source' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(callsTo('sources.create')).toEqual([
      expect.objectContaining({
        title: 'Kursiv report',
        kind: 'report',
        reliability: 'B',
        confidential: false,
        derivedFrom: null,
      }),
    ]);
    // The picker shows the new source's title once the form has taken it.
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Source' })).toHaveValue('Kursiv report'),
    );
    expect(screen.getByRole('textbox', { name: 'Excerpt' })).toHaveValue(
      'The contract names a Chinese supplier.',
    );
    // Creating the source did not submit the evidence: that is still the user's decision.
    expect(callsTo('evidence.add')).toEqual([]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Credibility' }), '2 — Probably true');
    await user.click(screen.getByRole('button', { name: 'Add evidence' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(callsTo('evidence.add')).toEqual([
      expect.objectContaining({ sourceId: created.id, credibility: 2, stance: 'supports' }),
    ]);
  });
});

describe('the source form', () => {
  it('shows the case’s refusal of an origin loop beside “Derived from”, keeping the other fields', async () => {
    const original = source(5, { title: 'Original report' });
    resetBackend({
      'sources.list': () => page([original]),
      'sources.update': () => {
        throw new ApiCallError('sources.update', {
          code: 'invalid_input',
          message: 'Invalid input: derivedFrom would make a source derive from itself',
          fields: { derivedFrom: 'would make a source derive from itself (directly or through others)' },
        });
      },
    });
    const edited = source(6, { title: 'Copy of the report' });
    renderApp(<SourceForm source={edited} onSaved={() => {}} onCancel={() => {}} />);
    const user = userEvent.setup();
    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Copy of the report (2nd)');
    await user.click(screen.getByRole('checkbox', { name: 'Confidential source' }));
    await user.type(screen.getByRole('combobox', { name: 'Derived from' }), 'Orig');
    await user.click(await screen.findByRole('option', { name: /Original report/ }));
    await user.click(screen.getByRole('button', { name: 'Save source' }));
    const origin = screen.getByRole('combobox', { name: 'Derived from' });
    // Wait for the refusal to be shown, as the user does, before looking at what the form kept.
    expect(
      await screen.findByText(
        'Derived from would make a source derive from itself (directly or through others)',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(origin).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveValue('Copy of the report (2nd)');
    expect(screen.getByRole('checkbox', { name: 'Confidential source' })).toBeChecked();
    expect(callsTo('sources.update')).toEqual([
      expect.objectContaining({
        id: edited.id,
        ifUpdatedAt: edited.updatedAt,
        derivedFrom: original.id,
        confidential: true,
      }),
    ]);
  });

  it('refuses a malformed address and date before sending', async () => {
    resetBackend({ 'sources.list': () => page([]) });
    renderApp(<SourceForm onSaved={() => {}} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'A title');
    await user.type(screen.getByRole('textbox', { name: 'Address (URL)' }), 'not a url');
    await user.type(screen.getByRole('textbox', { name: 'Published' }), 'March 2019');
    await user.click(screen.getByRole('button', { name: 'Create source' }));
    // The contract's own messages, each prefixed with its field's label, beside that field.
    expect(await screen.findByText(/^Address \(URL\) must be/)).toBeInTheDocument();
    expect(screen.getByText('Published must be a date like 2019, 2019-03 or 2019-03-21')).toBeInTheDocument();
    expect(callsTo('sources.create')).toEqual([]);
  });
});
