// Publishing with care: a claim whose evidence is single-source, contested, fragile or whose
// assessment is overconfident is marked Verified only with a reason, and the audit event keeps it.
import { addAssessment } from '../../electron/core/assessments';
import { createClaim, getClaim, updateClaim } from '../../electron/core/claims';
import { addEvidence } from '../../electron/core/evidence';
import { createSource } from '../../electron/core/sources';
import { cleanUpAfterEach, coreError, newCase, snapshot } from '../support/temp-case';

cleanUpAfterEach();

function singleSourceClaim() {
  const c = newCase();
  const source = createSource(c, { title: 'Anonymous tip', kind: 'interview', reliability: 'C' });
  const claim = createClaim(c, { statement: 'The ministry bought spyware in 2021' });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: source.id,
    stance: 'supports',
    excerpt: 'they bought it',
    credibility: 3,
  });
  addAssessment(c, { claimId: claim.id, likelihood: 7, confidence: 'high', rationale: 'Gut feeling' });
  return { c, claim };
}

const lastPayload = (c: ReturnType<typeof newCase>, id: string) =>
  JSON.parse(
    c.db
      .prepare('SELECT payload FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(id) as string,
  );

describe('marking a flagged claim Verified', () => {
  it('is refused without a reason, naming the field and the flags, and changes nothing', () => {
    const { c, claim } = singleSourceClaim();
    expect(getClaim(c, claim.id).corroboration.warnings.overconfident).toBe(true);
    const before = snapshot(c);
    const error = coreError(() => updateClaim(c, { id: claim.id, status: 'verified' }), 'conflict');
    expect(error.reason).toBe('needs_confirmation');
    expect(error.fields).toEqual({
      confirmReason: 'is required: the claim is flagged overconfident, single source',
    });
    expect(error.message).toContain('Marking it Verified needs a confirmation with the reason');
    expect(snapshot(c)).toEqual(before);
  });

  it('goes through with a reason, and the audit event records the flags and the reason', () => {
    const { c, claim } = singleSourceClaim();
    const saved = updateClaim(c, {
      id: claim.id,
      status: 'verified',
      confirmReason: 'Confirmed by phone with the ministry',
    });
    expect(saved.status).toBe('verified');
    expect(saved).not.toHaveProperty('confirmReason');
    expect(lastPayload(c, claim.id).publishConfirmation).toEqual({
      flags: ['overconfident', 'single_source'],
      reason: 'Confirmed by phone with the ministry',
    });
  });

  it('asks nothing of an unflagged claim, nor of other edits to a flagged one', () => {
    const { c, claim } = singleSourceClaim();
    expect(updateClaim(c, { id: claim.id, tags: ['spyware'] }).tags).toEqual(['spyware']);
    const plain = createClaim(c, { statement: 'No evidence yet' });
    expect(updateClaim(c, { id: plain.id, status: 'under_review' }).status).toBe('under_review');
  });
});
