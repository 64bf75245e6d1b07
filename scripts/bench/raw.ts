// The baseline: the same rows in the same tables with the same indexes, written and read with raw
// better-sqlite3 prepared statements — no contract, no validation, no audit chain, no search
// index, no triggers. The schema is copied from a freshly created case file, so the baseline
// follows every migration without being edited by hand.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openCase } from '../../electron/core/db';
import type { ImportRecord } from './generate';

/** Tables that exist only for our layers: the audit chain, the search index and the case's identity. */
const layerOnly = (table: string) =>
  table === 'audit_log' || table === 'case_meta' || table === 'search_docs' || table.startsWith('search_fts');

/** CREATE TABLE / CREATE INDEX statements of a case file, minus what only our layers need. */
export function baselineSchema(scratchPath: string): string[] {
  const file = openCase(scratchPath, { create: true, actor: 'bench' });
  try {
    const rows = file.db
      .prepare(
        `SELECT type, tbl_name AS tableName, sql FROM sqlite_schema
         WHERE sql IS NOT NULL AND type IN ('table', 'index') ORDER BY type = 'index', rowid`,
      )
      .all() as { type: string; tableName: string; sql: string }[];
    return rows.filter((r) => !layerOnly(r.tableName)).map((r) => r.sql);
  } finally {
    file.close();
    for (const f of [scratchPath, `${scratchPath}-wal`, `${scratchPath}-shm`]) rmSync(f, { force: true });
  }
}

/** The pragmas a careful app would set anyway: same durability as ours. */
function pragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

export function rawOpen(path: string): Database.Database {
  const db = new Database(path);
  pragmas(db);
  // Reading the schema is part of opening: the first statement would pay it otherwise.
  db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  return db;
}

export function rawCreate(path: string, schema: string[]): Database.Database {
  const db = new Database(path);
  pragmas(db);
  db.transaction(() => {
    for (const sql of schema) db.exec(sql);
  })();
  return db;
}

type Params = Record<string, unknown>;
const nowIso = () => new Date().toISOString();

function stamps(): Params {
  const at = nowIso();
  return { created_at: at, updated_at: at, deleted_at: null };
}

/** Column values of one record, exactly as our tables store them. */
function rowOf(rec: ImportRecord): { table: string; params: Params } {
  switch (rec.method) {
    case 'deals.create': {
      const d = rec.input;
      return {
        table: 'deals',
        params: {
          id: d.id,
          title: d.title,
          technology: d.technology,
          country: d.country ?? null,
          status: d.status,
          year: d.year ?? null,
          value_amount: d.valueAmount ?? null,
          value_currency: d.valueCurrency ?? null,
          summary: d.summary ?? null,
          ...stamps(),
        },
      };
    }
    case 'actors.create': {
      const a = rec.input;
      return {
        table: 'actors',
        params: {
          id: a.id,
          name: a.name,
          kind: a.kind,
          country: a.country ?? null,
          aliases: JSON.stringify(a.aliases ?? []),
          ...stamps(),
        },
      };
    }
    case 'sources.create': {
      const s = rec.input;
      return {
        table: 'sources',
        params: {
          id: s.id,
          title: s.title,
          kind: s.kind,
          url: s.url ?? null,
          author: s.author ?? null,
          publisher: s.publisher ?? null,
          published_at: s.publishedAt ?? null,
          accessed_at: s.accessedAt ?? null,
          language: s.language ?? null,
          reliability: s.reliability,
          reliability_note: s.reliabilityNote ?? null,
          confidential: s.confidential ? 1 : 0,
          derived_from: s.derivedFrom ?? null,
          notes: s.notes ?? null,
          ...stamps(),
        },
      };
    }
    case 'claims.create': {
      const c = rec.input;
      return {
        table: 'claims',
        params: {
          id: c.id,
          statement: c.statement,
          deal_id: c.dealId ?? null,
          status: c.status ?? 'draft',
          tags: JSON.stringify(c.tags ?? []),
          ...stamps(),
        },
      };
    }
    case 'evidence.add': {
      const e = rec.input;
      return {
        table: 'evidence',
        params: {
          id: e.id,
          claim_id: e.claimId,
          source_id: e.sourceId,
          stance: e.stance,
          excerpt: e.excerpt,
          prefix: e.prefix ?? null,
          suffix: e.suffix ?? null,
          locator: e.locator ?? null,
          credibility: e.credibility,
          note: e.note ?? null,
          ...stamps(),
        },
      };
    }
    case 'assessments.add': {
      const a = rec.input;
      return {
        table: 'assessments',
        params: {
          id: a.id,
          claim_id: a.claimId,
          likelihood: a.likelihood,
          confidence: a.confidence,
          rationale: a.rationale,
          author: a.author ?? 'bench',
          ...stamps(),
        },
      };
    }
  }
}

/** Inserts one record's row with a prepared statement per table. */
export function rawInsert(db: Database.Database): (rec: ImportRecord) => void {
  const inserts = new Map<string, Database.Statement>();
  return (rec) => {
    const { table, params } = rowOf(rec);
    let stmt = inserts.get(table);
    if (!stmt) {
      const cols = Object.keys(params);
      stmt = db.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
      );
      inserts.set(table, stmt);
    }
    stmt.run(params);
  };
}

/**
 * Each claim's verdict row in one statement: a plain-SQL stand-in for the derived table our layer
 * keeps (same rows, same index upkeep; the rule is simplified).
 */
export function rawVerdicts(db: Database.Database): void {
  db.exec(`INSERT INTO claim_verdicts (claim_id, verdict, evidence_count)
    SELECT c.id,
      CASE WHEN count(e.id) = 0 THEN 'unsupported'
           WHEN count(DISTINCT CASE WHEN e.stance = 'supports' THEN e.source_id END) >= 2 THEN 'corroborated'
           ELSE 'single_source' END,
      count(e.id)
    FROM claims c LEFT JOIN evidence e ON e.claim_id = c.id AND e.deleted_at IS NULL
    GROUP BY c.id`);
}

/** The reads and writes the bench compares, as a raw app would write them. */
export function rawStatements(db: Database.Database) {
  const claim = db.prepare('SELECT * FROM claims WHERE id = ?');
  const deal = db.prepare('SELECT id, title FROM deals WHERE id = ?');
  const evidence = db.prepare(
    `SELECT e.*, s.title AS source_title, s.reliability AS source_reliability, s.confidential AS source_confidential,
            s.derived_from AS source_derived_from
     FROM evidence e JOIN sources s ON s.id = e.source_id
     WHERE e.claim_id = ? AND e.deleted_at IS NULL ORDER BY e.stance, e.id`,
  );
  const origins = db.prepare(
    `WITH RECURSIVE chain(id) AS (
       SELECT DISTINCT source_id FROM evidence WHERE claim_id = ? AND deleted_at IS NULL
       UNION
       SELECT s.derived_from FROM sources s JOIN chain ON s.id = chain.id WHERE s.derived_from IS NOT NULL
     )
     SELECT s.id, s.reliability, s.derived_from FROM sources s JOIN chain ON s.id = chain.id`,
  );
  const verdict = db.prepare('SELECT verdict, evidence_count FROM claim_verdicts WHERE claim_id = ?');
  const assessments = db.prepare(
    'SELECT * FROM assessments WHERE claim_id = ? ORDER BY created_at DESC, id DESC',
  );
  const listSql = (after: boolean) =>
    `SELECT t.*, coalesce(v.verdict, 'unsupported') AS verdict, coalesce(v.evidence_count, 0) AS evidence_count,
            t.updated_at AS sort_key
     FROM claims t LEFT JOIN claim_verdicts v ON v.claim_id = t.id
     WHERE t.status IN (?, ?) AND t.deleted_at IS NULL ${after ? 'AND (t.updated_at, t.id) < (?, ?)' : ''}
     ORDER BY t.updated_at DESC, t.id DESC LIMIT ?`;
  const listFirst = db.prepare(listSql(false));
  const listAfter = db.prepare(listSql(true));
  const insertClaim = db.prepare(
    `INSERT INTO claims (id, statement, deal_id, status, tags, created_at, updated_at, deleted_at)
     VALUES (@id, @statement, @deal_id, @status, @tags, @created_at, @updated_at, NULL)`,
  );
  const updateClaim = db.prepare('UPDATE claims SET statement = ?, updated_at = ? WHERE id = ?');

  return {
    getClaim(id: string) {
      const c = claim.get(id) as { deal_id: string | null } | undefined;
      if (!c) throw new Error(`raw: no claim ${id}`);
      return {
        claim: c,
        deal: c.deal_id ? deal.get(c.deal_id) : null,
        evidence: evidence.all(id),
        origins: origins.all(id),
        verdict: verdict.get(id),
        assessments: assessments.all(id),
      };
    },
    listPage(statuses: [string, string], limit: number, after?: { key: string; id: string }) {
      const rows = (
        after
          ? listAfter.all(...statuses, after.key, after.id, limit + 1)
          : listFirst.all(...statuses, limit + 1)
      ) as { id: string; sort_key: string }[];
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, next: rows.length > limit && last ? { key: last.sort_key, id: last.id } : null };
    },
    createClaim(c: { id: string; statement: string; status?: string; tags?: string[] }) {
      db.transaction(() => {
        const at = nowIso();
        insertClaim.run({
          id: c.id,
          statement: c.statement,
          deal_id: null,
          status: c.status ?? 'draft',
          tags: JSON.stringify(c.tags ?? []),
          created_at: at,
          updated_at: at,
        });
      }).immediate();
    },
    updateClaim(id: string, statement: string) {
      db.transaction(() => {
        updateClaim.run(statement, nowIso(), id);
      }).immediate();
    },
  };
}

/**
 * Search straight on our search index (the baseline has none of its own): the same MATCH text in
 * each FTS5 table of the index, ranked by bm25 over every match, the best `limit` rows with their
 * snippets, and no further checks. The tables are read from the schema, so the baseline follows
 * the index's layout.
 */
export function rawSearch(db: Database.Database) {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const search = tables.map((t) =>
    db.prepare(
      `SELECT d.entity, d.entity_id, ${t}.title AS title, snippet(${t}, -1, char(2), char(3), '…', 12) AS snippet,
              bm25(${t}) AS rank
       FROM ${t} JOIN search_docs d ON d.doc = ${t}.rowid
       WHERE ${t} MATCH ? ORDER BY rank LIMIT ?`,
    ),
  );
  const counts = tables.map((t) => db.prepare(`SELECT count(*) FROM ${t} WHERE ${t} MATCH ?`).pluck());
  const run = (match: string, limit: number) =>
    search
      .flatMap((s) => s.all(match, limit) as { rank: number }[])
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit);
  return Object.assign(run, {
    count: (match: string) => counts.reduce((n, s) => n + (s.get(match) as number), 0),
  });
}

/** What `case.info` counts, counted raw. */
export function rawCounts(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ['deals', 'actors', 'sources', 'claims', 'evidence', 'assessments', 'attachments']) {
    out[table] = db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number;
  }
  return out;
}

/** Reading the whole audit chain without hashing anything: the floor under `audit.verify`. */
export function rawChainRead(db: Database.Database): number {
  let n = 0;
  for (const _row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate()) n++;
  return n;
}
