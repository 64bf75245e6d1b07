// The deep check of an open case, on demand: everything the quick check on open cannot afford.
// SQLite keeps no checksums of row contents, so a flipped byte inside a claim's text passes its own
// checks; but every record's state was also written, hashed, into the audit log. Comparing the two
// (and the chain, the indexes, the foreign keys, the stored verdicts and the search index) names
// damage that would otherwise go unnoticed.
import type Database from 'better-sqlite3';
import { verifyChain } from './audit';
import { canonicalJson } from './canonical-json';
import { corroborationOf } from './claim-verdicts';
import type { CaseFile } from './db';
import { fromRow, type Table } from './records';
import { searchTables } from './search-index';
import {
  actorTable,
  assessmentTable,
  claimTable,
  dealTable,
  evidenceTable,
  partyTable,
  sourceTable,
} from './tables';

export type CheckKind = 'structure' | 'foreign_keys' | 'audit_chain' | 'records' | 'verdicts' | 'search';

export interface CaseProblem {
  check: CheckKind;
  message: string;
  entity?: string;
  id?: string;
}

export interface CaseCheck {
  ok: boolean;
  problems: CaseProblem[];
  /** Problems past this many are counted, not listed. */
  truncated: number;
  checked: { records: number; events: number; claims: number };
}

const MAX_PROBLEMS = 200;

// Audited record kinds whose every write goes through insert/update/removeRecord.
const audited: Table<{ id: string }>[] = [
  dealTable,
  actorTable,
  partyTable,
  sourceTable,
  claimTable,
  evidenceTable,
  assessmentTable,
] as unknown as Table<{ id: string }>[];

function sqliteCheck(db: Database.Database, add: (p: CaseProblem) => void): boolean {
  try {
    const rows = db.pragma('integrity_check(100)') as { integrity_check: string }[];
    const lines = rows.map((r) => r.integrity_check).filter((l) => l !== 'ok');
    for (const line of lines)
      add({ check: 'structure', message: line.replace(/^\*\*\* in database main \*\*\*\s*/, '') });
    return lines.length === 0;
  } catch (error) {
    add({ check: 'structure', message: `the file cannot be read through: ${(error as Error).message}` });
    return false;
  }
}

function foreignKeys(db: Database.Database, add: (p: CaseProblem) => void): void {
  const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const r of rows) {
    add({
      check: 'foreign_keys',
      message: `a row of ${r.table} (rowid ${r.rowid}) points to a missing ${r.parent} row`,
    });
  }
}

/** Rows read between two turns of the event loop: a large case is checked without freezing the app. */
const PAGE = 2_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every row of a table, a page at a time by id; no cursor is held open across a yield. */
async function* rowsOf(db: Database.Database, table: string): AsyncGenerator<Record<string, unknown>> {
  const page = db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id LIMIT ${PAGE}`);
  let after = '';
  for (;;) {
    const rows = page.all(after) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield* rows;
    after = String(rows[rows.length - 1]!.id);
    await nextTurn();
  }
}

/** Each record equals the state its latest audit event recorded; each audited id has its record. */
async function recordsAgainstAudit(c: CaseFile, add: (p: CaseProblem) => void): Promise<number> {
  const lastPayload = c.db
    .prepare('SELECT payload FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
    .pluck();
  let records = 0;
  for (const t of audited) {
    const fields = Object.keys(t.columns);
    for await (const row of rowsOf(c.db, t.table)) {
      records++;
      const id = String(row.id);
      let rec: Record<string, unknown>;
      try {
        rec = fromRow(t, row) as unknown as Record<string, unknown>;
      } catch {
        add({
          check: 'records',
          entity: t.entity,
          id,
          message: `the ${t.label} ${id} cannot be read (its stored lists are damaged)`,
        });
        continue;
      }
      const payload = lastPayload.get(id) as string | undefined;
      if (payload === undefined) {
        add({
          check: 'records',
          entity: t.entity,
          id,
          message: `the ${t.label} ${id} has no recorded history`,
        });
        continue;
      }
      let recorded: Record<string, unknown>;
      try {
        recorded = JSON.parse(payload) as Record<string, unknown>;
      } catch {
        continue; // the chain check names a payload that is not JSON
      }
      const differing = fields.filter(
        (f) =>
          Object.hasOwn(recorded, f) && canonicalJson(recorded[f] ?? null) !== canonicalJson(rec[f] ?? null),
      );
      if (differing.length > 0) {
        add({
          check: 'records',
          entity: t.entity,
          id,
          message: `the ${t.label} ${id} differs from its last recorded change (${differing.join(', ')})`,
        });
      }
    }
    const orphans = c.db
      .prepare(
        `SELECT DISTINCT a.entity_id FROM audit_log a WHERE a.entity = ? AND NOT EXISTS (SELECT 1 FROM ${t.table} r WHERE r.id = a.entity_id)`,
      )
      .pluck()
      .all(t.entity) as string[];
    for (const id of orphans) {
      add({
        check: 'records',
        entity: t.entity,
        id,
        message: `the history of ${t.label} ${id} has no record`,
      });
    }
  }
  return records;
}

async function storedVerdicts(c: CaseFile, add: (p: CaseProblem) => void): Promise<number> {
  const stored = c.db.prepare('SELECT verdict, evidence_count FROM claim_verdicts WHERE claim_id = ?');
  const count = c.db
    .prepare('SELECT count(*) FROM evidence WHERE claim_id = ? AND deleted_at IS NULL')
    .pluck();
  let claims = 0;
  for await (const row of rowsOf(c.db, 'claims')) {
    if (row.deleted_at !== null) continue;
    const id = String(row.id);
    claims++;
    const have = (stored.get(id) as { verdict: string; evidence_count: number } | undefined) ?? {
      verdict: 'unsupported',
      evidence_count: 0,
    };
    const verdict = corroborationOf(c, id).verdict;
    const n = count.get(id) as number;
    if (have.verdict !== verdict || have.evidence_count !== n) {
      add({
        check: 'verdicts',
        entity: 'claim',
        id,
        message: `the stored verdict of claim ${id} (${have.verdict}, ${have.evidence_count} items) is not what its evidence gives (${verdict}, ${n})`,
      });
    }
  }
  return claims;
}

function searchIndex(db: Database.Database, add: (p: CaseProblem) => void): void {
  // FTS5 checks itself through a special INSERT; run it in a savepoint that is always rolled back.
  db.exec('SAVEPOINT cb_check');
  try {
    // Evidence has an index of its own (migrations/0003); table names come from that fixed list.
    for (const table of searchTables)
      db.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run();
  } catch (error) {
    add({ check: 'search', message: `the search index is damaged: ${(error as Error).message}` });
  } finally {
    db.exec('ROLLBACK TO cb_check; RELEASE cb_check');
  }
}

/**
 * Runs every check; stops early only when SQLite cannot read the file through. Reads only, and
 * yields between pages of rows so the app stays responsive while a large case is checked.
 */
export async function checkCase(c: CaseFile): Promise<CaseCheck> {
  const problems: CaseProblem[] = [];
  let truncated = 0;
  const add = (p: CaseProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else truncated++;
  };
  const checked = { records: 0, events: 0, claims: 0 };
  const readable = sqliteCheck(c.db, add);
  const steps: [CheckKind, () => void | Promise<void>][] = [
    ['foreign_keys', () => foreignKeys(c.db, add)],
    [
      'audit_chain',
      () => {
        const chain = verifyChain(c.db);
        checked.events = chain.checked;
        if (!chain.ok) {
          add({
            check: 'audit_chain',
            message: `the history is broken at event ${chain.brokenAt}: ${chain.reason}`,
          });
        }
      },
    ],
    [
      'records',
      async () => {
        checked.records = await recordsAgainstAudit(c, add);
      },
    ],
    [
      'verdicts',
      async () => {
        checked.claims = await storedVerdicts(c, add);
      },
    ],
    ['search', () => searchIndex(c.db, add)],
  ];
  for (const [check, step] of steps) {
    try {
      await step();
      await nextTurn();
    } catch (error) {
      add({ check, message: `this check could not finish: ${(error as Error).message}` });
      if (!readable) break;
    }
  }
  return { ok: problems.length === 0 && truncated === 0, problems, truncated, checked };
}
