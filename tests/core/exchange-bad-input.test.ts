// Bad input of every kind is reported with its row and changes nothing: the case file is
// byte-identical (main file and WAL hashed) after the preview and after the refused import.
import { createClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { runExport } from '../../electron/core/exchange/export';
import { createSource } from '../../electron/core/sources';
import type { ImportKind, ImportPlan } from '../../electron/schema/exchange';
import { cleanUpAfterEach, fileHash, newCase, snapshot } from '../support/temp-case';
import { importFile, preview, rowsBy } from './exchange-support';

cleanUpAfterEach();

/** Previews and tries to import `bytes`; asserts the file did not change by a single byte. */
async function refused(c: CaseFile, kind: ImportKind, bytes: Buffer | string): Promise<ImportPlan> {
  const before = snapshot(c);
  const hash = fileHash(c.path);
  const plan = await preview(c, kind, bytes);
  expect(snapshot(c)).toEqual(before);
  await expect(importFile(c, kind, bytes)).rejects.toMatchObject({ code: 'invalid_input' });
  expect(snapshot(c)).toEqual(before);
  expect(fileHash(c.path)).toBe(hash);
  return plan;
}

/** A case export as tests edit it: sections of plain records. */
interface CaseDoc {
  records: Record<string, Record<string, unknown>[]>;
  [key: string]: unknown;
}

function caseDoc(): { c: CaseFile; doc: CaseDoc } {
  const src = newCase();
  const s = createSource(src, { title: 'Ruling', kind: 'court_record', reliability: 'A' });
  createClaim(src, { statement: 'The cameras were installed' });
  createSource(src, { title: 'Second source', kind: 'article', reliability: 'C', derivedFrom: s.id });
  const doc = JSON.parse(runExport(src, { format: 'case-json' }).text!);
  return { c: newCase(), doc };
}

describe('broken encoding', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('CSV: the row holding bytes that are not UTF-8 is rejected with its line; the rest is readable', async () => {
    const c = newCase();
    const bytes = Buffer.concat([
      Buffer.from('title,kind\r\nGood one,report\r\n', 'utf8'),
      latin1('Caf\u00e9 r\u00e9port,report\r\n'),
      Buffer.from('Also good,article\r\n', 'utf8'),
    ]);
    const plan = await refused(c, 'csv-sources', bytes);
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'rejected', 'create']);
    expect(rowsBy(plan, 'rejected')[0]).toMatchObject({ row: 3, line: 3 });
    expect(rowsBy(plan, 'rejected')[0]!.reason).toMatch(/line 3 holds bytes that are not valid UTF-8/);
    expect(plan.notes.join(' ')).toMatch(/Windows-1252/);
  });

  it('BibTeX: the entry holding them is rejected', async () => {
    const c = newCase();
    const bytes = Buffer.concat([
      Buffer.from('@misc{a, title = {Fine}, year = 2020}\n', 'utf8'),
      latin1('@misc{b, title = {M\u00fcller}, year = 2021}\n'),
    ]);
    const plan = await refused(c, 'bibtex', bytes);
    expect(plan.rows.map((r) => [r.row, r.action])).toEqual([
      [1, 'create'],
      [2, 'rejected'],
    ]);
  });

  it('case JSON: cannot be split around them, so the whole file is refused with the line', async () => {
    const { c, doc } = caseDoc();
    const text = JSON.stringify(doc, null, 1);
    const bytes = Buffer.from(text.replace('Ruling', 'Rul\u0000ing'), 'utf8');
    bytes[bytes.indexOf(0)] = 0xff;
    const plan = await refused(c, 'case-json', bytes);
    expect(plan.fatal?.message).toMatch(/^Line \d+ holds bytes that are not valid UTF-8/);
    expect(plan.fatal?.line).toBeGreaterThan(1);
  });
});

describe('truncated files', () => {
  it('case JSON cut short: refused as truncated, with the line', async () => {
    const { c, doc } = caseDoc();
    const text = JSON.stringify(doc, null, 1);
    const plan = await refused(c, 'case-json', text.slice(0, Math.floor(text.length * 0.6)));
    expect(plan.fatal?.message).toMatch(/looks truncated/);
    expect(plan.rows).toHaveLength(0);
  });

  it('BibTeX cut inside the last entry: that entry is rejected as not closed', async () => {
    const c = newCase();
    const plan = await refused(
      c,
      'bibtex',
      '@misc{a, title = {One}, year = 2020}\n\n@misc{b, title = {Two}, ye',
    );
    expect(plan.rows[1]).toMatchObject({ row: 2, line: 3, action: 'rejected' });
    expect(plan.rows[1]!.reason).toMatch(/file ends inside it/);
  });

  it('BibTeX entry missing its closing brace: rejected, and the next entry is still read', async () => {
    const c = newCase();
    const plan = await refused(
      c,
      'bibtex',
      '@misc{a, title = {Broken, year = 2020}\n@misc{b, title = {Fine}, year = 2021}\n',
    );
    expect(plan.rows.map((r) => r.action)).toEqual(['rejected', 'create']);
    expect(plan.rows[0]!.reason).toMatch(/not closed .* next entry starts at line 2/);
  });

  it('RIS cut before ER: the last record is rejected', async () => {
    const c = newCase();
    const plan = await refused(
      c,
      'ris',
      'TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two\nAU  - Cut, Off',
    );
    expect(plan.rows[1]).toMatchObject({ row: 2, line: 5, action: 'rejected' });
    expect(plan.rows[1]!.reason).toMatch(/no ER line: the file ends inside it/);
  });

  it('CSV cut inside a quoted cell, or mid-row: that row is rejected with why', async () => {
    const c = newCase();
    const quoted = await refused(
      c,
      'csv-sources',
      'title,kind,notes\r\nOne,report,ok\r\nTwo,report,"a note that never',
    );
    expect(rowsBy(quoted, 'rejected')[0]!.reason).toMatch(/quoted cell is not closed/);
    const cut = await refused(c, 'csv-sources', 'title,kind,notes\r\nOne,report,ok\r\nTwo,rep');
    expect(rowsBy(cut, 'rejected')[0]).toMatchObject({
      row: 3,
      reason: expect.stringMatching(/has 2 cell\(s\) where the header has 3/),
    });
  });

  it('an empty file is refused', async () => {
    const c = newCase();
    const plan = await refused(c, 'csl-json', '');
    expect(plan.fatal?.message).toMatch(/empty/);
  });
});

describe('a 10 MB single cell', () => {
  it('is rejected with its row and column; the other rows stay importable', async () => {
    const c = newCase();
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const csv = `title,kind,notes\r\nSmall,report,fine\r\nBig,report,"${huge}"\r\n`;
    const plan = await refused(c, 'csv-sources', csv);
    const [bad] = rowsBy(plan, 'rejected');
    expect(bad).toMatchObject({ row: 3, label: 'Big' });
    expect(bad!.reason).toContain('column "notes" holds 10,485,760 characters');
    expect(rowsBy(plan, 'create')).toHaveLength(1);
  }, 60_000);
});

describe('case JSON with bad records', () => {
  it('duplicate ids: neither row is taken, both are named', async () => {
    const { c, doc } = caseDoc();
    doc.records.sources!.push({ ...doc.records.sources![0]!, title: 'Impostor' });
    const plan = await refused(c, 'case-json', JSON.stringify(doc));
    const rejected = rowsBy(plan, 'rejected').filter((r) => r.entity === 'source');
    // The two rows sharing an id, and the source derived from that id, which cannot be placed.
    expect(rejected.map((r) => r.ref)).toEqual(['sources[0]', 'sources[1]', 'sources[2]']);
    expect(rejected[0]!.reason).toMatch(/is used by 2 rows of this file \(row \d+, row \d+\)/);
    expect(rejected[2]!.reason).toBe(rejected[0]!.reason);
    expect(rejected[1]!.reason).toMatch(/which is rejected/);
  });

  it('references to missing records: rejected, and so is what depends on a rejected record', async () => {
    const { c, doc } = caseDoc();
    const claim = doc.records.claims![0]!;
    doc.records.evidence!.push({
      id: '01900000-0000-7000-8000-000000000001',
      claimId: '01900000-0000-7000-8000-00000000dead',
      sourceId: doc.records.sources![0]!.id,
      stance: 'supports',
      excerpt: 'q',
      prefix: null,
      suffix: null,
      locator: null,
      credibility: 2,
      note: null,
      createdAt: claim.createdAt,
      updatedAt: claim.updatedAt,
      deletedAt: null,
    });
    doc.records.sources![0]!.reliability = 'G';
    const plan = await refused(c, 'case-json', JSON.stringify(doc));
    const byRef = new Map(plan.rows.map((r) => [r.ref, r]));
    expect(byRef.get('sources[0]')).toMatchObject({
      action: 'rejected',
      fields: { reliability: expect.any(String) },
    });
    // The second source derives from the rejected first one.
    expect(byRef.get('sources[1]')!.reason).toMatch(
      /refers to source sources\[0\] \(row \d+\) in derivedFrom, which is rejected/,
    );
    expect(byRef.get('evidence[0]')!.reason).toMatch(
      /refers in claimId to a claim \(.*dead\) that is neither in this file nor in the case/,
    );
    expect(byRef.get('claims[0]')!.action).toBe('create');
  });

  it('wrong enumerations are named per field', async () => {
    const { c, doc } = caseDoc();
    doc.records.claims![0]!.status = 'probable';
    doc.records.sources![1]!.kind = 'rumour';
    const plan = await refused(c, 'case-json', JSON.stringify(doc));
    expect(plan.rows.find((r) => r.ref === 'claims[0]')!.fields).toHaveProperty('status');
    expect(plan.rows.find((r) => r.ref === 'sources[1]')!.fields).toHaveProperty('kind');
  });

  it('another app’s JSON, or a newer format version, is refused whole', async () => {
    const { c, doc } = caseDoc();
    expect((await refused(c, 'case-json', '{"items": []}')).fatal?.message).toMatch(
      /not a Corroborate case export/,
    );
    expect((await refused(c, 'case-json', JSON.stringify({ ...doc, version: 99 }))).fatal?.message).toMatch(
      /format version 99/,
    );
  });

  it('leaving the rejected rows out imports the rest in one transaction', async () => {
    const { c, doc } = caseDoc();
    doc.records.claims![0]!.status = 'probable';
    const result = await importFile(c, 'case-json', JSON.stringify(doc), { skipRejected: true });
    expect(result).toMatchObject({ created: 2, rejected: 1 });
  });
});
