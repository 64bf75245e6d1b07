// Shared by the exchange tests: fixtures as bytes, the calls as a user makes them, and counters
// that find a file's entries independently of the importers under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseFile } from '../../electron/core/db';
import { previewImport, runImport } from '../../electron/core/exchange/preview';
import type { ExchangeImportInput, ImportKind, ImportPlan, PlanRow } from '../../electron/schema/exchange';

const root = join(import.meta.dirname, '..', 'fixtures');

export function realWorld(name: string): Buffer {
  return readFileSync(join(root, 'real-world', name));
}

export function synthetic(name: string): Buffer {
  return readFileSync(join(root, 'exchange', name));
}

export function b64(bytes: Buffer | string): string {
  return (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
}

export function preview(
  c: CaseFile,
  kind: ImportKind,
  bytes: Buffer | string,
  extra: Record<string, unknown> = {},
): Promise<ImportPlan> {
  return previewImport(c, { kind, bytesBase64: b64(bytes), ...extra });
}

export function importFile(
  c: CaseFile,
  kind: ImportKind,
  bytes: Buffer | string,
  extra: Partial<ExchangeImportInput> = {},
) {
  return runImport(c, { kind, bytesBase64: b64(bytes), ...extra });
}

export function rowsBy(plan: ImportPlan, action: PlanRow['action']): PlanRow[] {
  return plan.rows.filter((r) => r.action === action);
}

/** BibTeX entries counted by a line-start pattern, independent of the importer's scanner. */
export function countBibEntries(text: string): number {
  return [...text.matchAll(/^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/gm)].filter(
    (m) => !['string', 'comment', 'preamble'].includes(m[1]!.toLowerCase()),
  ).length;
}

/** RIS records counted by their TY lines. */
export function countRisRecords(text: string): number {
  return text.match(/^TY {2}- /gm)?.length ?? 0;
}

export function count(c: CaseFile, table: string): number {
  return c.db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number;
}
