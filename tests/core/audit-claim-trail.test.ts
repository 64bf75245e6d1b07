import { addAssessment } from '../../electron/core/assessments';
import { listEvents } from '../../electron/core/audit';
import { createClaim } from '../../electron/core/claims';
import { addEvidence, removeEvidence, updateEvidence } from '../../electron/core/evidence';
import { createSource } from '../../electron/core/sources';
import { cleanUpAfterEach, newCase } from '../support/temp-case';

cleanUpAfterEach();

describe('audit.list by claim', () => {
  it("gathers the claim's own events, its evidence's (removed included) and its assessments', and no one else's", () => {
    const c = newCase();
    const source = createSource(c, { title: 'Report', kind: 'report', reliability: 'B' });
    const claim = createClaim(c, { statement: 'Signatek supplied SORM equipment' });
    const other = createClaim(c, { statement: 'Another claim' });
    const kept = addEvidence(c, {
      claimId: claim.id,
      sourceId: source.id,
      stance: 'supports',
      excerpt: 'a',
      credibility: 2,
    });
    const gone = addEvidence(c, {
      claimId: claim.id,
      sourceId: source.id,
      stance: 'context',
      excerpt: 'b',
      credibility: 3,
    });
    updateEvidence(c, { id: kept.id, locator: 'para. 4' });
    removeEvidence(c, { id: gone.id });
    const assessment = addAssessment(c, {
      claimId: claim.id,
      likelihood: 5,
      confidence: 'low',
      rationale: 'One report.',
    });
    addEvidence(c, {
      claimId: other.id,
      sourceId: source.id,
      stance: 'supports',
      excerpt: 'c',
      credibility: 2,
    });

    const trail = listEvents(c.db, { claimId: claim.id, limit: 100 });
    expect(trail.items.map((e) => [e.entityId, e.action])).toEqual([
      [assessment.id, 'create'],
      [gone.id, 'remove'],
      [kept.id, 'update'],
      [gone.id, 'create'],
      [kept.id, 'create'],
      [claim.id, 'create'],
    ]);
    expect(trail.total).toBe(6);
  });
});
