// Exports for people and tools outside the app: claims with verdicts and evidence with grades as
// CSV, sources as CSL-JSON that Zotero takes back, written only to new files. Confidential
// sources leave under a stable pseudonym in every export and report, unless the user includes
// them, and each export is recorded in the audit log with that choice.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { addAssessment } from '../../electron/core/assessments';
import { addAttachment } from '../../electron/core/attachments';
import { verifyChain } from '../../electron/core/audit';
import { createClaim, updateClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { addEvidence } from '../../electron/core/evidence';
import { runClaimReview, runExport, runReport } from '../../electron/core/exchange/export';
import { createSource, updateSource } from '../../electron/core/sources';
import { cleanUpAfterEach, newCase, sha256, snapshot, tempDir } from '../support/temp-case';
import { importFile } from './exchange-support';

cleanUpAfterEach();

const SECRET = {
  title: 'Engineer at the integrator',
  author: 'Kanat N.',
  url: 'https://secret.example/osh-meeting',
  publisher: 'Integrator LLC staff',
  notes: 'Met in Osh on 3 May',
  reliabilityNote: 'Worked on the installation himself',
};
const identifying = Object.values(SECRET);

function setUp(c: CaseFile) {
  const court = createSource(c, {
    title: 'Court ruling 12/2020',
    kind: 'court_record',
    reliability: 'A',
    url: 'https://court.example/12',
  });
  const secret = createSource(c, { ...SECRET, kind: 'interview', reliability: 'B', confidential: true });
  addAttachment(c, {
    sourceId: secret.id,
    fileName: 'osh-notes-kanat.txt',
    bytesBase64: Buffer.from('notes').toString('base64'),
  });
  const claim = createClaim(c, {
    statement: 'Huawei installed the cameras in Osh',
    status: 'verified',
    tags: ['huawei', 'osh'],
  });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: court.id,
    stance: 'supports',
    excerpt: 'installed by Huawei',
    credibility: 2,
    locator: 'p. 3',
  });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: secret.id,
    stance: 'supports',
    excerpt: 'we put them up',
    credibility: 2,
    locator: '00:14:10',
  });
  const other = createClaim(c, { statement: 'The city paid 2 million', status: 'disputed' });
  addEvidence(c, {
    claimId: other.id,
    sourceId: secret.id,
    stance: 'contradicts',
    excerpt: 'nobody was paid',
    credibility: 3,
  });
  addEvidence(c, {
    claimId: other.id,
    sourceId: court.id,
    stance: 'supports',
    excerpt: 'the sum of 2 million',
    credibility: 2,
  });
  addAssessment(c, {
    claimId: claim.id,
    likelihood: 6,
    confidence: 'moderate',
    rationale: 'Two independent lines.',
  });
  return { court, secret, claim, other };
}

function everyOutput(c: CaseFile, ids: string[], includeConfidential = false): Record<string, string> {
  return {
    'case-json': runExport(c, { format: 'case-json', includeConfidential }).text!,
    'claims-csv': runExport(c, { format: 'claims-csv', includeConfidential }).text!,
    'evidence-csv': runExport(c, { format: 'evidence-csv', includeConfidential }).text!,
    'sources-csl': runExport(c, { format: 'sources-csl', includeConfidential }).text!,
    report: runReport(c, { claimIds: ids, includeConfidential }).html,
    claimReview: runClaimReview(c, { claimIds: ids, publisher: { name: 'The desk' }, includeConfidential })
      .jsonLd,
  };
}

describe('CSV exports', () => {
  it('claims with their verdicts, lines and latest assessment', () => {
    const c = newCase();
    const { claim, other } = setUp(c);
    const text = runExport(c, { format: 'claims-csv' }).text!;
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(claim.id)).toMatchObject({
      statement: 'Huawei installed the cameras in Osh',
      status: 'verified',
      verdict: 'corroborated',
      supporting_lines: '2',
      contradicting_lines: '0',
      likelihood: '6',
      likelihood_words: 'very likely',
      confidence: 'moderate',
      tags: 'huawei; osh',
    });
    expect(byId.get(other.id)).toMatchObject({
      verdict: 'contested',
      supporting_lines: '1',
      contradicting_lines: '1',
    });
  });

  it('evidence with grades like B2, excerpts and locators', () => {
    const c = newCase();
    const { claim } = setUp(c);
    const text = runExport(c, { format: 'evidence-csv', includeConfidential: true }).text!;
    const rows = Papa.parse<Record<string, string>>(text.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(4);
    const court = rows.find((r) => r.claim_id === claim.id && r.source === 'Court ruling 12/2020')!;
    expect(court).toMatchObject({
      grade: 'A2',
      stance: 'supports',
      excerpt: 'installed by Huawei',
      locator: 'p. 3',
    });
    expect(rows.find((r) => r.excerpt === 'nobody was paid')!.grade).toBe('B3');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const c = newCase();
    createClaim(c, { statement: '=HYPERLINK("http://evil.example","click")' });
    const text = runExport(c, { format: 'claims-csv' }).text!;
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });
});

describe('sources as CSL-JSON', () => {
  it('carries grades and hashes under custom, and goes back in without loss', async () => {
    const c = newCase();
    const { court } = setUp(c);
    addAttachment(c, {
      sourceId: court.id,
      fileName: 'ruling.pdf',
      bytesBase64: Buffer.from('%PDF').toString('base64'),
    });
    const text = runExport(c, { format: 'sources-csl', includeConfidential: true }).text!;
    const items = JSON.parse(text) as { id: string }[];
    const item = items.find((i) => i.id === court.id)!;
    expect(item).toMatchObject({
      type: 'legal_case',
      title: 'Court ruling 12/2020',
      URL: 'https://court.example/12',
      custom: {
        corroborate: {
          reliability: 'A',
          kind: 'court_record',
          confidential: false,
          recordSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          attachments: [{ fileName: 'ruling.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
        },
      },
    });

    const other = newCase();
    await importFile(other, 'csl-json', text);
    const back = other.db
      .prepare('SELECT id, title, kind, reliability, url FROM sources WHERE id = ?')
      .get(court.id);
    expect(back).toEqual({
      id: court.id,
      title: 'Court ruling 12/2020',
      kind: 'court_record',
      reliability: 'A',
      url: 'https://court.example/12',
    });
    const again = await importFile(c, 'csl-json', text);
    expect(again.created + again.updated).toBe(0);
  });
});

describe('writing to disk', () => {
  it('writes a new file, never over an existing one; a refused export records nothing', () => {
    const c = newCase();
    setUp(c);
    const dir = tempDir();
    const path = join(dir, 'claims.csv');
    const result = runExport(c, { format: 'claims-csv', path });
    expect(result.text).toBeNull();
    expect(sha256(readFileSync(path))).toBe(result.sha256);
    writeFileSync(join(dir, 'taken.json'), 'mine');
    const before = snapshot(c);
    expect(() => runExport(c, { format: 'case-json', path: join(dir, 'taken.json') })).toThrow(
      /already exists/,
    );
    expect(readFileSync(join(dir, 'taken.json'), 'utf8')).toBe('mine');
    expect(snapshot(c)).toEqual(before);
    expect(() => runExport(c, { format: 'case-json', path: join(dir, 'no-such-folder', 'x.json') })).toThrow(
      /does not exist/,
    );
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('refuses a relative path or attachments folder, naming it, and writes nothing anywhere', () => {
    const c = newCase();
    setUp(c);
    const before = snapshot(c);
    for (const input of [
      { format: 'claims-csv', path: 'claims.csv' },
      { format: 'case-json', path: join(tempDir(), 'x.json'), attachmentsDir: 'z' },
      { format: 'case-json', path: '\u202e/case.json' },
    ]) {
      const field = 'attachmentsDir' in input ? 'attachmentsDir' : 'path';
      expect(() => runExport(c, input)).toThrow(
        expect.objectContaining({ code: 'invalid_input', fields: { [field]: 'must be an absolute path' } }),
      );
    }
    expect(existsSync('claims.csv')).toBe(false);
    expect(existsSync('z')).toBe(false);
    expect(snapshot(c)).toEqual(before);
  });
});

describe('confidential sources', () => {
  it('every export and report replaces their identifying fields with the same pseudonym', () => {
    const c = newCase();
    const { claim, other } = setUp(c);
    const outputs = everyOutput(c, [claim.id, other.id]);
    const pseudonyms = new Set<string>();
    for (const [name, text] of Object.entries(outputs)) {
      for (const value of identifying) expect(text, `${name} leaks "${value}"`).not.toContain(value);
      expect(text, name).not.toContain('osh-notes-kanat');
      for (const m of text.matchAll(/Confidential source [0-9a-f]{4,10}/g)) pseudonyms.add(m[0]);
    }
    expect(pseudonyms.size).toBe(1);
    // Asked again later, the same name: stable, so a reader can follow one source across documents.
    expect(runReport(c, { claimIds: [claim.id] }).html).toContain([...pseudonyms][0]);
    // What is not identifying stays: the evidence itself.
    expect(outputs.report).toContain('we put them up');
    expect(verifyChain(c.db).ok).toBe(true);
  });

  it('the case JSON withholds the confidential source’s audit payloads but keeps the chain linked', () => {
    const c = newCase();
    const { secret } = setUp(c);
    const doc = JSON.parse(runExport(c, { format: 'case-json' }).text!);
    const events = doc.audit.events.filter((e: { entityId: string }) => e.entityId === secret.id);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e).toMatchObject({ payload: null, redacted: true });
    expect(doc.redaction.pseudonymisedSources).toEqual([secret.id]);
  });

  it('included only when the user says so, and each export records that choice in the audit log', () => {
    const c = newCase();
    const { claim } = setUp(c);
    const outputs = everyOutput(c, [claim.id], true);
    expect(outputs['case-json']).toContain(SECRET.title);
    expect(outputs['evidence-csv']).toContain(SECRET.title);
    expect(outputs['sources-csl']).toContain(SECRET.url);
    expect(outputs.report).toContain(SECRET.title);
    const exports = c.db
      .prepare("SELECT payload FROM audit_log WHERE action = 'export' ORDER BY seq")
      .pluck()
      .all()
      .map((p) => JSON.parse(p as string) as { format: string; includeConfidential: boolean });
    expect(exports.map((e) => [e.format, e.includeConfidential])).toEqual([
      ['case-json', true],
      ['claims-csv', true],
      ['evidence-csv', true],
      ['sources-csl', true],
      ['report-html', true],
      ['claimreview', true],
    ]);
  });

  it('a source made confidential later is hidden in later exports, history included', () => {
    const c = newCase();
    const s = createSource(c, { title: 'Named at first', kind: 'interview', reliability: 'C' });
    const claim = createClaim(c, { statement: 'x' });
    addEvidence(c, { claimId: claim.id, sourceId: s.id, stance: 'supports', excerpt: 'q', credibility: 3 });
    updateClaim(c, { id: claim.id, status: 'verified', confirmReason: 'One interview is enough here' });
    updateSource(c, { id: s.id, confidential: true });
    const text = runExport(c, { format: 'case-json' }).text!;
    expect(text).not.toContain('Named at first');
  });
});
