import { addAssessment } from '../../electron/core/assessments';
import { createClaim, getClaim, removeClaim } from '../../electron/core/claims';
import { setActor } from '../../electron/core/db';
import { newId } from '../../electron/core/ids';
import type { AssessmentAdd } from '../../electron/schema/inputs';
import {
  cleanUpAfterEach,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  snapshot,
  titled,
} from '../support/temp-case';

cleanUpAfterEach();

const judgement = (claimId: string): AssessmentAdd => ({
  claimId,
  likelihood: 6,
  confidence: 'moderate',
  rationale: 'Two independent outlets and a tender notice agree.',
});

describe('assessments', () => {
  it('adds an assessment with one event; the author defaults to who is working', () => {
    const c = newCase({ actor: 'Aida' });
    const claim = createClaim(c, { statement: 'Huawei supplied the cameras' });
    const before = eventCount(c);
    const a = addAssessment(c, judgement(claim.id));
    expect(a).toEqual({ ...judgement(claim.id), id: a.id, author: 'Aida', createdAt: a.createdAt });
    expect(eventCount(c)).toBe(before + 1);
    expect(getClaim(c, claim.id).assessments).toEqual([a]);
  });

  it('after the actor changes, new assessments default to the new actor; an explicit author is kept', () => {
    const c = newCase({ actor: 'Aida' });
    const claim = createClaim(c, { statement: 'x' });
    setActor(c, 'Bakyt');
    expect(addAssessment(c, judgement(claim.id)).author).toBe('Bakyt');
    expect(addAssessment(c, { ...judgement(claim.id), author: ' Guest analyst ' }).author).toBe(
      'Guest analyst',
    );
  });

  it('is append-only: two analysts disagreeing are both kept, newest first', () => {
    const c = newCase({ actor: 'Aida' });
    const claim = createClaim(c, { statement: 'Oniks-Line won the tender' });
    const first = addAssessment(c, {
      claimId: claim.id,
      likelihood: 5,
      confidence: 'moderate',
      rationale: 'Tender notice.',
    });
    setActor(c, 'Bakyt');
    const second = addAssessment(c, {
      claimId: claim.id,
      likelihood: 3,
      confidence: 'low',
      rationale: 'Notice later withdrawn.',
    });
    const history = getClaim(c, claim.id).assessments;
    expect(history).toEqual([second, first]);
    expect(history.map((a) => [a.author, a.likelihood])).toEqual([
      ['Bakyt', 3],
      ['Aida', 5],
    ]);
  });

  it('records the assessment as a create event of its own, never rewriting an earlier one', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'x' });
    const first = addAssessment(c, judgement(claim.id));
    addAssessment(c, judgement(claim.id));
    const rows = c.db
      .prepare("SELECT action, entity_id, parent FROM audit_log WHERE entity = 'assessment'")
      .all();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ action: 'create', entity_id: first.id, parent: null });
  });

  it('refuses a missing or removed claim as not_found naming claimId', () => {
    const c = newCase();
    const before = snapshot(c);
    expect(coreError(() => addAssessment(c, judgement(newId())), 'not_found').fields).toHaveProperty(
      'claimId',
    );
    expect(snapshot(c)).toEqual(before);
    const claim = createClaim(c, { statement: 'gone' });
    removeClaim(c, { id: claim.id });
    expect(coreError(() => addAssessment(c, judgement(claim.id)), 'not_found').fields).toHaveProperty(
      'claimId',
    );
  });

  it.each(
    titled([
      ['likelihood', { likelihood: 0 }],
      ['likelihood', { likelihood: 8 }],
      ['likelihood', { likelihood: 5.5 }],
      ['likelihood', { likelihood: 'likely' }],
      ['confidence', { confidence: 'certain' }],
      ['confidence', { confidence: 'High' }],
      ['rationale', { rationale: '' }],
      ['rationale', { rationale: ' ' }],
      ['rationale', { rationale: 12 }],
      ['author', { author: 'x'.repeat(501) }],
      ['claimId', { claimId: 'the claim' }],
      ['id', { id: 'nope' }],
      ['updatedAt', { updatedAt: '2024-01-01' }],
    ]),
  )('invalid %s = %s names the field and changes nothing', (field, _input, change) => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'x' });
    expectInvalid(c, () => addAssessment(c, { ...judgement(claim.id), ...change }), field);
  });

  it.each(['claimId', 'likelihood', 'confidence', 'rationale'])(
    'refuses an assessment without %s',
    (field) => {
      const c = newCase();
      const claim = createClaim(c, { statement: 'x' });
      const input: Record<string, unknown> = { ...judgement(claim.id) };
      delete input[field];
      expectInvalid(c, () => addAssessment(c, input), field);
    },
  );
});
