// Import: the file is previewed row by row before anything changes; rejected rows say why, conflicts
// wait for a choice, a broken file says where, and the import applies exactly the plan shown.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImportPlan, ImportResult, PlanRow } from '../../electron/schema/exchange';
import { ApiCallError } from '../../renderer/src/client';
import { ImportView } from '../../renderer/src/exchange/import-view';
import { uuid } from './fixtures';
import { backend, callsTo, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const BIB = '@article{a, title={Safe City}}\n@misc{b, author={Anonymous}}\n';
const planId = 'a'.repeat(64);

function row(over: Partial<PlanRow> & Pick<PlanRow, 'row' | 'action'>): PlanRow {
  return {
    line: over.row * 5,
    ref: `@article{r${over.row}}`,
    entity: 'source',
    id: null,
    label: `Source ${over.row}`,
    reason: null,
    ...over,
  };
}

function plan(rows: PlanRow[], over: Partial<ImportPlan> = {}): ImportPlan {
  const count = (a: PlanRow['action']) => rows.filter((r) => r.action === a).length;
  return {
    kind: 'bibtex',
    fileName: 'refs.bib',
    fileSha256: 'b'.repeat(64),
    planId,
    totals: {
      rows: rows.length,
      create: count('create'),
      update: count('update'),
      duplicate: count('duplicate'),
      conflict: count('conflict'),
      rejected: count('rejected'),
    },
    rows,
    columns: null,
    notes: [],
    fatal: null,
    ...over,
  };
}

const done: ImportResult = {
  planId,
  created: 2,
  updated: 0,
  skipped: 0,
  rejected: 1,
  resolved: { ours: 0, theirs: 0 },
  importEvent: { seq: 14, hash: 'c'.repeat(64) },
  auditHead: { seq: 16, hash: 'd'.repeat(64) },
};

const oneRejected = plan([
  row({ row: 1, action: 'create', label: 'Huawei’s Safe City in Tashkent' }),
  row({
    row: 2,
    line: 9,
    ref: '@misc{untitled_note_2020}',
    action: 'rejected',
    reason: 'has no title',
    fields: { title: 'is required' },
  }),
  row({ row: 3, action: 'create', label: 'SORM in Kyrgyzstan' }),
]);

async function chooseFile(name = 'refs.bib', text = BIB) {
  const input = screen.getByLabelText('File to import');
  await userEvent.upload(input, new File([text], name, { type: 'application/x-bibtex' }));
}

const table = () => screen.findByRole('table', { name: 'Rows of the file' });

// jsdom lays nothing out: give the preview's scrolling table a viewport so its visible rows render.
let restore: () => void = () => undefined;
beforeEach(() => {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('plan-scroll') ? 440 : 0;
    },
  });
  restore = () => {
    if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
  };
});
afterEach(() => restore());

describe('the import preview', () => {
  it('previews the chosen file and shows the rejected row with its line and reason', async () => {
    resetBackend({ 'exchange.preview': () => oneRejected });
    renderApp(<ImportView />, { nav: { section: 'import' } });
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Kind of file' }),
      'BibTeX / BibLaTeX',
    );
    await chooseFile();
    const shown = await table();
    await waitFor(() => expect(within(shown).getAllByRole('row')).toHaveLength(4));
    const rows = within(shown).getAllByRole('row');
    const rejected = rows.find((r) => r.textContent?.includes('untitled_note_2020')) as HTMLElement;
    expect(
      within(rejected)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      '2',
      '9',
      '@misc{untitled_note_2020}',
      'Source Source 2',
      'Rejected',
      'has no titletitle is required',
    ]);
    const preview = callsTo('exchange.preview')[0] as { kind: string; fileName: string; bytesBase64: string };
    expect(preview.kind).toBe('bibtex');
    expect(preview.fileName).toBe('refs.bib');
    expect(atob(preview.bytesBase64)).toBe(BIB);
    const totals = screen.getByLabelText('What the import would do');
    expect(totals).toHaveTextContent('New2');
    expect(totals).toHaveTextContent('Rejected1');
  });

  it('imports only after the user agrees to leave the rejected row out, then says what was created', async () => {
    resetBackend({ 'exchange.preview': () => oneRejected, 'exchange.import': () => done });
    const { queryClient } = renderApp(<ImportView />, { nav: { section: 'import' } });
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    await chooseFile();
    await table();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave out 1 rejected row?' });
    expect(dialog).toHaveTextContent('Row 2 (line 9), @misc{untitled_note_2020}: has no title');
    expect(callsTo('exchange.import')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import without it' }));
    const status = await screen.findByText(/Imported “refs.bib”\./);
    expect(status.closest('p')).toHaveTextContent(
      'Imported “refs.bib”. 2 records created, 0 records updated, 0 rows already in the case, 1 rejected row left out. Recorded in the audit trail as event #14.',
    );
    expect(callsTo('exchange.import')).toEqual([
      {
        kind: 'bibtex',
        fileName: 'refs.bib',
        bytesBase64: btoa(BIB),
        expectedPlanId: planId,
        resolutions: {},
        skipRejected: true,
      },
    ]);
    expect(invalidate).toHaveBeenCalled();
    expect(screen.queryByRole('table', { name: 'Rows of the file' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show the sources' }));
    expect(screen.getByTestId('nav')).toHaveTextContent(/^sources\|/);
  });

  it('cancelling the confirmation imports nothing', async () => {
    resetBackend({ 'exchange.preview': () => oneRejected, 'exchange.import': () => done });
    renderApp(<ImportView />, { nav: { section: 'import' } });
    await chooseFile();
    await table();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave out 1 rejected row?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(callsTo('exchange.import')).toEqual([]);
    expect(screen.getByRole('table', { name: 'Rows of the file' })).toBeInTheDocument();
  });

  it('asks for a choice on each conflict and sends the choices with the import', async () => {
    const a = uuid(41);
    const b = uuid(42);
    const conflicts = plan(
      [
        row({
          row: 1,
          action: 'conflict',
          id: a,
          entity: 'claim',
          label: 'Oniks-Line supplied SORM',
          reason: 'changed on both sides since the copies parted',
          changes: [{ field: 'status', ours: 'verified', theirs: 'disputed' }],
        }),
        row({ row: 2, action: 'conflict', id: b, entity: 'source', label: 'Kursiv report' }),
        row({ row: 3, action: 'create' }),
      ],
      { kind: 'case-json', fileName: 'colleague.case.json' },
    );
    resetBackend({ 'exchange.preview': () => conflicts, 'exchange.import': () => done });
    renderApp(<ImportView />, { nav: { section: 'import' } });
    await chooseFile('colleague.case.json', '{}');
    const first = await screen.findByRole('group', { name: 'Claim: Oniks-Line supplied SORM' });
    expect((callsTo('exchange.preview')[0] as { kind: string }).kind).toBe('case-json');
    expect(first).toHaveTextContent('status yours “verified”, theirs “disputed”');
    const importButton = screen.getByRole('button', { name: 'Import' });
    expect(importButton).toBeDisabled();
    expect(screen.getByText('2 of 2 still to choose.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Keep all mine' }));
    await userEvent.click(within(first).getByRole('radio', { name: 'Take theirs' }));
    expect(screen.getByText('Every conflict has a choice.')).toBeInTheDocument();
    expect(within(await table()).getByText(': you take theirs')).toBeInTheDocument();
    await userEvent.click(importButton);
    await screen.findByText(/Imported “colleague.case.json”/);
    expect(callsTo('exchange.import')[0]).toMatchObject({
      resolutions: { [a]: 'theirs', [b]: 'ours' },
      skipRejected: false,
    });
  });

  it('shows a fatal problem with its line and offers no import', async () => {
    resetBackend({
      'exchange.preview': () =>
        plan([], {
          fatal: { line: 3, message: 'The file ends in the middle of an entry: it looks truncated.' },
        }),
    });
    renderApp(<ImportView />, { nav: { section: 'import' } });
    await chooseFile();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Line 3: The file ends in the middle of an entry: it looks truncated.');
    expect(alert).toHaveTextContent('Nothing can be imported from this file.');
    expect(screen.queryByRole('button', { name: 'Import' })).not.toBeInTheDocument();
  });

  it('previews again when the plan changed before the import, and imports nothing meanwhile', async () => {
    let previews = 0;
    resetBackend({
      'exchange.preview': () => {
        previews++;
        return plan([row({ row: 1, action: previews === 1 ? 'create' : 'duplicate' })], {
          planId: String(previews).repeat(64),
        });
      },
      'exchange.import': () => {
        throw new ApiCallError('exchange.import', {
          code: 'conflict',
          message: 'The case or the file changed since the preview.',
          reason: 'plan_changed',
        });
      },
    });
    renderApp(<ImportView />, { nav: { section: 'import' } });
    await chooseFile();
    await table();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The case or the file changed since this preview, so nothing was imported. Here is a fresh preview',
    );
    await waitFor(() => expect(previews).toBe(2));
    expect(
      await screen.findByText(/Nothing to import: everything in this file is already in the case/),
    ).toBeInTheDocument();
    expect(callsTo('exchange.import')).toHaveLength(1);
    expect(callsTo('exchange.import')[0]).toMatchObject({ expectedPlanId: '1'.repeat(64) });
  });

  it('re-previews a spreadsheet with the column mapping the user chose', async () => {
    const csv = plan([row({ row: 2, action: 'create', ref: 'row 2' })], {
      kind: 'csv-sources',
      columns: [
        { column: 1, header: 'Title', field: 'title' },
        { column: 2, header: 'Desk', field: null },
      ],
    });
    resetBackend({ 'exchange.preview': () => csv });
    renderApp(<ImportView />, { nav: { section: 'import' } });
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Kind of file' }),
      'Spreadsheet of sources (CSV)',
    );
    await chooseFile('sources.csv', 'Title,Desk\nA,x\n');
    const desk = await screen.findByRole('combobox', { name: 'Column 2: “Desk”' });
    expect(desk).toHaveValue('');
    expect(within(desk).getByRole('option', { name: 'Keep in the notes' })).toBeInTheDocument();
    await userEvent.selectOptions(desk, 'Publisher');
    await waitFor(() => expect(callsTo('exchange.preview')).toHaveLength(2));
    expect(callsTo('exchange.preview')[1]).toMatchObject({
      kind: 'csv-sources',
      options: { columns: { Title: 'title', Desk: 'publisher' } },
    });
  });

  it('shows the progress of a long preview on a labelled progress bar', async () => {
    let finish: (p: ImportPlan) => void = () => undefined;
    resetBackend({
      'exchange.preview': () => new Promise<ImportPlan>((resolve) => (finish = resolve)),
      'exchange.progress': () => ({ operation: 'preview', phase: 'plan', done: 40, total: 100 }),
    });
    renderApp(<ImportView />, { nav: { section: 'import' } });
    await chooseFile();
    const bar = await screen.findByRole('progressbar', { name: 'Preview progress' });
    await waitFor(() => expect(bar).toHaveAttribute('value', '40'));
    expect(screen.getByText('Comparing it with the case: 40 of 100')).toBeInTheDocument();
    finish(oneRejected);
    await table();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(backend.calls.some((c) => c.method === 'exchange.progress')).toBe(true);
  });
});
