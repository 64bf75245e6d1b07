// How many live records of each kind a case holds (case.info, checkpoints). Counting 100k claims
// costs milliseconds, so the answer is kept until the database changes: this connection's
// total_changes() and SQLite's data_version (bumped when another connection commits) say when.
import type { CaseCounts } from '../schema/custody';
import { auditHead } from './audit';
import type { CaseFile } from './db';

const counted = new WeakMap<CaseFile, { key: string; counts: CaseCounts }>();

// Table names from this fixed list only.
const liveTables = [
  'deals',
  'actors',
  'sources',
  'claims',
  'evidence',
  'assessments',
  'attachments',
] as const;

export function caseCounts(c: CaseFile): CaseCounts {
  const key = `${c.db.pragma('data_version', { simple: true })}:${c.stmt('SELECT total_changes()').pluck().get()}`;
  const known = counted.get(c);
  if (known?.key === key) return { ...known.counts };
  const live = Object.fromEntries(
    liveTables.map((table) => [
      table,
      c.stmt(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number,
    ]),
  ) as Record<(typeof liveTables)[number], number>;
  // Events are numbered 1…head with no gaps (the audit step proves it), so the head is their count.
  const counts: CaseCounts = { ...live, auditEvents: auditHead(c.db).seq };
  counted.set(c, { key, counts });
  return { ...counts };
}
