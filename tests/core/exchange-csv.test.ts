// Spreadsheets of sources and claims: a BOM, Windows line endings, commas and quotes inside cells,
// line breaks inside cells, a column mapping the user can see and change, and every bad row
// reported by the row number a spreadsheet shows.

import { getClaim, listClaims } from '../../electron/core/claims';
import { createDeal } from '../../electron/core/deals';
import { listSources } from '../../electron/core/sources';
import { cleanUpAfterEach, newCase, snapshot } from '../support/temp-case';
import { count, importFile, preview, rowsBy, synthetic } from './exchange-support';

cleanUpAfterEach();

describe('sources from a spreadsheet (Excel: BOM, CRLF)', () => {
  it('shows how each column is read and notes the BOM and the line endings', async () => {
    const c = newCase();
    const plan = await preview(c, 'csv-sources', synthetic('sources-excel.csv'));
    expect(plan.columns?.map((col) => [col.header, col.field])).toEqual([
      ['Title', 'title'],
      ['Type', 'kind'],
      ['Link', 'url'],
      ['Author', 'author'],
      ['Outlet', 'publisher'],
      ['Date', 'publishedAt'],
      ['Grade', 'reliability'],
      ['Confidential', 'confidential'],
      ['Notes', 'notes'],
      ['Desk', null],
    ]);
    expect(plan.notes.join(' ')).toMatch(/byte-order mark/);
    expect(plan.notes.join(' ')).toMatch(/Windows line endings/);
    expect(plan.notes.join(' ')).toMatch(/kept in each source's notes: Desk/);
  });

  it('keeps commas, doubled quotes and line breaks inside cells; rows are numbered as a spreadsheet shows them', async () => {
    const c = newCase();
    const plan = await preview(c, 'csv-sources', synthetic('sources-excel.csv'));
    expect(plan.rows.map((r) => [r.row, r.line, r.action])).toEqual([
      [2, 2, 'create'],
      // The cell with a line break makes row 2 two lines long: row 3 starts on line 4.
      [3, 4, 'create'],
      [4, 5, 'rejected'],
      [5, 6, 'create'],
    ]);
    await importFile(c, 'csv-sources', synthetic('sources-excel.csv'), { skipRejected: true });
    const all = listSources(c, { sort: { field: 'title', direction: 'asc' } }).items;
    const contract = all.find((s) => s.title === 'Safe City, Tashkent: the contract')!;
    expect(contract).toMatchObject({
      kind: 'report',
      author: 'Ivanova, A.',
      publisher: 'Example Outlet',
      reliability: 'B',
    });
    expect(contract.notes).toBe('line one\nline two\nDesk: Investigations');
    const brochure = all.find((s) => s.title === 'Oniks-Line brochure')!;
    expect(brochure).toMatchObject({ confidential: true, reliability: 'C', publishedAt: '2017' });
    expect(brochure.notes).toContain('He said "SORM-3" works');
  });

  it('rejects a value outside an enumeration, naming the field and the allowed values', async () => {
    const c = newCase();
    const plan = await preview(c, 'csv-sources', synthetic('sources-excel.csv'));
    const [bad] = rowsBy(plan, 'rejected');
    expect(bad!.row).toBe(4);
    expect(bad!.fields?.kind).toMatch(/must be one of article, report/);
    expect(bad!.reason).toContain('"memo"');
  });

  it('a date it cannot read is kept in the notes with a warning, not dropped', async () => {
    const c = newCase();
    const plan = await preview(c, 'csv-sources', synthetic('sources-excel.csv'));
    const row = plan.rows.find((r) => r.label === 'Ministry statement')!;
    expect(row.warnings?.[0]).toContain('21 March 2019');
    await importFile(c, 'csv-sources', synthetic('sources-excel.csv'), { skipRejected: true });
    const s = listSources(c, { query: 'Ministry' }).items[0]!;
    expect(s.publishedAt).toBeNull();
    expect(s.notes).toContain('Published (as given): 21 March 2019');
    expect(s.kind).toBe('official_record');
  });

  it('the user can change the mapping; the preview shows the new one', async () => {
    const c = newCase();
    const plan = await preview(c, 'csv-sources', synthetic('sources-excel.csv'), {
      options: { columns: { Outlet: null, Desk: 'publisher' } },
    });
    expect(plan.columns?.find((col) => col.header === 'Desk')?.field).toBe('publisher');
    expect(plan.columns?.find((col) => col.header === 'Outlet')?.field).toBeNull();
  });

  it('without a title column there is nothing to import: the whole file is refused, with why', async () => {
    const c = newCase();
    const plan = await preview(c, 'csv-sources', 'Name of thing,Kind\r\nx,report\r\n', {
      options: { columns: { 'Name of thing': null } },
    });
    expect(plan.fatal?.message).toMatch(/No column is read as the title/);
    expect(plan.rows).toHaveLength(0);
  });

  it('importing the same spreadsheet again changes nothing', async () => {
    const c = newCase();
    await importFile(c, 'csv-sources', synthetic('sources-excel.csv'), { skipRejected: true });
    const before = snapshot(c);
    const again = await preview(c, 'csv-sources', synthetic('sources-excel.csv'));
    expect(again.totals).toMatchObject({ create: 0, conflict: 0, duplicate: 3, rejected: 1 });
    expect(snapshot(c)).toEqual(before);
  });

  it('semicolon-separated files (European Excel) are read too, and say so', async () => {
    const c = newCase();
    const plan = await preview(
      c,
      'csv-sources',
      'title;kind;reliability\r\n"Rapport; version 2";report;C\r\n',
    );
    expect(plan.notes.join(' ')).toMatch(/semicolon/);
    expect(plan.rows[0]).toMatchObject({ action: 'create', label: 'Rapport; version 2' });
  });
});

describe('claims from a spreadsheet', () => {
  it('links a claim to a deal named by title, splits tags, and rejects unknown deals and statuses by row', async () => {
    const c = newCase();
    const deal = createDeal(c, {
      title: 'Huawei Safe City project in Uzbekistan',
      technology: 'cctv',
      status: 'deployed',
    });
    const plan = await preview(c, 'csv-claims', synthetic('claims.csv'));
    expect(plan.rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'rejected'],
      [5, 'rejected'],
    ]);
    expect(plan.rows[2]!.reason).toContain('no deal titled "A deal nobody recorded"');
    expect(plan.rows[3]!.fields?.status).toMatch(/got "probable"/);
    await importFile(c, 'csv-claims', synthetic('claims.csv'), { skipRejected: true });
    const claims = listClaims(c, { filters: { dealId: deal.id } }).items;
    expect(claims).toHaveLength(1);
    const detail = getClaim(c, claims[0]!.id);
    expect(detail.claim.statement).toBe(
      "Huawei supplied the cameras, servers and software for Tashkent's Safe City",
    );
    expect(detail.claim.status).toBe('under_review');
    expect(detail.claim.tags).toEqual(['huawei', 'safe-city']);
    expect(count(c, 'claims')).toBe(2);
  });

  it('a claim already in the case (same statement) is a duplicate, not a second claim', async () => {
    const c = newCase();
    const csv = 'statement,status\r\nKyrgyzstan bought SORM equipment,draft\r\n';
    await importFile(c, 'csv-claims', csv);
    const plan = await preview(c, 'csv-claims', 'Claim,Status\r\nKyrgyzstan bought SORM equipment,draft\r\n');
    expect(plan.rows[0]).toMatchObject({ action: 'duplicate' });
    // Matched (case and punctuation aside) but worded differently: the user decides.
    const reworded = await preview(c, 'csv-claims', 'Claim\r\n"kyrgyzstan bought SORM equipment."\r\n');
    expect(reworded.rows[0]).toMatchObject({ action: 'conflict' });
    expect(reworded.rows[0]!.changes?.map((ch) => ch.field)).toEqual(['statement']);
  });

  it('cells our own exports protected against formula injection are read back as written', async () => {
    const c = newCase();
    await importFile(c, 'csv-claims', "statement\r\n'=1+1 is not a formula\r\n");
    expect(listClaims(c, {}).items[0]!.statement).toBe('=1+1 is not a formula');
  });
});
