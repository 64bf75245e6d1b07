// The one integrity run: every step the app, the host and `npm run verify` share, what each one
// catches that the others cannot, progress, the table-by-table mode of a large file, and cancelling.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bindApi } from '../../electron/api/create-api';
import { createClaim } from '../../electron/core/claims';
import { openCase } from '../../electron/core/db';
import { addEvidence } from '../../electron/core/evidence';
import { runIntegrity } from '../../electron/core/integrity/run-integrity';
import { registerSearchFunctions } from '../../electron/core/search-index';
import { createSource } from '../../electron/core/sources';
import type { IntegrityProgress, IntegrityReport } from '../../electron/schema/custody';
import { integrityStepNames } from '../../electron/schema/custody';
import { cleanUpAfterEach, newCase, reopenCase, snapshot, tempDir } from '../support/temp-case';

cleanUpAfterEach();

function smallCase(path?: string) {
  const c = path ? openCase(path, { create: true, actor: 'tester' }) : newCase();
  const source = createSource(c, { title: 'Tender notice', kind: 'official_record', reliability: 'B' });
  for (let i = 0; i < 5; i++) {
    const claim = createClaim(c, { statement: `The ministry bought system ${i}` });
    addEvidence(c, {
      claimId: claim.id,
      sourceId: source.id,
      stance: 'supports',
      excerpt: `excerpt ${i}`,
      credibility: 2,
    });
  }
  return c;
}

/** Changes the file behind the app's back, as someone with the file and a SQLite shell could. */
function behindTheAppsBack(path: string, sql: string): void {
  const raw = new Database(path);
  // The search triggers call the app's text functions; give the shell the same ones.
  registerSearchFunctions(raw);
  raw.exec(sql);
  raw.close();
}

const stepOf = (report: IntegrityReport, name: string) => report.steps.find((s) => s.step === name)!;

describe('the integrity run', () => {
  it('runs every step in order and changes nothing', async () => {
    const c = smallCase();
    const before = snapshot(c);
    const report = await runIntegrity(c, {});
    expect(report.steps.map((s) => s.step)).toEqual([...integrityStepNames]);
    expect(report.ok).toBe(true);
    expect(report.cancelled).toBe(false);
    expect(snapshot(c)).toEqual(before);
  });

  it('"Verify case integrity" (the contract method) names a record edited behind the app\'s back', async () => {
    const c = smallCase();
    const path = c.path;
    c.close();
    behindTheAppsBack(path, "UPDATE claims SET statement = 'The ministry never bought it' WHERE rowid = 1");
    const api = bindApi(reopenCase(path));
    const answer = await api.call('case.verifyIntegrity', {});
    expect(answer.ok).toBe(true);
    const report = (answer as { value: IntegrityReport }).value;
    expect(report.ok).toBe(false);
    // SQLite sees a sound file; only the comparison with the history catches it.
    expect(stepOf(report, 'database').ok).toBe(true);
    expect(stepOf(report, 'audit').ok).toBe(true);
    expect(stepOf(report, 'records').problems.join()).toContain(
      'differs from its last recorded change (statement)',
    );
    expect(report.text).toContain('[FAILED ] Records against their history');
  });

  it('names a stored verdict that no longer follows from the evidence', async () => {
    const c = smallCase();
    const path = c.path;
    c.close();
    behindTheAppsBack(path, "UPDATE claim_verdicts SET verdict = 'corroborated'");
    const report = await runIntegrity(reopenCase(path), {});
    expect(stepOf(report, 'verdicts').ok).toBe(false);
    expect(stepOf(report, 'verdicts').summary).toContain('5 stored verdicts are out of date');
  });

  it('names evidence pointing at a claim that is gone', async () => {
    const c = smallCase();
    const path = c.path;
    c.close();
    behindTheAppsBack(path, 'PRAGMA foreign_keys = OFF; DELETE FROM claims WHERE rowid = 2;');
    const report = await runIntegrity(reopenCase(path), {});
    expect(stepOf(report, 'foreign_keys').ok).toBe(false);
    expect(stepOf(report, 'foreign_keys').problems.join('\n')).toMatch(
      /A row of evidence .* points to a missing claims row/,
    );
  });

  it('runs only the steps asked for and lists the others as skipped', async () => {
    const c = smallCase();
    const report = await runIntegrity(c, { steps: ['audit', 'records'] });
    expect(report.steps.filter((s) => !s.skipped).map((s) => s.step)).toEqual(['audit', 'records']);
    expect(stepOf(report, 'attachments').summary).toBe('Not asked for in this run.');
  });

  it('refuses an unknown step, naming the field', async () => {
    const api = bindApi(smallCase());
    const answer = await api.call('case.verifyIntegrity', { steps: ['everything'] });
    expect(answer.ok).toBe(false);
    expect(answer.ok ? null : Object.keys(answer.error.fields ?? {})).toEqual(['steps.0']);
  });

  it('checks a large case table by table, with progress per table, and still finds damage', async () => {
    const path = join(tempDir(), 'large.evidence');
    smallCase(path).close();
    // Opened as a large file would be: the open defers its full check, the run goes table by table.
    const c = reopenCase(path, { fullCheckLimitBytes: 1 });
    expect(c.openCheck).toBe('deferred');
    const seen: IntegrityProgress[] = [];
    const report = await runIntegrity(c, { steps: ['database'] }, { onProgress: (p) => seen.push(p) });
    expect(report.ok).toBe(true);
    const tables = seen.filter((p) => p.step === 'database' && /table \d+ of \d+/.test(p.message));
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.some((p) => p.message.includes('(claims)'))).toBe(true);
  });

  it('can be cancelled through the contract: the report says so and the steps not reached are skipped', async () => {
    const c = smallCase();
    const api = bindApi(c);
    let cancelAnswer: unknown = null;
    const report = await runIntegrity(
      c,
      {},
      {
        onProgress: (p) => {
          if (p.step === 'audit' && cancelAnswer === null)
            cancelAnswer = api.call('case.cancelIntegrity', {});
        },
      },
    );
    expect(await cancelAnswer).toEqual({ ok: true, value: { cancelled: true } });
    expect(report.cancelled).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.text).toContain('RESULT: CANCELLED');
    expect(stepOf(report, 'attachments')).toMatchObject({ skipped: true });
    expect(stepOf(report, 'database')).toMatchObject({ skipped: false, ok: true });
    // Nothing is left running: a new run starts, and cancelling when none runs says so.
    expect(await api.call('case.cancelIntegrity', {})).toEqual({ ok: true, value: { cancelled: false } });
    expect((await runIntegrity(c, {})).ok).toBe(true);
  });

  it('stops when a local caller aborts (the command line on Ctrl+C)', async () => {
    const c = smallCase();
    const stop = new AbortController();
    stop.abort();
    const report = await runIntegrity(c, {}, { signal: stop.signal });
    expect(report.cancelled).toBe(true);
    expect(report.steps.every((s) => s.skipped)).toBe(true);
  });
});
