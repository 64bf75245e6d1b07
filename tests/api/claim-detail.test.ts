// A claim's detail in one round trip: `claims.get` with `trail: true` answers the detail and the
// trail the pane shows, with no more SQL statements than the two calls it replaces.
import { join } from 'node:path';
import { writeSampleCase } from '../../electron/api/case-files';
import { bindApi } from '../../electron/api/create-api';
import type { AuditEvent, ClaimDetail, Page } from '../../electron/schema/records';
import { countStatements } from '../support/count-statements';
import { cleanUpAfterEach, reopenCase, tempDir } from '../support/temp-case';

cleanUpAfterEach();

async function sampleApi() {
  const path = join(tempDir(), 'sample.evidence');
  writeSampleCase(path);
  const file = reopenCase(path);
  return { file, api: bindApi(file) };
}

const value = <T>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

describe('claims.get with its trail', () => {
  it('answers the same detail and the same trail as claims.get then audit.list, in one call', async () => {
    const { api } = await sampleApi();
    const [first] = value<Page<{ id: string }>>(await api.call('claims.list', { limit: 1 })).items;
    const id = first!.id;
    const detail = value<ClaimDetail>(await api.call('claims.get', { id }));
    const trail = value<Page<AuditEvent>>(await api.call('audit.list', { claimId: id, limit: 500 }));
    expect(detail.trail).toBeUndefined();
    const both = value<ClaimDetail>(await api.call('claims.get', { id, trail: true }));
    expect(both).toEqual({ ...detail, trail });
    expect(trail.items.length).toBeGreaterThan(1);
  });

  it('runs no more SQL statements than the two calls it replaces', async () => {
    const { file, api } = await sampleApi();
    const [first] = value<Page<{ id: string }>>(await api.call('claims.list', { limit: 1 })).items;
    const id = first!.id;
    const counter = countStatements(file);
    await api.call('claims.get', { id });
    await api.call('audit.list', { claimId: id, limit: 500 });
    const separately = counter.count;
    counter.reset();
    await api.call('claims.get', { id, trail: true });
    expect(counter.count).toBeGreaterThan(0);
    expect(counter.count).toBeLessThanOrEqual(separately);
  });

  it('refuses a trail flag that is not a boolean, naming it', async () => {
    const { api } = await sampleApi();
    const [first] = value<Page<{ id: string }>>(await api.call('claims.list', { limit: 1 })).items;
    const answer = await api.call('claims.get', { id: first!.id, trail: 'yes' });
    expect(answer.ok).toBe(false);
    expect(answer.ok ? null : Object.keys(answer.error.fields ?? {})).toEqual(['trail']);
  });
});
