// Exchange through the contract, as the renderer calls it: preview, then import the plan it
// showed; poll progress while a long read runs; export, report and ClaimReview; every refusal a
// Result with a code and fields, and the case file unchanged by it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiWithFile as Api } from '../../electron/api/create-api';
import { runExport } from '../../electron/core/exchange/export';
import type {
  ExportResult,
  ImportPlan,
  ImportResult,
  ReportResult,
  RunningExchange,
} from '../../electron/schema/exchange';
import type { Result } from '../../electron/schema/result';
import { cleanUpAfterEach, fileHash, newApi, snapshot, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const oneRejected = readFileSync(join(fixtures, 'exchange', 'one-rejected.bib')).toString('base64');

async function ok<T>(api: Api, method: string, input: unknown): Promise<T> {
  const r = await api.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  // What a transport carries is JSON: the value must survive the trip.
  expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
  return r.value as T;
}

function refused(r: Result<unknown>): {
  code: string;
  message: string;
  fields?: Record<string, string>;
  reason?: string;
} {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('exchange through the contract', () => {
  it('preview shows the rejected row and why; import applies that plan with the rejected row left out', async () => {
    const api = newApi();
    const input = { kind: 'bibtex', bytesBase64: oneRejected, fileName: 'one-rejected.bib' };
    const plan = await ok<ImportPlan>(api, 'exchange.preview', input);
    expect(plan.totals).toMatchObject({ rows: 3, create: 2, rejected: 1 });
    expect(plan.rows.find((r) => r.action === 'rejected')).toMatchObject({ row: 2, reason: 'has no title' });

    const before = snapshot(api);
    const blocked = refused(await api.call('exchange.import', { ...input, expectedPlanId: plan.planId }));
    expect(blocked).toMatchObject({ code: 'invalid_input', reason: 'rejected_rows' });
    expect(blocked.message).toContain('row 2: has no title');
    expect(snapshot(api)).toEqual(before);

    const result = await ok<ImportResult>(api, 'exchange.import', {
      ...input,
      expectedPlanId: plan.planId,
      skipRejected: true,
    });
    expect(result).toMatchObject({ created: 2, rejected: 1, planId: plan.planId });
    const sources = await ok<{ total: number }>(api, 'sources.list', {});
    expect(sources.total).toBe(2);
  });

  it('progress can be polled while a long preview reads; null when nothing runs; one import at a time', async () => {
    const api = newApi();
    const one = readFileSync(
      join(fixtures, 'real-world', 'bib_betterbibtex_zotero_misc_urldate.bib'),
      'utf8',
    );
    const big = Array.from({ length: 12 }, (_, i) => one.replace(/@(\w+)\{([^,]+),/g, `@$1{$2_${i},`)).join(
      '\n',
    );
    expect(await ok(api, 'exchange.progress', {})).toBeNull();
    const running = api.call('exchange.preview', { kind: 'bibtex', text: big });
    let seen: RunningExchange | null = null;
    for (let i = 0; i < 200 && !seen?.done; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      seen = await ok<RunningExchange | null>(api, 'exchange.progress', {});
    }
    expect(seen).toMatchObject({ operation: 'preview', phase: 'read', total: 432 });
    expect(seen!.done).toBeGreaterThan(0);
    const second = refused(await api.call('exchange.import', { kind: 'bibtex', text: one }));
    expect(second.code).toBe('conflict');
    const plan = (await running) as Result<ImportPlan>;
    expect(plan.ok && plan.value.totals.rows).toBe(432);
    expect(await ok(api, 'exchange.progress', {})).toBeNull();
  });

  it('bad input is a Result naming the problem, and the case file stays byte-identical', async () => {
    const api = newApi();
    const hash = fileHash(api.file.path);
    const before = snapshot(api);
    const truncated = await ok<ImportPlan>(api, 'exchange.preview', {
      kind: 'case-json',
      text: '{"format":"corroborate-case","version":1,"records":{"claims":[',
    });
    expect(truncated.fatal?.message).toMatch(/truncated/);
    const err = refused(
      await api.call('exchange.import', {
        kind: 'case-json',
        text: '{"format":"corroborate-case","version":1,"records":{"claims":[',
      }),
    );
    expect(err).toMatchObject({ code: 'invalid_input', reason: 'fatal' });
    refused(await api.call('exchange.preview', { kind: 'bibtex' }));
    refused(await api.call('exchange.preview', { kind: 'bibtex', text: 'x', bytesBase64: 'eA==' }));
    expect(snapshot(api)).toEqual(before);
    expect(fileHash(api.file.path)).toBe(hash);
  });

  it('export, report and ClaimReview answer with what a save dialog needs', async () => {
    const api = newApi();
    const claim = await ok<{ id: string }>(api, 'claims.create', {
      statement: 'A claim',
      status: 'verified',
    });
    const exp = await ok<ExportResult>(api, 'exchange.export', { format: 'claims-csv' });
    expect(exp).toMatchObject({ fileName: 'test.claims.csv', mediaType: 'text/csv', path: null });
    expect(exp.text).toContain('A claim');
    // Only the main process writes files, after its save dialog: the contract takes no path.
    const path = join(tempDir(), 'case.json');
    const before = snapshot(api.file);
    refused(await api.call('exchange.export', { format: 'case-json', path }));
    refused(await api.call('exchange.report', { claimIds: [claim.id], path }));
    expect(existsSync(path)).toBe(false);
    expect(snapshot(api.file)).toEqual(before);
    const written = runExport(api.file, { format: 'case-json', path });
    expect(written).toMatchObject({ text: null, path });
    expect(fileHash(path)).toBe(written.sha256);
    const report = await ok<ReportResult>(api, 'exchange.report', { claimIds: [claim.id] });
    expect(report.html).toContain('<!doctype html>');
    expect(report.fileName).toMatch(/\.report\.html$/);
    const review = await ok<{ reviews: number; jsonLd: string }>(api, 'exchange.claimReview', {
      claimIds: [claim.id],
      publisher: { name: 'The desk' },
    });
    expect(review.reviews).toBe(1);
    expect(JSON.parse(review.jsonLd)['@type']).toBe('ClaimReview');
  });
});
