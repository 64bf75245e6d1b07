// Real case files in throw-away folders, for tests that must prove what a user would notice on
// disk. `cleanUpAfterEach()` registers the clean-up; `snapshot()` captures everything a "changes
// nothing" assertion compares: rows per table, the audit head and the bytes of the file.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiWithFile, createApi } from '../../electron/api/create-api';
import { auditHead } from '../../electron/core/audit';
import { type CaseFile, type OpenOptions, openCase } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import type { ErrorCode } from '../../electron/schema/result';

const dirs: string[] = [];
const open: { close(): void }[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'corroborate-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Registers the clean-up of every folder, case and api made through this module. */
export function cleanUpAfterEach(): void {
  afterEach(() => {
    for (const item of open.splice(0)) item.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/** The same, under the names other suites already import (a `useX` name trips Biome's hooks rule). */
export { cleanUpAfterEach as cleanUpTempCases, cleanUpAfterEach as useTempCases };

/** A new case file in its own temp folder (closed after the test). */
export function newCase(options: OpenOptions = {}, fileName = 'test.evidence'): CaseFile {
  const path = join(tempDir(), fileName);
  const file = openCase(path, { create: true, actor: 'tester', ...options });
  open.push(file);
  return file;
}

/** Opens an existing case file (closed after the test). */
export function reopenCase(path: string, options: OpenOptions = {}): CaseFile {
  const file = openCase(path, options);
  open.push(file);
  return file;
}

/** The contract bound to a new case file in its own temp folder (closed after the test). */
export function newApi(options: OpenOptions = {}, fileName = 'test.evidence'): ApiWithFile {
  const path = join(tempDir(), fileName);
  const api = createApi(path, { create: true, actor: 'tester', ...options });
  open.push(api);
  return api;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha256 of a file's bytes, or null when there is no such file. */
export function fileHash(path: string): string | null {
  return existsSync(path) ? sha256(readFileSync(path)) : null;
}

export interface Snapshot {
  counts: Record<string, number>;
  auditHead: { seq: number; hash: string };
  /** sha256 of the main file and of its WAL: in WAL mode a commit lands in the -wal first. */
  bytes: { main: string | null; wal: string | null };
}

/** Everything a rejected call must leave as it was. */
export function snapshot(target: CaseFile | ApiWithFile): Snapshot {
  const file = 'db' in target ? target : target.file;
  const tables = file.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    // Table names come from sqlite_schema, never from test input.
    counts[table] = file.db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  }
  return {
    counts,
    auditHead: auditHead(file.db),
    bytes: { main: fileHash(file.path), wal: fileHash(`${file.path}-wal`) },
  };
}

/** Runs `fn`, which must throw a CoreError, and returns that error for further assertions. */
export function coreError(fn: () => unknown, code?: ErrorCode): CoreError {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    if (code !== undefined) expect(error.code, error.message).toBe(code);
    return error;
  }
  throw new Error('expected a CoreError, but the call succeeded');
}

/** Asserts `fn` is refused as invalid_input naming `field`, and that the case did not change. */
export function expectInvalid(file: CaseFile, fn: () => unknown, field: string): CoreError {
  const before = snapshot(file);
  const error = coreError(fn, 'invalid_input');
  expect(Object.keys(error.fields ?? {}), error.message).toContain(field);
  expect(snapshot(file)).toEqual(before);
  return error;
}

/** Number of audit events so far. */
export function eventCount(file: CaseFile): number {
  return file.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
}

/** Follows `nextCursor` until the end, collecting every page. */
export function allPages<T>(
  list: (cursor: string | undefined) => { items: T[]; nextCursor: string | null; total: number },
): { pages: T[][]; totals: number[] } {
  const pages: T[][] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = list(cursor);
    pages.push(page.items);
    totals.push(page.total);
    if (!page.nextCursor) return { pages, totals };
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

/** A short, printable form of a test input for test titles: long strings are abbreviated. */
export function brief(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' && v.length > 40 ? `${v.slice(0, 12)}…(${v.length} chars)` : v,
  );
}

/** Rows of [field, input] as [field, printable input, input], for `it.each` titles. */
export function titled<T>(rows: readonly (readonly [string, T])[]): [string, string, T][] {
  return rows.map(([field, input]) => [field, brief(input), input]);
}
