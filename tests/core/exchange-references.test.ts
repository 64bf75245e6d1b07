// Sources from reference managers: the real-world exports of Zotero, Better BibTeX, JabRef, Qiqqa,
// Citavi, Lens and Manubot, and synthetic files written as Zotero writes them. Every entry is
// accounted for (created, or rejected with a reason), what does not map is kept in the notes, and
// importing the same file again changes nothing.
import { verifyChain } from '../../electron/core/audit';
import { previewImport } from '../../electron/core/exchange/preview';
import { getSource, listSources } from '../../electron/core/sources';
import type { ImportKind } from '../../electron/schema/exchange';
import { cleanUpAfterEach, newCase, snapshot } from '../support/temp-case';
import {
  count,
  countBibEntries,
  countRisRecords,
  importFile,
  preview,
  realWorld,
  rowsBy,
  synthetic,
} from './exchange-support';

cleanUpAfterEach();

const fixtures: [string, ImportKind, (text: string) => number][] = [
  ['bib_betterbibtex_zotero_misc_urldate.bib', 'bibtex', countBibEntries],
  ['bib_jabref210_cyrillic_groups_TRIMMED.bib', 'bibtex', countBibEntries],
  ['bib_jabref22_string_concat.bib', 'bibtex', countBibEntries],
  ['bib_qiqqa_escapes_homoglyph.bib', 'bibtex', countBibEntries],
  ['ris_zotero_crlf_TRIMMED.ris', 'ris', countRisRecords],
  ['ris_lens_bom_mixed_eol_TRIMMED.ris', 'ris', countRisRecords],
  ['ris_citavi_multiline_values.ris', 'ris', countRisRecords],
  ['csl_bbt_zotero_news_web.json', 'csl-json', (t) => (JSON.parse(t) as unknown[]).length],
  ['csl_manubot_report_literal_authors.json', 'csl-json', (t) => (JSON.parse(t) as unknown[]).length],
  ['csl_bbt_zotero_accents_html.json', 'csl-json', (t) => (JSON.parse(t) as unknown[]).length],
];

describe('real-world reference files', () => {
  it.each(fixtures)(
    '%s: every entry is created or rejected with a reason; none is dropped',
    async (name, kind, counter) => {
      const c = newCase();
      const bytes = realWorld(name);
      const expected = counter(bytes.toString('utf8').replace(/^\ufeff/, ''));
      expect(expected).toBeGreaterThan(0);
      const plan = await preview(c, kind, bytes, { fileName: name });
      expect(plan.fatal).toBeNull();
      expect(plan.rows).toHaveLength(expected);
      expect(new Set(plan.rows.map((r) => r.row)).size).toBe(expected);
      for (const r of plan.rows) {
        expect(['create', 'rejected', 'duplicate']).toContain(r.action);
        if (r.action !== 'create') expect(r.reason, `row ${r.row}`).toBeTruthy();
      }
      const result = await importFile(c, kind, bytes, {
        fileName: name,
        skipRejected: true,
        expectedPlanId: plan.planId,
      });
      expect(result.created).toBe(rowsBy(plan, 'create').length);
      expect(count(c, 'sources')).toBe(result.created);
      expect(verifyChain(c.db).ok).toBe(true);
      // One audit event per record, plus the one that records the import itself.
      const events = c.db
        .prepare("SELECT count(*) FROM audit_log WHERE entity = 'source' AND action = 'create'")
        .pluck()
        .get();
      expect(events).toBe(result.created);
      const importEvent = c.db
        .prepare("SELECT payload FROM audit_log WHERE action = 'import'")
        .pluck()
        .get() as string;
      expect(JSON.parse(importEvent)).toMatchObject({ kind, fileName: name, planId: plan.planId });
    },
  );

  it.each(fixtures)('%s: importing it again changes nothing', async (name, kind) => {
    const c = newCase();
    const bytes = realWorld(name);
    await importFile(c, kind, bytes, { skipRejected: true });
    const before = snapshot(c);
    const again = await preview(c, kind, bytes);
    expect(again.totals.create).toBe(0);
    expect(again.totals.conflict).toBe(0);
    expect(again.totals.duplicate + again.totals.rejected).toBe(again.totals.rows);
    expect(snapshot(c)).toEqual(before);
  });

  it('keeps BibTeX fields citation-js does not map (groups, timestamp) in the notes', async () => {
    const c = newCase();
    await importFile(c, 'bibtex', realWorld('bib_betterbibtex_zotero_misc_urldate.bib'));
    const page = listSources(c, { query: 'Recherche Google', limit: 5 });
    const s = page.items.find((x) => x.title.includes('theory of truth'));
    expect(s).toBeDefined();
    expect(s!.url).toContain('google.ca/search');
    expect(s!.accessedAt).toBe('2017-02-20');
    expect(s!.reliability).toBe('F');
    expect(s!.notes).toContain('@misc{--__theorytruthinauthor}');
    expect(s!.notes).toMatch(/groups \(not mapped\): 0027_Theorie-de-la-verite/);
    expect(s!.notes).toMatch(/timestamp \(not mapped\): 2015-02-24/);
  });

  it('expands @string macros joined with # into author names (JabRef 2.2)', async () => {
    const c = newCase();
    await importFile(c, 'bibtex', realWorld('bib_jabref22_string_concat.bib'));
    const [s] = listSources(c, { limit: 5 }).items;
    expect(s!.author).toContain('Patterson, David');
    expect(s!.author).toMatch(/Asanov\S*c, Krste/);
    expect(s!.author).not.toMatch(/#|Patterson # /);
  });

  it('reads RIS multi-line values and keeps the 17 authors of one Zotero record', async () => {
    const c = newCase();
    await importFile(c, 'ris', realWorld('ris_zotero_crlf_TRIMMED.ris'));
    const authors = (c.db.prepare('SELECT author FROM sources').pluck().all() as string[]).map(
      (a) => a.split('; ').length,
    );
    expect(Math.max(...authors)).toBe(17);
    const names = (c.db.prepare('SELECT author FROM sources').pluck().all() as string[]).join(' ');
    expect(names).toContain('van de Schoot, Rens');
    expect(names).toContain('Sundström');
  });
});

describe('synthetic files written as Zotero writes them', () => {
  it('BibTeX: accents as LaTeX escapes, double braces, corporate authors, Cyrillic', async () => {
    const c = newCase();
    const plan = await preview(c, 'bibtex', synthetic('zotero-accents.bib'));
    expect(plan.totals).toMatchObject({ rows: 3, create: 3, rejected: 0 });
    await importFile(c, 'bibtex', synthetic('zotero-accents.bib'));
    const all = listSources(c, { sort: { field: 'title', direction: 'asc' } }).items;
    const de = all.find((s) => s.title.startsWith('Überwachung'))!;
    expect(de.title).toBe('Überwachung in Zentralasien: SORM und Safe City');
    expect(de.author).toBe('Müller, Jörg; Dvořák, Aleš; Human Rights Watch');
    expect(de.publisher).toBe('Zeitschrift für Sicherheitsstudien');
    expect(de.publishedAt).toBe('2019-11');
    expect(de.accessedAt).toBe('2021-03-04');
    expect(de.kind).toBe('article');
    expect(de.notes).toContain('DOI: 10.1234/zas.2019.042');
    expect(de.notes).toContain('file (not mapped): Müller - 2019.pdf');
    const fr = all.find((s) => s.kind === 'report')!;
    expect(fr.title).toBe("Les exportations de technologies de surveillance : l'État et ses partenaires");
    expect(fr.author).toBe('François, Élodie');
    expect(fr.publisher).toBe('Observatoire des libertés numériques');
    const ru = all.find((s) => s.title.startsWith('Система'))!;
    expect(ru.author).toBe('Солдатов, Андрей');
    expect(ru.url).toBe('https://example.org/sorm');
  });

  it('RIS: several AU lines (and old-style A1 lines) become the author list; unknown tags go to notes', async () => {
    const c = newCase();
    await importFile(c, 'ris', synthetic('multi-author.ris'));
    const all = listSources(c, { sort: { field: 'title', direction: 'asc' } }).items;
    const report = all.find((s) => s.kind === 'report')!;
    expect(report.author).toBe('Ivanova, Anna; Smith, John Q.; de la Cruz, María; Öztürk, Ayşe');
    expect(report.publishedAt).toBe('2021-06-15');
    expect(report.publisher).toBe('Example Institute');
    expect(report.notes).toContain('ZZ (not mapped): a tag no reader knows');
    expect(report.notes).toContain('collection-editor: Editor, Erin');
    const news = all.find((s) => s.title.startsWith('Huawei cameras'))!;
    expect(news.author).toBe('Reporter, Rita; Writer, Walter');
    expect(news.publisher).toBe('The Daily Example');
  });

  it('a BibTeX entry without a title is rejected with its row, line and reason; the others import', async () => {
    const c = newCase();
    const plan = await preview(c, 'bibtex', synthetic('one-rejected.bib'));
    expect(plan.totals).toMatchObject({ rows: 3, create: 2, rejected: 1 });
    const [bad] = rowsBy(plan, 'rejected');
    expect(bad).toMatchObject({ row: 2, line: 9, ref: '@misc{untitled_note_2020}', reason: 'has no title' });
    expect(bad!.fields).toEqual({ title: 'is required' });
    const result = await importFile(c, 'bibtex', synthetic('one-rejected.bib'), { skipRejected: true });
    expect(result).toMatchObject({ created: 2, rejected: 1 });
  });
});

describe('natural keys for rows without our ids', () => {
  it('matches on DOI first, then on normalized title and year; states which in the reason', async () => {
    const c = newCase();
    await importFile(c, 'bibtex', synthetic('one-rejected.bib'), { skipRejected: true });
    const sameDoiNewTitle =
      '@article{x, title = {Huawei’s SAFE CITY in Tashkent!}, year = 2019, doi = {https://doi.org/10.5555/CAR.2019.7}, journal = {Central Asia Review}, author = {Karimova, Dilnoza}}';
    const plan = await preview(c, 'bibtex', sameDoiNewTitle);
    expect(plan.rows[0]).toMatchObject({ action: 'conflict' });
    expect(plan.rows[0]!.reason).toContain('DOI 10.5555/car.2019.7');
    expect(plan.rows[0]!.changes?.map((ch) => ch.field)).toEqual(['title']);
    const sameTitle =
      '@report{y, title = "SORM in Kyrgyzstan: procurement and oversight", year = 2017, institution = {CIIP}, url = {https://example.org/ciip-sorm}, author = {{Civil Initiative on Internet Policy}}}';
    const plan2 = await preview(c, 'bibtex', sameTitle);
    expect(plan2.rows[0]).toMatchObject({ action: 'duplicate' });
    expect(plan2.rows[0]!.reason).toContain('title and year (2017)');
  });

  it('two entries for the same work in one file: the second is a duplicate of the first', async () => {
    const c = newCase();
    const twice =
      '@misc{a, title = {Same work}, year = 2020}\n@misc{b, title = {Same  Work.}, year = 2020}\n';
    const plan = await preview(c, 'bibtex', twice);
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'duplicate']);
    expect(plan.rows[1]!.reason).toContain('row 1');
    await importFile(c, 'bibtex', twice);
    const again = await preview(c, 'bibtex', twice);
    expect(again.rows.map((r) => r.action)).toEqual(['duplicate', 'duplicate']);
    expect(count(c, 'sources')).toBe(1);
  });

  it('a changed reference is a conflict: taken only when the user chooses theirs, and the choice is audited', async () => {
    const c = newCase();
    await importFile(
      c,
      'bibtex',
      '@misc{a, title = {A report}, year = 2020, url = {https://example.org/old}}',
    );
    const changed = '@misc{a, title = {A report}, year = 2020, url = {https://example.org/new}}';
    const plan = await preview(c, 'bibtex', changed);
    const [row] = rowsBy(plan, 'conflict');
    expect(row!.changes).toEqual([
      { field: 'url', ours: 'https://example.org/old', theirs: 'https://example.org/new' },
    ]);
    await expect(importFile(c, 'bibtex', changed)).rejects.toMatchObject({
      code: 'conflict',
      reason: 'unresolved_conflicts',
    });
    await importFile(c, 'bibtex', changed, { resolutions: { [row!.id!]: 'theirs' } });
    expect(getSource(c, row!.id!).source.url).toBe('https://example.org/new');
    const resolve = c.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'resolve' AND entity_id = ?")
      .pluck()
      .get(row!.id);
    expect(resolve).toBe(1);
    const imports = c.db
      .prepare("SELECT payload FROM audit_log WHERE action = 'import' ORDER BY seq DESC")
      .pluck()
      .all() as string[];
    expect(JSON.parse(imports[0]!).resolutions).toEqual({ [row!.id!]: 'theirs' });
  });
});

describe('throughput', () => {
  it('reads and imports a large BibTeX file row by row, reporting progress', async () => {
    const c = newCase();
    const one = realWorld('bib_betterbibtex_zotero_misc_urldate.bib').toString('utf8');
    // The real file 28 times over, each copy with its own keys and titles: 1,008 entries.
    const big = Array.from({ length: 28 }, (_, i) =>
      one.replace(/@(\w+)\{([^,]+),/g, `@$1{$2_${i},`).replace(/title = \{/g, `title = {Copy ${i}: `),
    ).join('\n');
    const entries = countBibEntries(big);
    const seen: number[] = [];
    const started = performance.now();
    const result = await importFile(c, 'bibtex', big, { skipRejected: true });
    const seconds = (performance.now() - started) / 1000;
    expect(result.created + result.rejected + result.skipped).toBe(entries);
    expect(count(c, 'sources')).toBe(result.created);
    const progress = await previewImport(
      c,
      { kind: 'bibtex', text: one },
      { onProgress: (p) => seen.push(p.done) },
    );
    expect(progress.rows).toHaveLength(36);
    expect(seen.at(-1)).toBe(36);
    console.info(
      `BibTeX import: ${entries} entries in ${seconds.toFixed(2)} s = ${Math.round(entries / seconds)} rows/s`,
    );
  }, 120_000);
});
