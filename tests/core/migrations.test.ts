// Opening a file is where a case can be lost: every refusal must leave the file byte-identical
// (and create nothing beside it), and an upgrade must keep a working copy of the old version.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { createApi } from '../../electron/api/create-api';
import { createActor } from '../../electron/core/actors';
import { addAssessment } from '../../electron/core/assessments';
import { appendEvent, verifyChain } from '../../electron/core/audit';
import { createClaim, getClaim } from '../../electron/core/claims';
import { APPLICATION_ID, CaseFile, openCase } from '../../electron/core/db';
import { createDeal, listDeals, setParties } from '../../electron/core/deals';
import { addEvidence } from '../../electron/core/evidence';
import { newId, nowIso } from '../../electron/core/ids';
import { defaultMigrationsDir, loadMigrations } from '../../electron/core/migrations';
import { registerSearchFunctions } from '../../electron/core/search-index';
import { createSource } from '../../electron/core/sources';
import {
  cleanUpAfterEach,
  coreError,
  fileHash,
  newCase,
  reopenCase,
  snapshot,
  tempDir,
} from '../support/temp-case';

cleanUpAfterEach();

const realMigrations = defaultMigrationsDir();
const realFiles = readdirSync(realMigrations)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const LATEST = realFiles.length;
const INIT = '0001_init.sql';
const num = (n: number) => String(n).padStart(4, '0');
/** The number a test-only migration after the app's last one gets. */
const NEXT = num(LATEST + 1);

/**
 * A migrations folder holding every real migration plus the given extra files. The core always
 * targets the app's own latest schema, so a test folder only ever adds to the real one.
 */
function migrationsDir(extra: Record<string, string> = {}): string {
  const dir = tempDir('corroborate-migrations-');
  for (const f of realFiles) copyFileSync(join(realMigrations, f), join(dir, f));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

/** A closed case at the latest schema with a little of everything in it. */
function closedCase(migrations?: string): { path: string; claimId: string } {
  const c = newCase(migrations ? { migrationsDir: migrations } : {});
  const deal = createDeal(c, {
    title: 'Safe City for Bishkek',
    technology: 'cctv',
    status: 'deployed',
    year: 2019,
  });
  const source = createSource(c, { title: 'Reuters report', kind: 'article', reliability: 'B' });
  const claim = createClaim(c, {
    statement: 'Huawei installed Safe City cameras',
    dealId: deal.id,
    tags: ['huawei'],
  });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: source.id,
    stance: 'supports',
    excerpt: 'cameras were installed',
    credibility: 2,
  });
  for (let i = 0; i < 150; i++)
    createDeal(c, { title: `Filler deal ${i} ${'x'.repeat(200)}`, technology: 'dpi', status: 'rumoured' });
  c.close();
  return { path: c.path, claimId: claim.id };
}

function expectUntouched(path: string, hash: string | null) {
  expect(fileHash(path)).toBe(hash);
  expect(existsSync(`${path}-wal`), 'no -wal beside a refused file').toBe(false);
  expect(existsSync(`${path}-shm`), 'no -shm beside a refused file').toBe(false);
}

describe('creating a case', () => {
  it('creates a new file at the latest schema, marked as ours, with its identity and first event', () => {
    const c = newCase({ actor: 'Aida' }, 'Bishkek cameras.evidence');
    expect(c.schemaVersion).toBe(LATEST);
    expect(c.db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(c.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(c.meta.name).toBe('Bishkek cameras');
    expect(c.meta.actor).toBe('Aida');
    expect(c.meta.caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.meta.replica).not.toBe(c.meta.caseId);
    const first = c.db.prepare('SELECT * FROM audit_log ORDER BY seq LIMIT 1').get() as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({
      seq: 1,
      action: 'create',
      entity: 'case',
      entity_id: c.meta.caseId,
      actor: 'Aida',
    });
  });

  it('reopens a case without migrating or backing it up again', () => {
    const { path } = closedCase();
    const c = reopenCase(path);
    expect(c.schemaVersion).toBe(LATEST);
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses a missing file unless asked to create it, and creates nothing', () => {
    const path = join(tempDir(), 'missing.evidence');
    const error = coreError(() => openCase(path), 'not_found');
    expect(error.reason).toBe('missing');
    expect(error.message).toContain(path);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses to create a case in a folder that does not exist', () => {
    const dir = join(tempDir(), 'no-such-folder');
    const error = coreError(() => openCase(join(dir, 'x.evidence'), { create: true }), 'io');
    expect(error.message).toMatch(/x\.evidence/);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('refusing files that are not healthy case files', () => {
  it('a case written by a newer app', () => {
    const { path } = closedCase();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST + 1}`);
    raw.close();
    const hash = fileHash(path);
    const error = coreError(() => openCase(path), 'conflict');
    expect(error.reason).toBe('newer');
    expect(error.message).toMatch(/newer version of Corroborate/);
    expect(error.message).toContain('test.evidence');
    expectUntouched(path, hash);
  });

  it('a file that is not an SQLite database', () => {
    const path = join(tempDir(), 'notes.evidence');
    writeFileSync(path, 'Meeting notes: the Oniks-Line contract was signed in 2016.\n'.repeat(40));
    const hash = fileHash(path);
    const error = coreError(() => openCase(path, { create: true }), 'integrity');
    expect(error.reason).toBe('not_sqlite');
    expect(error.message).toMatch(/notes\.evidence is not a Corroborate case file/);
    expectUntouched(path, hash);
  });

  it('a file shorter than an SQLite header that starts like one', () => {
    const path = join(tempDir(), 'short.evidence');
    writeFileSync(path, 'SQLite format 3\0');
    const hash = fileHash(path);
    expect(coreError(() => openCase(path), 'integrity').reason).toBe('not_sqlite');
    expectUntouched(path, hash);
  });

  it('an empty file', () => {
    const path = join(tempDir(), 'empty.evidence');
    writeFileSync(path, '');
    const error = coreError(() => openCase(path, { create: true }), 'integrity');
    expect(error.reason).toBe('empty');
    expect(error.message).toMatch(/empty\.evidence is empty/);
    expectUntouched(path, fileHash(path));
    expect(readFileSync(path).length).toBe(0);
  });

  it('a folder', () => {
    const path = join(tempDir(), 'folder.evidence');
    mkdirSync(path);
    expect(coreError(() => openCase(path), 'io').reason).toBe('not_a_file');
  });

  it.each([
    ['with its own application id', 0x46697265, 'delete'],
    ['with no application id but tables of its own', 0, 'wal'],
  ])('an SQLite database of another application (%s)', (_label, appId, journal) => {
    const path = join(tempDir(), 'other.sqlite');
    const raw = new Database(path);
    raw.pragma(`journal_mode = ${journal}`);
    raw.pragma(`application_id = ${appId}`);
    raw.exec("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.org')");
    raw.close();
    const hash = fileHash(path);
    const error = coreError(() => openCase(path, { create: true }), 'integrity');
    expect(error.reason).toBe('foreign');
    expect(error.message).toMatch(/other\.sqlite is an SQLite database of another application/);
    expectUntouched(path, hash);
  });

  it('a damaged case file (a table page overwritten)', () => {
    const { path } = closedCase();
    // A read-write look: closing the last connection removes the WAL side files again.
    const raw = new Database(path);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const root = raw
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'deals'")
      .pluck()
      .get() as number;
    raw.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const bytes = readFileSync(path);
    // Scribble over the b-tree page header and cell pointers of the deals table's root page.
    bytes.fill(0xa5, (root - 1) * pageSize, (root - 1) * pageSize + 64);
    writeFileSync(path, bytes);
    const hash = fileHash(path);
    const error = coreError(() => openCase(path), 'integrity');
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/test\.evidence is damaged/);
    expectUntouched(path, hash);
  });
});

describe('the migrations folder', () => {
  it('the real folder is numbered 0001… without gaps', () => {
    const list = loadMigrations(realMigrations);
    expect(list.map((m) => m.version)).toEqual(realFiles.map((_, i) => i + 1));
    expect(list[0]!.name).toBe(INIT);
  });

  it.each([
    ['a gap', { [`${num(LATEST + 2)}_later.sql`]: 'SELECT 1;' }, new RegExp(`Migration ${NEXT} is missing`)],
    ['a duplicate number', { '0001_again.sql': 'SELECT 1;' }, /Two migrations share number 0001/],
    ['a file without a number', { 'extra.sql': 'SELECT 1;' }, /"extra\.sql" is not named NNNN_name\.sql/],
    ['a dash instead of an underscore', { [`${NEXT}-extra.sql`]: 'SELECT 1;' }, /-extra\.sql" is not named/],
    ['a short number', { '2_extra.sql': 'SELECT 1;' }, /"2_extra\.sql" is not named/],
    ['capitals in the name', { [`${NEXT}_Extra.sql`]: 'SELECT 1;' }, /_Extra\.sql" is not named/],
  ])('refuses a folder with %s, and neither creates nor touches a case', (_label, extra, message) => {
    const dir = migrationsDir(extra);
    expect(coreError(() => loadMigrations(dir), 'internal').message).toMatch(message);
    const fresh = join(tempDir(), 'new.evidence');
    expect(
      coreError(() => openCase(fresh, { create: true, migrationsDir: dir }), 'internal').message,
    ).toMatch(message);
    expect(existsSync(fresh)).toBe(false);
    const { path } = closedCase();
    const hash = fileHash(path);
    coreError(() => openCase(path, { migrationsDir: dir }), 'internal');
    expectUntouched(path, hash);
  });

  it('refuses an empty folder', () => {
    expect(coreError(() => loadMigrations(tempDir()), 'internal').message).toMatch(/No migrations/);
  });

  it('ignores files that are not .sql (a README beside the migrations)', () => {
    const dir = migrationsDir({ 'README.md': '# notes' });
    expect(loadMigrations(dir).map((m) => m.name)).toEqual(realFiles);
  });
});

/**
 * A case exactly as version 1 of the app wrote it: schema 0001 only, its identity and first event,
 * and records written through the core's own write path.
 */
function writeV1Case(path: string): { claimId: string; dealId: string } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  registerSearchFunctions(db);
  db.exec(readFileSync(join(realMigrations, INIT), 'utf8'));
  const meta = { case_id: newId(), replica: newId(), name: 'v1 case', actor: 'Aida', created_at: nowIso() };
  for (const [key, value] of Object.entries(meta))
    db.prepare('INSERT INTO case_meta (key, value) VALUES (?, ?)').run(key, value);
  appendEvent(db, {
    actor: meta.actor,
    replica: meta.replica,
    action: 'create',
    entity: 'case',
    entityId: meta.case_id,
    payload: { caseId: meta.case_id, name: meta.name, createdAt: meta.created_at },
  });
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 1');
  const c = new CaseFile(db, path);
  const deal = createDeal(c, {
    title: 'Сергек: камеры в Алматы',
    technology: 'facial_recognition',
    status: 'deployed',
  });
  const vendor = createActor(c, { name: 'Sergek Group', kind: 'company', aliases: ['Сергек'] });
  setParties(c, { dealId: deal.id, parties: [{ actorId: vendor.id, role: 'vendor' }] });
  const source = createSource(c, { title: 'Vlast.kz', kind: 'article', reliability: 'B' });
  const claim = createClaim(c, {
    statement: 'Sergek cameras read number plates',
    dealId: deal.id,
    tags: ['sergek'],
  });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: source.id,
    stance: 'supports',
    excerpt: 'распознаёт номера',
    credibility: 2,
  });
  addAssessment(c, {
    claimId: claim.id,
    likelihood: 5,
    confidence: 'moderate',
    rationale: 'Operator statement.',
  });
  c.close();
  return { claimId: claim.id, dealId: deal.id };
}

describe('upgrading a case', () => {
  it.skipIf(LATEST < 2)('upgrades a version 1 case to the latest schema, keeping a working v1 backup', () => {
    const path = join(tempDir(), 'old.evidence');
    const { claimId, dealId } = writeV1Case(path);
    const v1 = new Database(path, { readonly: true });
    const before = {
      counts: Object.fromEntries(
        [
          'deals',
          'actors',
          'deal_parties',
          'sources',
          'claims',
          'evidence',
          'assessments',
          'audit_log',
          'claim_verdicts',
        ].map((t) => [t, v1.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]),
      ),
      chain: verifyChain(v1),
    };
    v1.close();
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });

    const c = reopenCase(path);
    expect(c.schemaVersion).toBe(LATEST);
    for (const [table, n] of Object.entries(before.counts)) expect(snapshot(c).counts[table], table).toBe(n);
    expect(verifyChain(c.db)).toEqual(before.chain);
    const detail = getClaim(c, claimId);
    expect(detail.claim.tags).toEqual(['sergek']);
    expect(detail.evidence.map((e) => e.excerpt)).toEqual(['распознаёт номера']);
    expect(detail.corroboration.verdict).toBe('single_source');
    // The search index was rebuilt by the migrations: the old records are still found.
    expect(listDeals(c, { query: 'Сергек' }).items.map((d) => d.id)).toEqual([dealId]);

    const backup = new Database(`${path}.v1.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(backup.pragma('quick_check', { simple: true })).toBe('ok');
    expect(backup.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(before.counts.claims);
    expect(verifyChain(backup)).toEqual(before.chain);
    backup.close();
  });

  const nextMigration = {
    [`${NEXT}_case_notes.sql`]:
      'CREATE TABLE case_notes (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT;\n' +
      "INSERT INTO case_notes VALUES ('welcome', 'added by the next migration');\n",
  };

  it('backs up the current version beside the file, then migrates it with its data intact', () => {
    const { path, claimId } = closedCase();
    const current = reopenCase(path);
    const before = { ...snapshot(current), claim: getClaim(current, claimId), head: verifyChain(current.db) };
    current.close();

    const c = reopenCase(path, { migrationsDir: migrationsDir(nextMigration) });
    expect(c.schemaVersion).toBe(LATEST + 1);
    expect(c.db.pragma('user_version', { simple: true })).toBe(LATEST + 1);
    expect(c.db.prepare('SELECT body FROM case_notes').pluck().get()).toBe('added by the next migration');
    expect({ ...snapshot(c).counts, case_notes: undefined }).toEqual({
      ...before.counts,
      case_notes: undefined,
    });
    expect(getClaim(c, claimId)).toEqual(before.claim);
    expect(verifyChain(c.db)).toEqual(before.head);

    const backup = `${path}.v${LATEST}.bak`;
    expect(existsSync(backup)).toBe(true);
    const old = reopenCase(backup);
    expect(old.schemaVersion).toBe(LATEST);
    expect(old.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'case_notes'").pluck().get()).toBe(
      0,
    );
    expect(getClaim(old, claimId)).toEqual(before.claim);
    expect(verifyChain(old.db)).toEqual(before.head);
  });

  it('never overwrites an earlier backup of the same version', () => {
    const { path } = closedCase();
    const earlier = `${path}.v${LATEST}.bak`;
    writeFileSync(earlier, 'an older backup the user kept');
    reopenCase(path, { migrationsDir: migrationsDir(nextMigration) });
    expect(readFileSync(earlier, 'utf8')).toBe('an older backup the user kept');
    const backups = readdirSync(join(path, '..')).filter(
      (f) => f.startsWith(`test.evidence.v${LATEST}.`) && f.endsWith('.bak'),
    );
    expect(backups).toHaveLength(2);
  });

  it('a migration that fails leaves the case at its old version with its data, as a typed error', () => {
    const { path, claimId } = closedCase();
    const broken = migrationsDir({
      [`${NEXT}_broken.sql`]: 'CREATE TABLE half_done (a TEXT) STRICT;\nSELECT * FROM no_such_table;\n',
    });
    const error = coreError(() => openCase(path, { migrationsDir: broken }), 'internal');
    expect(error.reason).toBe('migration_failed');
    expect(error.message).toMatch(/_broken\.sql failed/);
    const c = reopenCase(path);
    expect(c.schemaVersion).toBe(LATEST);
    expect(c.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(getClaim(c, claimId).claim.statement).toBe('Huawei installed Safe City cameras');
    expect(verifyChain(c.db).ok).toBe(true);
  });

  it('a new case whose set-up fails leaves no half-made file behind', () => {
    const path = join(tempDir(), 'new.evidence');
    const broken = migrationsDir({ [`${NEXT}_broken.sql`]: 'SELECT * FROM no_such_table;' });
    expect(coreError(() => openCase(path, { create: true, migrationsDir: broken }), 'internal').reason).toBe(
      'migration_failed',
    );
    expect(readdirSync(join(path, '..'))).toEqual([]);
  });
});

describe('the page check on open, by size', () => {
  function caseWithClaims(): string {
    const dir = tempDir();
    const path = join(dir, 'large.evidence');
    const c = openCase(path, { create: true, actor: 'tester' });
    for (let i = 0; i < 200; i++) createClaim(c, { statement: `Claim ${i} about SORM equipment in Bishkek` });
    c.close();
    return path;
  }

  it('runs the full check at or under the limit and defers it above, saying so in case.info', async () => {
    const path = caseWithClaims();
    const small = openCase(path);
    expect(small.openCheck).toBe('full');
    small.close();
    const api = createApi(path, { fullCheckLimitBytes: 1 });
    const info = await api.call('case.info', {});
    expect(info).toMatchObject({ ok: true, value: { openCheck: 'deferred' } });
    api.close();
  });

  it('above the limit still refuses a truncated file, and `always` still finds damaged pages', () => {
    const path = caseWithClaims();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    // Damage every page after the first three: only a full read sees it.
    writeFileSync(
      path,
      Buffer.concat([bytes.subarray(0, pageSize * 3), Buffer.alloc(bytes.length - pageSize * 3, 0x5a)]),
    );
    expect(
      coreError(() => openCase(path, { openCheck: 'always', fullCheckLimitBytes: 1 }), 'integrity').reason,
    ).toBe('corrupt');
    const padded = join(dirname(path), 'padded.evidence');
    writeFileSync(padded, Buffer.concat([bytes, Buffer.alloc(pageSize * 2 + 17)]));
    expect(coreError(() => openCase(padded, { fullCheckLimitBytes: 1 }), 'integrity').reason).toBe('corrupt');
    const truncated = join(dirname(path), 'truncated.evidence');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - pageSize * 2));
    expect(coreError(() => openCase(truncated, { fullCheckLimitBytes: 1 }), 'integrity').reason).toBe(
      'corrupt',
    );
  });
});
