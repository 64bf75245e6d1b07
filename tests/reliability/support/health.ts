// What must hold of a case file after any fault: SQLite's own full check, the foreign keys, the
// audit chain, and the core's deep check (each record equals its last audited state, each
// audited id has its record, stored verdicts match the evidence, the search index is whole).
import type Database from 'better-sqlite3';
import { verifyChain } from '../../../electron/core/audit';
import { checkCase } from '../../../electron/core/check-case';
import type { CaseFile } from '../../../electron/core/db';

export async function healthProblems(file: CaseFile): Promise<string[]> {
  const problems: string[] = [];
  const db: Database.Database = file.db;
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
    (r) => r.integrity_check,
  );
  if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  const chain = verifyChain(db);
  if (!chain.ok) problems.push(`audit chain: broken at ${chain.brokenAt}: ${chain.reason}`);
  const deep = await checkCase(file);
  for (const p of deep.problems) problems.push(`${p.check}: ${p.message}`);
  return problems;
}
