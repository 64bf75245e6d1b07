// The latest assessment of a claim is the one recorded last, whatever the machine's clock said:
// a laptop whose clock is behind, or one set to 2099, must not decide which judgement counts. The
// clock is driven through the case's injected time source, never the system clock.

import { addAssessment } from '../../electron/core/assessments';
import { listEvents } from '../../electron/core/audit';
import { createClaim, getClaim } from '../../electron/core/claims';
import { timeFlag } from '../../electron/core/recorded-order';
import { cleanUpAfterEach, newCase } from '../support/temp-case';

cleanUpAfterEach();

it('an assessment recorded with the clock behind, then one with it ahead, each take their place by recorded order', () => {
  let clock = new Date('2026-06-01T09:00:00.000Z');
  const c = newCase({ clock: () => clock });
  const claim = createClaim(c, { statement: 'The contract was signed in Tashkent' });
  const assess = (likelihood: number, rationale: string) =>
    addAssessment(c, { claimId: claim.id, likelihood, confidence: 'moderate', rationale });
  const latest = () => getClaim(c, claim.id);

  assess(6, 'Very likely, from the first reading');
  expect(latest().corroboration.warnings.overconfident).toBe(true);

  // Revised on a laptop whose clock is a month behind: it is still the latest judgement.
  clock = new Date('2026-05-01T09:00:00.000Z');
  const revised = assess(4, 'Roughly even once the second source fell through');
  expect(revised.createdAt).toBe('2026-05-01T09:00:00.000Z');
  expect(latest().assessments[0]!.id).toBe(revised.id);
  expect(latest().corroboration.warnings.overconfident).toBe(false);

  // One written with the clock at 2099 is latest only until the next one is recorded.
  clock = new Date('2099-01-01T00:00:00.000Z');
  const future = assess(7, 'Almost certain');
  expect(latest().assessments[0]!.id).toBe(future.id);
  clock = new Date('2026-06-02T09:00:00.000Z');
  const after = assess(3, 'Roughly even, leaning unlikely');
  expect(latest().assessments.map((a) => a.likelihood)).toEqual([3, 7, 4, 6]);
  expect(latest().assessments[0]!.id).toBe(after.id);
  expect(latest().corroboration.warnings.overconfident).toBe(false);

  // Times stay as recorded; the implausible ones are flagged on their events.
  const events = listEvents(
    c.db,
    { entity: 'assessment', limit: 10 },
    { now: c.now(), caseCreatedAt: c.meta.createdAt },
  ).items;
  const flags = Object.fromEntries(events.map((e) => [e.at, e.timeFlag ?? null]));
  expect(flags).toEqual({
    '2026-06-01T09:00:00.000Z': null,
    '2026-05-01T09:00:00.000Z': 'before_case',
    '2099-01-01T00:00:00.000Z': 'ahead_of_clock',
    '2026-06-02T09:00:00.000Z': null,
  });
});

it('flags a time more than a day ahead of the clock or before the case existed, and nothing else', () => {
  const created = '2026-01-01T00:00:00.000Z';
  const now = '2026-06-01T00:00:00.000Z';
  expect(timeFlag('2026-06-01T23:59:00.000Z', now, created)).toBeNull();
  expect(timeFlag('2026-06-02T00:00:01.000Z', now, created)).toBe('ahead_of_clock');
  expect(timeFlag('2025-12-31T23:59:59.999Z', now, created)).toBe('before_case');
  expect(timeFlag(created, now, created)).toBeNull();
});
