// The checks of what SQLite cannot see. It keeps no checksums of row contents, so a flipped byte
// inside a claim's text passes its own checks; but every record's state was also written, hashed,
// into the audit log. Comparing the two (and the foreign keys, the stored verdicts and the search
// index) names damage that would otherwise go unnoticed.

import { canonicalJson } from '../canonical-json';
import { corroborationOf } from '../claim-verdicts';
import { fromRow, type Table } from '../records';
import { searchTables } from '../search-index';
import { auditedTables } from '../tables';
import { formatCount, plural } from '../words';
import type { IntegrityStepDefinition, StepContext, StepOutcome } from './step';

/** Rows read between two pauses: a large case is checked without freezing the app. */
const PAGE = 2_000;

/** Every row of a table, a page at a time by id; no cursor is held open across a pause. */
async function* rowsOf(ctx: StepContext, table: string): AsyncGenerator<Record<string, unknown>> {
  // Table names come from the fixed list in tables.ts, never from input.
  const page = ctx.c.db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id LIMIT ${PAGE}`);
  let after = '';
  for (;;) {
    const rows = page.all(after) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield* rows;
    after = String(rows[rows.length - 1]?.id);
    await ctx.pause();
  }
}

const passed = (summary: string): StepOutcome => ({ ok: true, summary, problems: [] });

export const foreignKeysStep: IntegrityStepDefinition = {
  name: 'foreign_keys',
  weight: 0.05,
  run(ctx) {
    const rows = ctx.c.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (rows.length === 0)
      return passed(
        'Every link between records (evidence to claims and sources, parties to deals) points to a record that exists.',
      );
    return {
      ok: false,
      summary: `${plural(rows.length, 'row points', 'rows point')} to a record that does not exist.`,
      problems: rows.map(
        (r) => `A row of ${r.table} (rowid ${r.rowid}) points to a missing ${r.parent} row.`,
      ),
    };
  },
};

const audited = auditedTables as unknown as Table<{ id: string }>[];

export const recordsStep: IntegrityStepDefinition = {
  name: 'records',
  weight: 0.2,
  async run(ctx) {
    const { c } = ctx;
    const lastPayload = c.db
      .prepare('SELECT payload FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck();
    const total = audited.reduce(
      (n, t) => n + (c.db.prepare(`SELECT count(*) FROM ${t.table}`).pluck().get() as number),
      0,
    );
    const problems: string[] = [];
    let records = 0;
    for (const t of audited) {
      const fields = Object.keys(t.columns);
      for await (const row of rowsOf(ctx, t.table)) {
        records++;
        if (records % PAGE === 0)
          ctx.progress(
            `Comparing records with their history: ${formatCount(records)} of ${formatCount(total)}`,
            records,
            total,
          );
        const id = String(row.id);
        let rec: Record<string, unknown>;
        try {
          rec = fromRow(t, row) as unknown as Record<string, unknown>;
        } catch {
          problems.push(`The ${t.label} ${id} cannot be read (its stored lists are damaged).`);
          continue;
        }
        const payload = lastPayload.get(id) as string | undefined;
        if (payload === undefined) {
          problems.push(`The ${t.label} ${id} has no recorded history.`);
          continue;
        }
        let recorded: Record<string, unknown>;
        try {
          recorded = JSON.parse(payload) as Record<string, unknown>;
        } catch {
          continue; // the audit step names a payload that is not JSON
        }
        const differing = fields.filter(
          (f) =>
            Object.hasOwn(recorded, f) &&
            canonicalJson(recorded[f] ?? null) !== canonicalJson(rec[f] ?? null),
        );
        if (differing.length > 0)
          problems.push(
            `The ${t.label} ${id} differs from its last recorded change (${differing.join(', ')}).`,
          );
      }
      const orphans = c.db
        .prepare(
          `SELECT DISTINCT a.entity_id FROM audit_log a WHERE a.entity = ? AND NOT EXISTS (SELECT 1 FROM ${t.table} r WHERE r.id = a.entity_id)`,
        )
        .pluck()
        .all(t.entity) as string[];
      for (const id of orphans) problems.push(`The history of ${t.label} ${id} has no record.`);
    }
    if (problems.length === 0)
      return passed(
        `Every record (${formatCount(records)}) is exactly as its latest recorded change left it.`,
      );
    return {
      ok: false,
      summary: `${plural(problems.length, 'record differs', 'records differ')} from the history.`,
      problems,
    };
  },
};

export const verdictsStep: IntegrityStepDefinition = {
  name: 'verdicts',
  weight: 0.1,
  async run(ctx) {
    const { c } = ctx;
    const stored = c.db.prepare('SELECT verdict, evidence_count FROM claim_verdicts WHERE claim_id = ?');
    const count = c.db
      .prepare('SELECT count(*) FROM evidence WHERE claim_id = ? AND deleted_at IS NULL')
      .pluck();
    const total = c.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
    const problems: string[] = [];
    let claims = 0;
    let seen = 0;
    for await (const row of rowsOf(ctx, 'claims')) {
      seen++;
      if (seen % PAGE === 0)
        ctx.progress(
          `Recomputing verdicts: ${formatCount(seen)} of ${formatCount(total)} claims`,
          seen,
          total,
        );
      if (row.deleted_at !== null) continue;
      const id = String(row.id);
      claims++;
      const have = (stored.get(id) as { verdict: string; evidence_count: number } | undefined) ?? {
        verdict: 'unsupported',
        evidence_count: 0,
      };
      const verdict = corroborationOf(c, id).verdict;
      const n = count.get(id) as number;
      if (have.verdict !== verdict || have.evidence_count !== n)
        problems.push(
          `The stored verdict of claim ${id} (${have.verdict}, ${have.evidence_count} items) is not what its evidence gives (${verdict}, ${n}).`,
        );
    }
    if (problems.length === 0)
      return passed(
        `Every claim's stored verdict (${formatCount(claims)}) is what its evidence gives today.`,
      );
    return {
      ok: false,
      summary: `${plural(problems.length, 'stored verdict is', 'stored verdicts are')} out of date.`,
      problems,
    };
  },
};

export const searchStep: IntegrityStepDefinition = {
  name: 'search',
  weight: 0.05,
  run(ctx) {
    // SQLite runs FTS5's own consistency check (index against content) for a named virtual table;
    // unlike FTS5's 'integrity-check' command it writes nothing, so it works on a read-only copy.
    const problems: string[] = [];
    for (const table of searchTables) {
      try {
        const rows = ctx.c.db.pragma(`integrity_check(${table})`) as { integrity_check: string }[];
        for (const r of rows)
          if (r.integrity_check !== 'ok')
            problems.push(`The search index ${table} is damaged: ${r.integrity_check}`);
      } catch (error) {
        problems.push(`The search index ${table} cannot be read: ${(error as Error).message}`);
      }
    }
    if (problems.length === 0) return passed('The search index agrees with the records it indexes.');
    return {
      ok: false,
      summary: 'The search index is damaged: searching may miss or misname records.',
      problems,
    };
  },
};
