// claims.list filters and shows verdicts from the derived claim_verdicts table; claims.get computes
// the verdict afresh. They must never disagree, whatever changed: evidence, a source's
// reliability, or where a source comes from. Only the verdicts every version of the model agrees
// on are spelled out here; everything else is checked as "the list says what get computes".
import fc from 'fast-check';
import { createClaim, getClaim, listClaims, removeClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import { addEvidence, removeEvidence, updateEvidence } from '../../electron/core/evidence';
import { createSource, updateSource } from '../../electron/core/sources';
import { reliabilities, stances } from '../../electron/schema/enums';
import type { Verdict } from '../../electron/schema/inputs';
import { cleanUpAfterEach, newCase } from '../support/temp-case';

cleanUpAfterEach();

/** What the list says about a claim. */
function listed(c: CaseFile, claimId: string): { verdict: Verdict; evidenceCount: number } {
  const item = listClaims(c, { includeRemoved: true, limit: 500 }).items.find((x) => x.id === claimId);
  if (!item) throw new Error(`claim ${claimId} not listed`);
  return { verdict: item.verdict, evidenceCount: item.evidenceCount };
}

/** The list agrees with a fresh computation for every claim, and the verdict filter finds each one. */
function expectInStep(c: CaseFile): void {
  for (const item of listClaims(c, { includeRemoved: true, limit: 500 }).items) {
    const detail = getClaim(c, item.id);
    expect({ verdict: item.verdict, evidenceCount: item.evidenceCount }, item.statement).toEqual({
      verdict: detail.corroboration.verdict,
      evidenceCount: detail.evidence.length,
    });
    const filtered = listClaims(c, {
      includeRemoved: true,
      limit: 500,
      filters: { verdict: [item.verdict] },
    });
    expect(filtered.items.map((x) => x.id)).toContain(item.id);
  }
}

const byVerdict = (c: CaseFile, verdict: Verdict) =>
  listClaims(c, { filters: { verdict: [verdict] } }).items.map((x) => x.id);

function twoOutlets(c: CaseFile) {
  const claim = createClaim(c, { statement: 'Huawei supplied Safe City cameras to Bishkek' });
  const a = createSource(c, { title: 'Court record', kind: 'court_record', reliability: 'A' });
  const b = createSource(c, { title: 'Procurement registry', kind: 'official_record', reliability: 'A' });
  return { claim, a, b };
}

describe('claim verdicts stay in step', () => {
  it('with evidence added, changed and removed', () => {
    const c = newCase();
    const { claim, a, b } = twoOutlets(c);
    expect(byVerdict(c, 'unsupported')).toEqual([claim.id]);
    const first = addEvidence(c, {
      claimId: claim.id,
      sourceId: a.id,
      stance: 'supports',
      excerpt: 'contract',
      credibility: 1,
    });
    expect(byVerdict(c, 'single_source')).toEqual([claim.id]);
    expect(byVerdict(c, 'unsupported')).toEqual([]);
    const second = addEvidence(c, {
      claimId: claim.id,
      sourceId: b.id,
      stance: 'supports',
      excerpt: 'tender',
      credibility: 1,
    });
    expect(byVerdict(c, 'corroborated')).toEqual([claim.id]);
    expect(listed(c, claim.id).evidenceCount).toBe(2);
    updateEvidence(c, { id: second.id, stance: 'contradicts' });
    expect(byVerdict(c, 'corroborated')).toEqual([]);
    expectInStep(c);
    updateEvidence(c, { id: second.id, stance: 'supports' });
    expect(byVerdict(c, 'corroborated')).toEqual([claim.id]);
    removeEvidence(c, { id: second.id });
    expect(byVerdict(c, 'single_source')).toEqual([claim.id]);
    expect(listed(c, claim.id).evidenceCount).toBe(1);
    removeEvidence(c, { id: first.id });
    expect(listed(c, claim.id)).toEqual({ verdict: 'unsupported', evidenceCount: 0 });
  });

  it('with evidence moved from one claim to another (both claims)', () => {
    const c = newCase();
    const { claim, a, b } = twoOutlets(c);
    const other = createClaim(c, { statement: 'The cameras were financed by a loan' });
    addEvidence(c, {
      claimId: claim.id,
      sourceId: a.id,
      stance: 'supports',
      excerpt: 'contract',
      credibility: 1,
    });
    const moving = addEvidence(c, {
      claimId: claim.id,
      sourceId: b.id,
      stance: 'supports',
      excerpt: 'tender',
      credibility: 1,
    });
    expect(listed(c, claim.id).verdict).toBe('corroborated');
    updateEvidence(c, { id: moving.id, claimId: other.id });
    expect(listed(c, claim.id).verdict).toBe('single_source');
    expect(listed(c, other.id).verdict).toBe('single_source');
    expectInStep(c);
  });

  it('with a source’s reliability changed', () => {
    const c = newCase();
    const { claim, a, b } = twoOutlets(c);
    addEvidence(c, {
      claimId: claim.id,
      sourceId: a.id,
      stance: 'supports',
      excerpt: 'contract',
      credibility: 1,
    });
    addEvidence(c, {
      claimId: claim.id,
      sourceId: b.id,
      stance: 'supports',
      excerpt: 'tender',
      credibility: 5,
    });
    const strong = listed(c, claim.id).verdict;
    updateSource(c, { id: b.id, reliability: 'E' });
    // An unreliable source's improbable information corroborates nothing, under any rule.
    expect(listed(c, claim.id).verdict).not.toBe('corroborated');
    expectInStep(c);
    updateSource(c, { id: b.id, reliability: 'A' });
    expect(listed(c, claim.id).verdict).toBe(strong);
    expectInStep(c);
  });

  it('with a source marked as derived from another, and unmarked', () => {
    const c = newCase();
    const { claim, a, b } = twoOutlets(c);
    addEvidence(c, {
      claimId: claim.id,
      sourceId: a.id,
      stance: 'supports',
      excerpt: 'contract',
      credibility: 1,
    });
    addEvidence(c, {
      claimId: claim.id,
      sourceId: b.id,
      stance: 'supports',
      excerpt: 'tender',
      credibility: 1,
    });
    expect(listed(c, claim.id).verdict).toBe('corroborated');
    updateSource(c, { id: b.id, derivedFrom: a.id });
    // One origin is one line, however many outlets repeat it.
    expect(listed(c, claim.id).verdict).toBe('single_source');
    updateSource(c, { id: b.id, derivedFrom: null });
    expect(listed(c, claim.id).verdict).toBe('corroborated');
  });

  it('with the origin of a source changed higher up the chain than the evidence', () => {
    const c = newCase();
    const { claim, a } = twoOutlets(c);
    // wire <- reprint: the claim cites a and the reprint, which repeats the wire, which repeats a.
    const wire = createSource(c, {
      title: 'Wire story',
      kind: 'article',
      reliability: 'A',
      derivedFrom: a.id,
    });
    const reprint = createSource(c, {
      title: 'Reprint',
      kind: 'article',
      reliability: 'A',
      derivedFrom: wire.id,
    });
    addEvidence(c, {
      claimId: claim.id,
      sourceId: a.id,
      stance: 'supports',
      excerpt: 'contract',
      credibility: 1,
    });
    addEvidence(c, {
      claimId: claim.id,
      sourceId: reprint.id,
      stance: 'supports',
      excerpt: 'contract',
      credibility: 1,
    });
    expect(listed(c, claim.id).verdict).toBe('single_source');
    // The wire story has no evidence on this claim, but cutting its link makes the reprint independent.
    updateSource(c, { id: wire.id, derivedFrom: null });
    expect(listed(c, claim.id).verdict).toBe('corroborated');
    updateSource(c, { id: wire.id, derivedFrom: a.id });
    expect(listed(c, claim.id).verdict).toBe('single_source');
  });

  it('under any sequence of changes (property)', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        claim: fc.nat(2),
        source: fc.nat(4),
        stance: fc.constantFrom(...stances),
        credibility: fc.integer({ min: 1, max: 6 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('restance' as const),
        pick: fc.nat(),
        stance: fc.constantFrom(...stances),
        credibility: fc.integer({ min: 1, max: 6 }),
      }),
      fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), claim: fc.nat(2) }),
      fc.record({
        kind: fc.constant('reliability' as const),
        source: fc.nat(4),
        reliability: fc.constantFrom(...reliabilities),
      }),
      fc.record({ kind: fc.constant('origin' as const), source: fc.nat(4), from: fc.option(fc.nat(4)) }),
      fc.record({ kind: fc.constant('removeClaim' as const), claim: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
        const c = newCase();
        const claims = [0, 1, 2].map((i) => createClaim(c, { statement: `Claim ${i}` }).id);
        const sources = [0, 1, 2, 3, 4].map(
          (i) =>
            createSource(c, { title: `Source ${i}`, kind: 'article', reliability: reliabilities[i]! }).id,
        );
        const evidence: string[] = [];
        for (const o of ops) {
          const pick = (n: number) => evidence[n % Math.max(evidence.length, 1)];
          try {
            switch (o.kind) {
              case 'add':
                evidence.push(
                  addEvidence(c, {
                    claimId: claims[o.claim]!,
                    sourceId: sources[o.source]!,
                    stance: o.stance,
                    excerpt: 'q',
                    credibility: o.credibility,
                  }).id,
                );
                break;
              case 'remove':
                if (pick(o.pick)) removeEvidence(c, { id: pick(o.pick)! });
                break;
              case 'restance':
                if (pick(o.pick))
                  updateEvidence(c, { id: pick(o.pick)!, stance: o.stance, credibility: o.credibility });
                break;
              case 'move':
                if (pick(o.pick)) updateEvidence(c, { id: pick(o.pick)!, claimId: claims[o.claim]! });
                break;
              case 'reliability':
                updateSource(c, { id: sources[o.source]!, reliability: o.reliability });
                break;
              case 'origin':
                updateSource(c, {
                  id: sources[o.source]!,
                  derivedFrom: o.from === null ? null : sources[o.from]!,
                });
                break;
              case 'removeClaim':
                removeClaim(c, { id: claims[o.claim]! });
                break;
            }
          } catch (error) {
            // Refusals (a cycle, a removed record) are part of the game; anything else is a bug.
            if (!(error instanceof CoreError) || error.code === 'internal') throw error;
          }
          expectInStep(c);
        }
        c.close();
      }),
      { numRuns: 30 },
    );
    // 30 fresh case files: generous under a loaded machine, about a second when idle.
  }, 60_000);
});
