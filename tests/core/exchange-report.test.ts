// The publishable report and ClaimReview. The report is one self-contained HTML file: no script,
// nothing loaded from anywhere, every value escaped; it shows each claim's verdict and the lines
// behind it, the evidence with grades, the latest assessment in ICD 203 words, what contradicts
// it, and the audit checkpoint it was made from. ClaimReview goes out for verified, disputed and
// debunked claims only, and schema.org's own examples come in as claims to check.
import { JSDOM } from 'jsdom';
import { createActor } from '../../electron/core/actors';
import { addAssessment } from '../../electron/core/assessments';
import { auditHead } from '../../electron/core/audit';
import { createClaim, listClaims } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { createDeal, setParties } from '../../electron/core/deals';
import { addEvidence } from '../../electron/core/evidence';
import { runClaimReview, runReport } from '../../electron/core/exchange/export';
import { createSource, listSources } from '../../electron/core/sources';
import { cleanUpAfterEach, newCase } from '../support/temp-case';
import { importFile, preview, realWorld } from './exchange-support';

cleanUpAfterEach();

const XSS = '<img src=x onerror=alert(1)>';

function setUp(c: CaseFile) {
  const deal = createDeal(c, {
    title: 'Safe City <Bishkek>',
    technology: 'cctv',
    status: 'deployed',
    country: 'Kyrgyzstan',
    year: 2019,
  });
  const vendor = createActor(c, { name: 'Huawei', kind: 'company', country: 'China' });
  setParties(c, { dealId: deal.id, parties: [{ actorId: vendor.id, role: 'vendor' }] });
  const court = createSource(c, { title: 'Court ruling 12/2020', kind: 'court_record', reliability: 'A' });
  const blog = createSource(c, { title: 'A "blog" & its <b>claims</b>', kind: 'article', reliability: 'C' });
  const claim = createClaim(c, {
    statement: `The cameras were installed ${XSS}`,
    dealId: deal.id,
    status: 'disputed',
  });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: court.id,
    stance: 'supports',
    excerpt: 'installed in May',
    credibility: 2,
    locator: 'p. 3',
  });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: blog.id,
    stance: 'contradicts',
    excerpt: `never installed ${XSS}`,
    credibility: 2,
    locator: '¶4',
  });
  addAssessment(c, {
    claimId: claim.id,
    likelihood: 5,
    confidence: 'low',
    rationale: `Conflicting accounts ${XSS}`,
  });
  const draft = createClaim(c, { statement: 'The contract was worth $2m', dealId: deal.id });
  return { deal, claim, draft };
}

describe('the HTML report', () => {
  it('is self-contained: no script, no external resource, a CSP that forbids loading anything', () => {
    const c = newCase();
    const { deal } = setUp(c);
    const { html } = runReport(c, { dealId: deal.id });
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:|\/\/)/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    const dom = new JSDOM(html);
    expect(dom.window.document.querySelectorAll('[src]')).toHaveLength(0);
    for (const a of dom.window.document.querySelectorAll('a'))
      expect(a.getAttribute('href')).toMatch(/^#claim-/);
  });

  it('escapes every value: markup in a claim, an excerpt, a source title or a rationale is shown as text', () => {
    const c = newCase();
    const { deal } = setUp(c);
    const { html } = runReport(c, { dealId: deal.id });
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<b>claims</b>');
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll('img, b')).toHaveLength(0);
    expect(doc.querySelector('article h2')?.textContent).toContain(`The cameras were installed ${XSS}`);
    expect(doc.querySelector('h1')?.textContent).toBe('Deal: Safe City <Bishkek>');
  });

  it('shows verdicts with their lines, the evidence table with grades and locators, ICD 203 words, contradictions and the checkpoint', () => {
    const c = newCase();
    const { deal } = setUp(c);
    const head = auditHead(c.db);
    const result = runReport(c, { dealId: deal.id });
    expect(result.claims).toBe(2);
    expect(result.checkpoint).toEqual({ seq: head.seq, headHash: head.hash });
    const doc = new JSDOM(result.html).window.document;
    const text = doc.body.textContent ?? '';
    expect(text).toContain('Verdict: Contested');
    expect(text).toContain('Verdict: Unsupported');
    expect(text).toMatch(/Court ruling 12\/2020.*A2/s);
    const cells = [...doc.querySelectorAll('article:first-of-type td')].map((td) => td.textContent);
    expect(cells).toEqual(expect.arrayContaining(['A2', 'C2', 'p. 3', '¶4', 'installed in May']));
    expect(text).toContain('likely (55–80%), low confidence');
    expect(text).toContain('No assessment yet.');
    const open = [...doc.querySelectorAll('section h2')].find((h) => h.textContent === 'Open contradictions')!
      .parentElement!;
    expect(open.textContent).toContain(`never installed ${XSS}`);
    expect(doc.querySelector('footer')?.textContent).toContain(`audit event ${head.seq}`);
    expect(doc.querySelector('footer code')?.textContent).toBe(head.hash);
    // The parties of the deal.
    expect(text).toMatch(/Huawei\s*company\s*China\s*vendor/);
  });

  it('a chosen set of claims; generating it is recorded in the audit log', () => {
    const c = newCase();
    const { claim } = setUp(c);
    const result = runReport(c, { claimIds: [claim.id], title: 'For the lawyers' });
    expect(result.claims).toBe(1);
    const event = c.db
      .prepare("SELECT payload FROM audit_log WHERE action = 'export' ORDER BY seq DESC")
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({
      format: 'report-html',
      claimIds: [claim.id],
      sha256: result.sha256,
    });
  });

  it('refuses a claim that does not exist, naming it', () => {
    const c = newCase();
    setUp(c);
    expect(() => runReport(c, { claimIds: ['01900000-0000-7000-8000-000000000000'] })).toThrow(
      /No claim with id/,
    );
  });
});

describe('ClaimReview', () => {
  it('is published only for verified, disputed and debunked claims, in schema.org’s shape', () => {
    const c = newCase();
    const { deal, claim, draft } = setUp(c);
    const result = runClaimReview(c, {
      dealId: deal.id,
      publisher: { name: 'The desk', url: 'https://desk.example' },
      reviewUrl: 'https://desk.example/safe-city',
    });
    expect(result.reviews).toBe(1);
    expect(result.skipped).toEqual([{ claimId: draft.id, reason: expect.stringMatching(/status is draft/) }]);
    const review = JSON.parse(result.jsonLd);
    // The same keys as schema.org's ClaimReview example (eg-0324), with our rating words.
    const example = JSON.parse(realWorld('claimreview_schemaorg_eg0324_politifact.jsonld').toString('utf8'));
    for (const key of [
      '@context',
      '@type',
      'datePublished',
      'url',
      'claimReviewed',
      'author',
      'reviewRating',
      'itemReviewed',
    ]) {
      expect(Object.keys(example)).toContain(key);
      expect(review).toHaveProperty([key]);
    }
    expect(review).toMatchObject({
      '@type': 'ClaimReview',
      claimReviewed: `The cameras were installed ${XSS}`,
      url: `https://desk.example/safe-city#claim-${claim.id}`,
      author: { '@type': 'Organization', name: 'The desk' },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 2,
        bestRating: 3,
        worstRating: 1,
        alternateName: 'Disputed',
      },
      itemReviewed: { '@type': 'Claim' },
    });
    expect(review.reviewBody).toContain('Corroboration: Contested');
  });

  it('schema.org’s examples import as claims to check, each with the review as a source and its rating as evidence', async () => {
    const c = newCase();
    const plan = await preview(c, 'claimreview', realWorld('claimreview_schemaorg_eg0324_politifact.jsonld'));
    expect(plan.rows.map((r) => r.entity)).toEqual(['claim', 'source', 'evidence']);
    await importFile(c, 'claimreview', realWorld('claimreview_schemaorg_eg0324_politifact.jsonld'));
    await importFile(c, 'claimreview', realWorld('claimreview_schemaorg_eg0325_video_clip.jsonld'));
    const claims = listClaims(c, {}).items;
    expect(claims).toHaveLength(2);
    // Their rating is evidence, not our verdict: the claims arrive as drafts.
    expect(claims.every((x) => x.status === 'draft')).toBe(true);
    const sources = listSources(c, {}).items;
    expect(sources).toHaveLength(2);
    expect(sources.every((s) => s.reliability === 'F')).toBe(true);
    const rows = c.db.prepare('SELECT stance, excerpt, note FROM evidence ORDER BY excerpt').all() as {
      stance: string;
      excerpt: string;
      note: string;
    }[];
    // eg-0324 rates 1 of 6 yet names it "True": recorded as written, the disagreement shown.
    const politifact = rows.find((r) => r.note.includes('rated 1'))!;
    expect(politifact.note).toMatch(/rated 1 \(best 6\), "True"/);
    // eg-0325 has no rating at all: its review body is context, never support.
    expect(rows.some((r) => r.stance === 'context')).toBe(true);
    const again = await preview(
      c,
      'claimreview',
      realWorld('claimreview_schemaorg_eg0324_politifact.jsonld'),
    );
    expect(again.totals.create).toBe(0);
  });
});
