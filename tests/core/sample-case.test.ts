// The sample case the app opens on first run: built by code from the seed article, every record
// audited, its excerpts verbatim at the paragraphs their locators name, and verdicts that say
// honestly that almost everything rests on one opinion piece.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain } from '../../electron/core/audit';
import { listClaims } from '../../electron/core/claims';
import { listDeals, listParties } from '../../electron/core/deals';
import {
  ARTICLE_PARAGRAPHS,
  ARTICLE_TITLE,
  buildSampleCase,
  SAMPLE_CASE_NAME,
  sampleClaims,
} from '../../electron/core/sample-case';
import { listSources } from '../../electron/core/sources';
import { cleanUpAfterEach, reopenCase, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const fixture = join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt');
const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'seed-article.txt');
const article = readFileSync(fixture, 'utf8');

/** Body paragraphs as the locators count them: blocks between blank lines, after the title and the caption. */
function bodyParagraphs(text: string): string[] {
  const blocks = text
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return blocks.slice(2);
}

function build() {
  const path = join(tempDir(), 'sample.evidence');
  const summary = buildSampleCase(path);
  return { path, summary, c: reopenCase(path) };
}

describe('the seed article', () => {
  it('the test copy is the project’s seed article, byte for byte (when the shared folder is there)', () => {
    if (existsSync(shared)) expect(readFileSync(fixture)).toEqual(readFileSync(shared));
    expect(article.startsWith(ARTICLE_TITLE)).toBe(true);
  });

  it('every paragraph embedded in the app is the article’s paragraph of that number, verbatim', () => {
    const paras = bodyParagraphs(article);
    expect(paras).toHaveLength(10);
    for (const [n, text] of Object.entries(ARTICLE_PARAGRAPHS)) expect(text).toBe(paras[Number(n) - 1]);
  });

  it('every excerpt is found verbatim in the article at the paragraph its locator names', () => {
    const paras = bodyParagraphs(article);
    const excerpts = sampleClaims.flatMap((c) => c.excerpts);
    expect(excerpts.length).toBeGreaterThanOrEqual(10);
    for (const e of excerpts) {
      expect(paras[e.para - 1], `para. ${e.para}: ${e.text}`).toContain(e.text);
      // Short quotes, as evidence is: never a whole paragraph.
      expect(e.text.length).toBeLessThan(paras[e.para - 1]!.length);
      expect(e.text.length).toBeLessThanOrEqual(160);
    }
  });

  it('the app does not read the article at run time: the sample module holds what it quotes', () => {
    const source = readFileSync(
      join(import.meta.dirname, '..', '..', 'electron', 'core', 'sample-case.ts'),
      'utf8',
    );
    expect(source).not.toMatch(/readFileSync|seed-article|\.\.\/shared/);
  });
});

describe('buildSampleCase', () => {
  it('has the article, the cited report, the five deals with their actors and roles, and the claims', () => {
    const { c, summary } = build();
    expect(summary.counts).toEqual({
      deals: 5,
      actors: 7,
      sources: 2,
      claims: 10,
      evidence: 12,
      assessments: 3,
    });
    expect(c.meta.name).toBe(SAMPLE_CASE_NAME);
    const sources = listSources(c, {}).items;
    const art = sources.find((s) => s.title === ARTICLE_TITLE)!;
    expect(art.kind).toBe('article');
    expect(art.reliability).toBe('D');
    expect(art.reliabilityNote).toMatch(/opinion piece/i);
    expect(art.reliabilityNote).toMatch(
      /The views and opinions expressed in this article are those of the author/,
    );
    const reuters = sources.find((s) => s.publisher === 'Reuters')!;
    expect(reuters.reliability).toBe('F');
    expect(reuters.reliabilityNote).toMatch(/cited .*not obtained/i);

    const deals = listDeals(c, { sort: { field: 'title', direction: 'asc' } }).items;
    const parties = Object.fromEntries(
      deals.map((d) => [
        d.title,
        listParties(c, d.id)
          .map((p) => `${p.actor.name}:${p.role}`)
          .sort(),
      ]),
    );
    expect(parties).toEqual({
      'SORM equipment for Kyrgyzstan from Oniks-Line and Signatek': [
        'Government of Kyrgyzstan:buyer',
        'Oniks-Line:vendor',
        'Signatek:vendor',
      ],
      "Russia's SORM framework replicated in Kazakhstan": [
        'Government of Kazakhstan:operator',
        'Government of Russia:vendor',
      ],
      "Uzbekistan's surveillance law modelled on Russia's": [
        'Government of Russia:vendor',
        'Government of Uzbekistan:operator',
      ],
      'Huawei Safe City project in Uzbekistan': ['Government of Uzbekistan:buyer', 'Huawei:vendor'],
      'Sergek surveillance system in Kazakhstan': ['Government of Kazakhstan:operator'],
    });
    expect(deals.find((d) => d.title.startsWith('Huawei'))).toMatchObject({
      technology: 'cctv',
      country: 'Uzbekistan',
    });
    expect(deals.find((d) => d.title.startsWith('SORM'))).toMatchObject({
      technology: 'lawful_intercept',
      country: 'Kyrgyzstan',
    });
  });

  it('claims are in our own words, not copies of the excerpts; each has evidence with a paragraph locator', () => {
    const { c } = build();
    for (const s of sampleClaims) for (const e of s.excerpts) expect(s.statement).not.toBe(e.text);
    const rows = c.db
      .prepare('SELECT e.locator, e.excerpt, s.title FROM evidence e JOIN sources s ON s.id = e.source_id')
      .all() as {
      locator: string;
      excerpt: string;
      title: string;
    }[];
    expect(rows).toHaveLength(12);
    const paras = bodyParagraphs(article);
    for (const r of rows) {
      expect(r.title).toBe(ARTICLE_TITLE);
      const n = Number(r.locator.match(/^para\. (\d+)$/)?.[1]);
      expect(paras[n - 1]).toContain(r.excerpt);
    }
  });

  it('every claim the article alone supports is single-source, and no verdict claims more', () => {
    const { c } = build();
    const claims = listClaims(c, { limit: 100 }).items;
    expect(claims).toHaveLength(10);
    expect(new Set(claims.map((x) => x.verdict))).toEqual(new Set(['single_source']));
    expect(claims.every((x) => x.status === 'under_review')).toBe(true);
  });

  it('every record was written through the core, each with its audit event; the chain verifies', () => {
    const { c } = build();
    expect(verifyChain(c.db).ok).toBe(true);
    for (const table of ['deals', 'actors', 'deal_parties', 'sources', 'claims', 'evidence', 'assessments']) {
      const missing = c.db
        .prepare(
          `SELECT count(*) FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = t.id AND a.action = 'create')`,
        )
        .pluck()
        .get();
      expect(missing, table).toBe(0);
    }
  });

  it('is written only to a new file: an existing one is refused untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'mine.evidence');
    writeFileSync(path, 'not mine to replace');
    expect(() => buildSampleCase(path)).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('not mine to replace');
  });

  it('is rebuilt, not copied: two builds hold the same content under different ids', () => {
    const one = build();
    const two = build();
    const statements = (x: typeof one) =>
      x.c.db.prepare('SELECT statement FROM claims ORDER BY statement').pluck().all() as string[];
    expect(statements(one)).toEqual(statements(two));
    expect(one.c.meta.caseId).not.toBe(two.c.meta.caseId);
  });
});
