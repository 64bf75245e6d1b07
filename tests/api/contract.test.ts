// The contract is the only door into a case: every method answers through `call`, every refusal
// names what was wrong and changes nothing, and nothing thrown inside escapes as a crash.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Method, methods } from '../../electron/api/contract';
import { createApi } from '../../electron/api/create-api';
import { verifyChain } from '../../electron/core/audit';
import { CoreError } from '../../electron/core/errors';
import { defaultMigrationsDir, loadMigrations } from '../../electron/core/migrations';
import type { ApiError, ErrorCode, Result } from '../../electron/schema/result';
import { CONTRACT_PASSPHRASE, ENCRYPTED_ONLY, ok, type Seed, seed, valid } from '../support/contract-inputs';
import { cleanUpAfterEach, newApi, snapshot, tempDir } from '../support/temp-case';

cleanUpAfterEach();

// One invalid call per method, and the field the refusal must name.
const invalid: { [M in Method]: (s: Seed) => [unknown, string] } = {
  'case.info': () => [{ verbose: true }, 'verbose'],
  'case.setActor': () => [{ actor: '   ' }, 'actor'],
  'case.backups': () => [{ all: true }, 'all'],
  'case.verifyIntegrity': () => [
    { checkpoint: { caseId: 'x', seq: -1, headHash: 'f'.repeat(64) } },
    'checkpoint.seq',
  ],
  'case.integrityProgress': () => [{ since: 0 }, 'since'],
  'case.cancelIntegrity': () => [{ all: true }, 'all'],
  'deals.list': () => [{ limit: 0 }, 'limit'],
  'deals.get': () => [{ id: 'deal-1' }, 'id'],
  'deals.create': () => [{ title: 'x', technology: 'laser', status: 'signed' }, 'technology'],
  'deals.update': (s) => [{ id: s.dealId, year: 1800 }, 'year'],
  'deals.remove': () => [{ id: 42 }, 'id'],
  'deals.setParties': (s) => [
    { dealId: s.dealId, parties: [{ actorId: s.vendorId, role: 'seller' }] },
    'parties.0.role',
  ],
  'actors.list': () => [{ filters: { kind: ['robot'] } }, 'filters.kind.0'],
  'actors.get': () => [{}, 'id'],
  'actors.create': () => [{ name: '', kind: 'company' }, 'name'],
  'actors.update': (s) => [{ id: s.vendorId, aliases: 'HW' }, 'aliases'],
  'actors.remove': (s) => [{ id: s.buyerId, reason: 5 }, 'reason'],
  'sources.list': () => [{ sort: { field: 'url' } }, 'sort.field'],
  'sources.get': () => [{ id: null }, 'id'],
  'sources.create': () => [{ title: 'x', kind: 'article', reliability: 'G' }, 'reliability'],
  'sources.update': (s) => [{ id: s.sourceId, url: 'not a url' }, 'url'],
  'sources.remove': () => [{ id: '' }, 'id'],
  'claims.list': () => [{ filters: { verdict: ['probable'] } }, 'filters.verdict.0'],
  'claims.get': () => [{ id: 'x' }, 'id'],
  'claims.create': () => [{ statement: '' }, 'statement'],
  'claims.update': (s) => [{ id: s.claimId, status: 'true' }, 'status'],
  'claims.remove': () => [{}, 'id'],
  'evidence.add': (s) => [
    { claimId: s.claimId, sourceId: s.sourceId, stance: 'supports', excerpt: 'q', credibility: 9 },
    'credibility',
  ],
  'evidence.update': (s) => [{ id: s.evidenceId, stance: 'neutral' }, 'stance'],
  'evidence.remove': () => [{ id: 'e1' }, 'id'],
  'assessments.add': (s) => [
    { claimId: s.claimId, likelihood: 0, confidence: 'low', rationale: 'r' },
    'likelihood',
  ],
  'search.query': () => [{ query: 5 }, 'query'],
  'attachments.add': (s) => [
    { sourceId: s.sourceId, fileName: '../../etc/passwd', bytesBase64: 'AAAA' },
    'fileName',
  ],
  'attachments.list': () => [{ sourceId: 'x' }, 'sourceId'],
  'attachments.get': (s) => [{ id: s.attachmentId, offset: -1 }, 'offset'],
  'attachments.verify': () => [{ id: 'x' }, 'id'],
  'pictures.network': () => [{ filters: { technologies: ['laser'] } }, 'filters.technologies.0'],
  'pictures.timeline': () => [{ limit: 0 }, 'limit'],
  'pictures.matrix': () => [{ dealId: 'x' }, 'dealId'],
  'pictures.savePositions': (s) => [{ positions: [{ id: s.dealId, x: Number.NaN, y: 0 }] }, 'positions.0.x'],
  'audit.list': () => [{ cursor: 'abc' }, 'cursor'],
  'audit.verify': () => [{ deep: true }, 'deep'],
  'audit.checkpoint': () => [{ note: 'x' }, 'note'],
  'exchange.preview': () => [{ kind: 'endnote', text: 'x' }, 'kind'],
  'exchange.import': () => [{ kind: 'bibtex', text: 'x', skipRejected: 'yes' }, 'skipRejected'],
  'exchange.progress': () => [{ since: 0 }, 'since'],
  'exchange.export': () => [{ format: 'pdf' }, 'format'],
  'exchange.report': () => [{ claimIds: [] }, 'claimIds'],
  'exchange.claimReview': (s) => [{ claimIds: [s.claimId], publisher: { name: '' } }, 'publisher.name'],
  'session.state': () => [{ fileName: 'x' }, 'fileName'],
  'session.lock': () => [{ now: true }, 'now'],
  'session.unlock': () => [{ passphrase: '' }, 'passphrase'],
  'case.changePassphrase': () => [{ currentPassphrase: 'old one', newPassphrase: '' }, 'newPassphrase'],
  'records.restore': (s) => [{ kind: 'person', id: s.removedActorId }, 'kind'],
  'trash.list': () => [{ kind: 'claim', limit: 0 }, 'limit'],
  'undo.state': () => [{ depth: 2 }, 'depth'],
  'undo.last': () => [{ steps: 2 }, 'steps'],
  'undo.redo': () => [{ steps: 2 }, 'steps'],
  'sources.bulkUpdate': (s) => [{ ids: [s.sourceId], reliability: 'Z' }, 'reliability'],
  'claims.bulkUpdate': (s) => [{ ids: [s.claimId, s.claimId], status: 'draft' }, 'ids'],
  'actors.merge': (s) => [{ survivorId: s.vendorId, mergedId: s.vendorId }, 'mergedId'],
};

/** Methods that only read: even when they succeed, the case file must not change. */
const reads: Method[] = [
  'session.state',
  'session.unlock',
  'case.info',
  'case.backups',
  'case.verifyIntegrity',
  'case.integrityProgress',
  'case.cancelIntegrity',
  'deals.list',
  'deals.get',
  'actors.list',
  'actors.get',
  'sources.list',
  'sources.get',
  'claims.list',
  'claims.get',
  'search.query',
  'attachments.list',
  'attachments.get',
  'attachments.verify',
  'pictures.network',
  'pictures.timeline',
  'pictures.matrix',
  'audit.list',
  'audit.verify',
  'audit.checkpoint',
  'exchange.preview',
  'exchange.progress',
  'trash.list',
  'undo.state',
];

function expectRefused(
  result: Result<unknown>,
  code: ErrorCode,
): asserts result is { ok: false; error: ApiError } {
  expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(false);
  if (!result.ok) expect(result.error.code, result.error.message).toBe(code);
}

describe('every method is reachable through call', () => {
  it('the tables cover exactly the contract’s methods', () => {
    expect(Object.keys(valid).sort()).toEqual([...methods].sort());
    expect(Object.keys(invalid).sort()).toEqual([...methods].sort());
  });

  it.each(methods)('%s answers ok with plain JSON data', async (method) => {
    const api = ENCRYPTED_ONLY.includes(method) ? newApi({ passphrase: CONTRACT_PASSPHRASE }) : newApi();
    const s = await seed(api);
    const before = snapshot(api);
    const result = await api.call(method, valid[method](s));
    // Unlocked again, so the case can be looked at (a locked one refuses even that).
    if (method === 'session.lock')
      expect((await api.call('session.unlock', { passphrase: CONTRACT_PASSPHRASE })).ok).toBe(true);
    expect(result.ok, JSON.stringify(result).slice(0, 500)).toBe(true);
    if (!result.ok) return;
    // Both transports carry values as JSON: a value must survive the trip unchanged.
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
    if (reads.includes(method)) expect(snapshot(api)).toEqual(before);
    else expect(verifyChain(api.file.db).ok).toBe(true);
  });

  it('a write made through call is there when the case is opened again', async () => {
    const api = newApi();
    const s = await seed(api);
    await ok(api, 'claims.update', { id: s.claimId, status: 'verified', confirmReason: 'A court record' });
    api.close();
    const again = createApi(api.file.path);
    try {
      const detail = await ok<{ claim: { status: string } }>(again, 'claims.get', { id: s.claimId });
      expect(detail.claim.status).toBe('verified');
    } finally {
      again.close();
    }
  });
});

describe('invalid input', () => {
  it.each(methods)('%s refuses it as invalid_input naming the field, changing nothing', async (method) => {
    const api = newApi();
    const s = await seed(api);
    const [input, field] = invalid[method](s);
    const before = snapshot(api);
    const result = await api.call(method, input);
    expectRefused(result, 'invalid_input');
    expect(Object.keys(result.error.fields ?? {})).toContain(field);
    expect(result.error.message).toContain(field);
    expect(snapshot(api)).toEqual(before);
  });

  it.each(methods)('%s refuses a non-object input, changing nothing', async (method) => {
    const api = newApi();
    await seed(api);
    const before = snapshot(api);
    for (const input of ['deals', 42, [], null, true]) {
      expectRefused(await api.call(method, input), 'invalid_input');
    }
    expect(snapshot(api)).toEqual(before);
  });
});

describe('values that make a schema throw', () => {
  // zod compares `value.length` with a limit on anything that has a length; this plain JSON value
  // cannot be compared (neither valueOf nor toString is a function).
  const uncomparable = () => JSON.parse('{"length": {"valueOf": 1, "toString": 1}}');

  it.each(methods)('%s refuses them as invalid_input, changing nothing', async (method) => {
    const api = newApi();
    const s = await seed(api);
    const input: Record<string, unknown> = { ...(valid[method](s) as object) };
    for (const key of [...Object.keys(input), 'query']) input[key] = uncomparable();
    const before = snapshot(api);
    expectRefused(await api.call(method, input), 'invalid_input');
    expect(snapshot(api)).toEqual(before);
  });
});

describe('method names', () => {
  it.each([
    'deals.drop',
    '',
    'deals',
    'deals.list.extra',
    ' deals.list',
    'DEALS.LIST',
    'deals/list',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'isPrototypeOf',
    'x'.repeat(10_000),
  ])('refuses %j without touching the case', async (method) => {
    const api = newApi();
    await seed(api);
    const before = snapshot(api);
    const result = await api.call(method, {});
    expectRefused(result, 'invalid_input');
    expect(result.error.message).toMatch(/Unknown method/);
    expect(result.error.message.length).toBeLessThan(300);
    expect(snapshot(api)).toEqual(before);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an array', ['deals.list']],
    ['an object that stringifies to a method', { toString: () => 'deals.list' }],
  ])('refuses a method name that is %s', async (_label, method) => {
    const api = newApi();
    expectRefused(await api.call(method as unknown as string, {}), 'invalid_input');
  });
});

describe('prototype keys inside an input', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    '"%s" as a key is refused, named as a field, and pollutes nothing',
    async (key) => {
      const api = newApi();
      const before = snapshot(api);
      const input = JSON.parse(`{"${key}": {"polluted": true}, "statement": "A claim"}`);
      const result = await api.call('claims.create', input);
      expectRefused(result, 'invalid_input');
      expect(Object.hasOwn(result.error.fields ?? {}, key)).toBe(true);
      expect(JSON.parse(JSON.stringify(result.error)).fields).toHaveProperty([key]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(snapshot(api)).toEqual(before);
    },
  );
});

describe('failures inside the core', () => {
  it('an exception becomes internal with a message, and the process carries on', async () => {
    const api = newApi();
    await seed(api);
    // Pull the database out from under the api: every handler now throws a plain TypeError.
    api.file.db.close();
    for (const method of ['deals.list', 'claims.create', 'case.info', 'audit.verify'] as const) {
      const result = await api.call(method, method === 'claims.create' ? { statement: 'x' } : {});
      expectRefused(result, 'internal');
      expect(result.error.message).toMatch(/not open/);
    }
    // Input is still checked first: a bad input is invalid_input, not internal.
    expectRefused(await api.call('claims.create', { statement: '' }), 'invalid_input');
    expect(() => api.close()).not.toThrow();
  });

  it('call never rejects: every outcome is a resolved Result', async () => {
    const api = newApi();
    api.file.db.close();
    await expect(
      api.call('deals.get', { id: '0190a000-0000-7000-8000-000000000000' }),
    ).resolves.toMatchObject({
      ok: false,
    });
  });

  it('not_found and conflict keep their codes through call', async () => {
    const api = newApi();
    const s = await seed(api);
    expectRefused(await api.call('claims.get', { id: '0190a000-0000-7000-8000-000000000000' }), 'not_found');
    const missing = await api.call('evidence.add', {
      ...valid['evidence.add'](s),
      sourceId: '0190a000-0000-7000-8000-000000000000',
    });
    expectRefused(missing, 'not_found');
    expect(missing.error.fields).toHaveProperty('sourceId');
    expectRefused(await api.call('sources.remove', { id: s.sourceId }), 'conflict');
  });
});

describe('case.info', () => {
  it('returns the path, schema version, live counts per table and the audit head', async () => {
    const api = newApi();
    const s = await seed(api);
    const info = await ok<{
      path: string;
      schemaVersion: number;
      counts: Record<string, number>;
      auditHead: { seq: number; hash: string };
      actor: string;
    }>(api, 'case.info', {});
    expect(info.path).toBe(api.file.path);
    expect(info.schemaVersion).toBe(loadMigrations(defaultMigrationsDir()).length);
    expect(info.actor).toBe('tester');
    expect(info.counts).toMatchObject({
      deals: 1,
      actors: 2,
      sources: 2,
      claims: 1,
      evidence: 1,
      assessments: 1,
      attachments: 1,
    });
    const chain = verifyChain(api.file.db);
    expect(chain.ok && info.auditHead).toEqual(chain.ok && chain.head);
    expect(info.counts.auditEvents).toBe(info.auditHead.seq);

    await ok(api, 'claims.remove', { id: s.claimId });
    const after = await ok<{ counts: Record<string, number>; auditHead: { seq: number } }>(
      api,
      'case.info',
      {},
    );
    expect(after.counts.claims).toBe(0);
    expect(after.auditHead.seq).toBe(info.auditHead.seq + 1);
  });

  it('case.setActor changes who is recorded, and says so in case.info', async () => {
    const api = newApi();
    const info = await ok<{ actor: string }>(api, 'case.setActor', { actor: 'Bakyt' });
    expect(info.actor).toBe('Bakyt');
    await ok(api, 'claims.create', { statement: 'x' });
    const events = await ok<{ items: { actor: string; entity: string }[] }>(api, 'audit.list', {
      entity: 'claim',
    });
    expect(events.items.map((e) => e.actor)).toEqual(['Bakyt']);
  });

  it('local.copyTo writes a copy that opens as the same case, and never overwrites a file', async () => {
    const api = newApi();
    const s = await seed(api);
    const path = join(tempDir(), 'copy.evidence');
    expect(api.local.copyTo(path)).toEqual({ path });
    expect(existsSync(path)).toBe(true);
    const copy = createApi(path);
    try {
      expect((await ok<{ claim: { id: string } }>(copy, 'claims.get', { id: s.claimId })).claim.id).toBe(
        s.claimId,
      );
    } finally {
      copy.close();
    }
    expect(() => api.local.copyTo(path)).toThrow(expect.objectContaining({ code: 'conflict' }));
    // A relative path would land wherever the process runs: refused, naming the field.
    const relative = (() => {
      try {
        api.local.copyTo('copy.evidence');
      } catch (error) {
        return error;
      }
    })();
    expect(relative).toBeInstanceOf(CoreError);
    expect((relative as CoreError).fields).toEqual({ path: 'must be an absolute path' });
    expectRefused(
      await api.call('case.backup', { path: join(tempDir(), 'other.evidence') }),
      'invalid_input',
    );
  });
});

describe('createApi', () => {
  it('refuses a file that is not a case file with a typed error, before any call', () => {
    const path = join(tempDir(), 'notes.evidence');
    writeFileSync(path, 'not a case');
    expect(() => createApi(path)).toThrow(CoreError);
    try {
      createApi(path);
    } catch (error) {
      expect((error as CoreError).reason).toBe('not_sqlite');
    }
  });
});
