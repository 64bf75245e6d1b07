// The case file defends itself: whatever writes to it (an old app, an importer, a hand-edited
// file), SQLite refuses values outside the data model. These tests go around the core on purpose.
import { readdirSync } from 'node:fs';
import { addAssessment } from '../../electron/core/assessments';
import { createClaim } from '../../electron/core/claims';
import { APPLICATION_ID, type CaseFile } from '../../electron/core/db';
import { newId } from '../../electron/core/ids';
import { defaultMigrationsDir } from '../../electron/core/migrations';
import { cleanUpAfterEach, newCase, snapshot } from '../support/temp-case';

cleanUpAfterEach();

const at = '2024-05-01T10:00:00.000Z';
const stamps = { created_at: at, updated_at: at };
type Row = Record<string, string | number | Buffer | null>;

/** INSERT built from a test's own literal row: table and column names are fixed here. */
function insert(c: CaseFile, table: string, row: Row): void {
  const cols = Object.keys(row);
  c.db
    .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`)
    .run(row);
}

/** A valid row of every table, each with fresh ids and references to rows that exist. */
function fixtures(c: CaseFile) {
  const dealId = newId();
  const actorId = newId();
  const sourceId = newId();
  const claimId = newId();
  insert(c, 'deals', { id: dealId, title: 'Safe City', technology: 'cctv', status: 'signed', ...stamps });
  insert(c, 'actors', { id: actorId, name: 'Huawei', kind: 'company', aliases: '[]', ...stamps });
  insert(c, 'sources', { id: sourceId, title: 'Article', kind: 'article', reliability: 'B', ...stamps });
  insert(c, 'claims', { id: claimId, statement: 'A claim', status: 'draft', tags: '[]', ...stamps });
  insert(c, 'blobs', { sha256: 'a'.repeat(64), size: 1, chunks: 1 });
  const valid: Record<string, () => Row> = {
    deals: () => ({
      id: newId(),
      title: 'Deal',
      technology: 'dpi',
      status: 'rumoured',
      year: 2019,
      value_amount: 10,
      value_currency: 'USD',
      ...stamps,
    }),
    actors: () => ({ id: newId(), name: 'Actor', kind: 'agency', aliases: '["a"]', ...stamps }),
    deal_parties: () => ({ id: newId(), deal_id: dealId, actor_id: actorId, role: 'vendor', ...stamps }),
    sources: () => ({
      id: newId(),
      title: 'Source',
      kind: 'report',
      reliability: 'A',
      confidential: 0,
      ...stamps,
    }),
    claims: () => ({ id: newId(), statement: 'Claim', status: 'verified', tags: '["t"]', ...stamps }),
    evidence: () => ({
      id: newId(),
      claim_id: claimId,
      source_id: sourceId,
      stance: 'supports',
      excerpt: 'quoted',
      credibility: 2,
      ...stamps,
    }),
    assessments: () => ({
      id: newId(),
      claim_id: claimId,
      likelihood: 5,
      confidence: 'moderate',
      rationale: 'Because',
      author: 'me',
      ...stamps,
    }),
    claim_verdicts: () => ({ claim_id: claimId, verdict: 'unsupported', evidence_count: 0 }),
    audit_log: () => ({
      seq: 1_000_000,
      event_id: newId(),
      at,
      actor: 'me',
      replica: 'r',
      action: 'create',
      entity: 'deal',
      entity_id: dealId,
      payload: '{}',
      prev_hash: '0',
      hash: '1',
    }),
    blobs: () => ({ sha256: 'b'.repeat(64), size: 1, chunks: 1 }),
    attachments: () => ({
      id: newId(),
      source_id: sourceId,
      file_name: 'a.pdf',
      media_type: 'application/pdf',
      size: 1,
      sha256: 'a'.repeat(64),
      added_by: 'me',
      ...stamps,
    }),
  };
  return { valid, dealId, actorId, sourceId, claimId };
}

// [table, column, bad value] — every enumerated or ranged field of the data model.
const badValues: [string, string, string | number][] = [
  ['deals', 'title', '   '],
  ['deals', 'technology', 'laser'],
  ['deals', 'technology', 'CCTV'],
  ['deals', 'status', 'rumored'],
  ['deals', 'status', ''],
  ['deals', 'year', 1899],
  ['deals', 'year', 2101],
  ['deals', 'value_amount', -0.01],
  ['deals', 'value_currency', 'usd'],
  ['deals', 'value_currency', 'US'],
  ['deals', 'value_currency', 'USDT'],
  ['deals', 'value_currency', '1SD'],
  ['actors', 'name', ''],
  ['actors', 'kind', 'robot'],
  ['actors', 'aliases', '{"a":1}'],
  ['actors', 'aliases', 'not json'],
  ['actors', 'aliases', '"one alias"'],
  ['deal_parties', 'role', 'seller'],
  ['sources', 'title', ' '],
  ['sources', 'kind', 'tweet'],
  ['sources', 'reliability', 'G'],
  ['sources', 'reliability', 'a'],
  ['sources', 'reliability', 'AB'],
  ['sources', 'confidential', 2],
  ['claims', 'statement', '  '],
  ['claims', 'status', 'true'],
  ['claims', 'tags', '{}'],
  ['claims', 'tags', '[unclosed'],
  ['evidence', 'stance', 'neutral'],
  ['evidence', 'credibility', 0],
  ['evidence', 'credibility', 7],
  ['evidence', 'excerpt', ' '],
  ['assessments', 'likelihood', 0],
  ['assessments', 'likelihood', 8],
  ['assessments', 'confidence', 'certain'],
  ['assessments', 'rationale', ''],
  ['claim_verdicts', 'verdict', 'probable'],
  ['audit_log', 'action', 'delete'],
  ['audit_log', 'payload', '{not json'],
  ['blobs', 'sha256', 'abc'],
  ['blobs', 'size', -1],
  ['attachments', 'file_name', ''],
  ['attachments', 'size', -1],
];

describe('CHECK constraints', () => {
  it.each(badValues)('%s.%s refuses %j', (table, column, value) => {
    const c = newCase();
    const { valid } = fixtures(c);
    const make = valid[table]!;
    insert(c, table, make()); // the same row with a good value is accepted
    const before = snapshot(c);
    expect(() => insert(c, table, { ...make(), [column]: value })).toThrow(/CHECK constraint failed/);
    expect(snapshot(c)).toEqual(before);
  });

  it('accepts every value of every enumeration the app offers', () => {
    const c = newCase();
    const { valid } = fixtures(c);
    const enums: [string, string, (string | number)[]][] = [
      [
        'deals',
        'technology',
        [
          'lawful_intercept',
          'cctv',
          'facial_recognition',
          'spyware',
          'dpi',
          'biometrics',
          'data_retention',
          'other',
        ],
      ],
      ['deals', 'status', ['rumoured', 'announced', 'signed', 'deployed', 'cancelled']],
      ['deals', 'year', [1900, 2100]],
      ['actors', 'kind', ['company', 'government', 'agency', 'person', 'organisation']],
      ['deal_parties', 'role', ['vendor', 'buyer', 'operator', 'financier', 'intermediary']],
      [
        'sources',
        'kind',
        [
          'article',
          'report',
          'document',
          'leak',
          'interview',
          'dataset',
          'official_record',
          'court_record',
          'social_post',
          'other',
        ],
      ],
      ['sources', 'reliability', ['A', 'B', 'C', 'D', 'E', 'F']],
      ['claims', 'status', ['draft', 'under_review', 'verified', 'disputed', 'debunked', 'unverifiable']],
      ['evidence', 'stance', ['supports', 'contradicts', 'context']],
      ['evidence', 'credibility', [1, 2, 3, 4, 5, 6]],
      ['assessments', 'likelihood', [1, 2, 3, 4, 5, 6, 7]],
      ['assessments', 'confidence', ['low', 'moderate', 'high']],
    ];
    for (const [table, column, values] of enums) {
      for (const value of values) {
        const row = { ...valid[table]!(), [column]: value };
        // deal_parties is unique per (deal, actor, role): vary the role only.
        expect(() => insert(c, table, row), `${table}.${column}=${value}`).not.toThrow();
      }
    }
  });

  it('a source cannot be derived from itself', () => {
    const c = newCase();
    const id = newId();
    expect(() =>
      insert(c, 'sources', { id, title: 'S', kind: 'leak', reliability: 'C', derived_from: id, ...stamps }),
    ).toThrow(/CHECK constraint failed/);
  });
});

describe('STRICT tables', () => {
  it('every table of the schema is STRICT', () => {
    const c = newCase();
    const tables = c.db.prepare('PRAGMA table_list').all() as {
      name: string;
      type: string;
      strict: number;
      schema: string;
    }[];
    const own = tables.filter(
      (t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'),
    );
    // FTS5 keeps its own shadow tables; everything of ours is STRICT.
    const ours = own.filter((t) => !t.name.startsWith('search_fts'));
    expect(ours.map((t) => t.name).sort()).toEqual(
      [
        'actors',
        'assessments',
        'attachments',
        'audit_log',
        'blob_chunks',
        'blobs',
        'case_meta',
        'claim_verdicts',
        'claims',
        'deal_parties',
        'deals',
        'evidence',
        'picture_positions',
        'search_docs',
        'sources',
        'wal_seal',
      ].sort(),
    );
    for (const t of ours) expect(t.strict, t.name).toBe(1);
  });

  it.each([
    ['deals', 'year', 'two thousand'],
    ['evidence', 'credibility', 'three'],
    ['assessments', 'likelihood', 'likely'],
    ['deals', 'title', Buffer.from('bytes')],
    ['claims', 'tags', Buffer.from('[]')],
  ])('%s.%s refuses a value of the wrong type (%j)', (table, column, value) => {
    const c = newCase();
    const { valid } = fixtures(c);
    expect(() => insert(c, table, { ...valid[table]!(), [column]: value })).toThrow(/cannot store/);
  });
});

describe('foreign keys', () => {
  it.each([
    ['deal_parties', 'deal_id'],
    ['deal_parties', 'actor_id'],
    ['sources', 'derived_from'],
    ['claims', 'deal_id'],
    ['evidence', 'claim_id'],
    ['evidence', 'source_id'],
    ['assessments', 'claim_id'],
    ['claim_verdicts', 'claim_id'],
    ['attachments', 'source_id'],
    ['attachments', 'sha256'],
  ])('%s.%s must name an existing row', (table, column) => {
    const c = newCase();
    const { valid } = fixtures(c);
    insert(c, table, valid[table]!()); // with its real reference it is accepted
    const dangling = column === 'sha256' ? 'f'.repeat(64) : newId();
    const before = snapshot(c);
    expect(() => insert(c, table, { ...valid[table]!(), [column]: dangling })).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect(snapshot(c)).toEqual(before);
  });

  it('a referenced row cannot be deleted out from under its references', () => {
    const c = newCase();
    const { valid, claimId } = fixtures(c);
    insert(c, 'evidence', valid.evidence!());
    expect(() => c.db.prepare('DELETE FROM claims WHERE id = ?').run(claimId)).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });
});

describe('append-only tables', () => {
  it('audit_log refuses UPDATE and DELETE', () => {
    const c = newCase();
    const before = snapshot(c);
    expect(before.auditHead.seq).toBeGreaterThan(0);
    expect(() => c.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run()).toThrow(
      /the audit log is append-only/,
    );
    expect(() => c.db.prepare("UPDATE audit_log SET payload = '{}'").run()).toThrow(/append-only/);
    expect(() => c.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => c.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(snapshot(c)).toEqual(before);
  });

  it('assessments refuse UPDATE and DELETE', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'Oniks-Line supplied SORM equipment' });
    const a = addAssessment(c, {
      claimId: claim.id,
      likelihood: 5,
      confidence: 'moderate',
      rationale: 'Two reports.',
    });
    const before = snapshot(c);
    expect(() => c.db.prepare('UPDATE assessments SET likelihood = 7 WHERE id = ?').run(a.id)).toThrow(
      /assessments are append-only/,
    );
    expect(() => c.db.prepare('UPDATE assessments SET deleted_at = ? WHERE id = ?').run(at, a.id)).toThrow(
      /append-only/,
    );
    expect(() => c.db.prepare('DELETE FROM assessments WHERE id = ?').run(a.id)).toThrow(/append-only/);
    expect(snapshot(c)).toEqual(before);
  });

  it('preserved attachment bytes are never modified', () => {
    const c = newCase();
    insert(c, 'blobs', { sha256: 'c'.repeat(64), size: 3, chunks: 1 });
    c.db
      .prepare('INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, 0, ?)')
      .run('c'.repeat(64), Buffer.from('abc'));
    expect(() => c.db.prepare("UPDATE blob_chunks SET data = x'00'").run()).toThrow(/never modified/);
  });
});

describe('pragmas on open', () => {
  it('sets WAL, synchronous FULL, foreign keys, the application id and the schema version', () => {
    const c = newCase();
    const migrations = readdirSync(defaultMigrationsDir()).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f));
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(c.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(c.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(c.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(c.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(c.schemaVersion).toBe(migrations.length);
  });
});
