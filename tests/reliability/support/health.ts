// What must hold of a case file after any fault: SQLite's own full check, the foreign keys, the
// audit chain, and the integrity run's deep steps (each record equals its last audited state, each
// audited id has its record, stored verdicts match the evidence, the search index is whole).
import type Database from 'better-sqlite3';
import { verifyChain } from '../../../electron/core/audit';
import type { CaseFile } from '../../../electron/core/db';
import { runIntegrity } from '../../../electron/core/integrity/run-integrity';

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
  const deep = await runIntegrity(file, { steps: ['records', 'verdicts', 'search'] });
  for (const step of deep.steps) for (const p of step.problems) problems.push(`${step.step}: ${p}`);
  return problems;
}
