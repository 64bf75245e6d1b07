// Opening a case file without any chance of changing it: for an auditor checking a handed-over
// file (scripts/verify.ts). No pragma is set, no migration runs, nothing is written.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { CaseKey } from './crypto/case-key';
import {
  assertWholePages,
  hasSecret,
  keyFor,
  looksEncrypted,
  notEncrypted,
  passphraseNeeded,
  unlockForInspection,
} from './crypto/unlock';
import { APPLICATION_ID, CaseFile } from './db';
import { CoreError } from './errors';
import { defaultMigrationsDir, loadMigrations } from './migrations';

export interface ReadOnlyOptions {
  migrationsDir?: string;
  nativeBinding?: string;
  /**
   * Open as immutable when the file has no pending write-ahead log: SQLite then creates no -wal
   * or -shm file beside it, so checking a handed-over file leaves its folder as it was. Needs URI
   * filenames, which better-sqlite3 enables only when SQLITE_USE_URI=1 is set before it loads
   * (the verify command does); without them this falls back to a plain read-only open.
   */
  immutable?: boolean;
  /** The passphrase of an encrypted case, or the key of an earlier unlock. */
  passphrase?: string;
  key?: CaseKey;
}

function readStart(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    return header.subarray(0, readSync(fd, header, 0, 100, 0));
  } finally {
    closeSync(fd);
  }
}

const startsLikeSqlite = (header: Buffer) =>
  header.length >= 16 && header.subarray(0, 16).toString('latin1') === 'SQLite format 3\0';

/** Opens a case file read-only, refusing (with a CoreError) anything that is not one this app can read. */
export function openCaseReadOnly(path: string, options: ReadOnlyOptions = {}): CaseFile {
  const name = basename(path);
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new CoreError('not_found', `There is no case file at ${path}.`, undefined, 'missing');
  if (!st.isFile()) throw new CoreError('io', `${name} is not a file.`, undefined, 'not_a_file');
  const header = readStart(path);
  const unlock = { passphrase: options.passphrase, key: options.key };
  if (startsLikeSqlite(header) && hasSecret(unlock)) throw notEncrypted(path);
  const encrypted = !startsLikeSqlite(header) && looksEncrypted(path, header);
  if (encrypted && !hasSecret(unlock)) throw passphraseNeeded(path);
  if (!startsLikeSqlite(header) && hasSecret(unlock)) assertWholePages(path);
  const key = encrypted ? keyFor(path, unlock) : null;
  if (!encrypted && !startsLikeSqlite(header)) {
    throw new CoreError(
      'integrity',
      `${name} is not a Corroborate case file (it is not an SQLite database).`,
      undefined,
      'not_sqlite',
    );
  }
  const settings = {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  let db: Database.Database | null = null;
  // A non-empty -wal holds committed changes not yet in the main file: it must be read.
  const pendingWal = (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
  if (options.immutable && !pendingWal) {
    try {
      db = new Database(`${pathToFileURL(path).href}?immutable=1`, settings);
    } catch {
      db = null;
    }
  }
  try {
    db ??= new Database(path, settings);
  } catch (error) {
    throw new CoreError(
      'io',
      `${name} could not be opened: ${(error as Error).message}`,
      undefined,
      'unreadable',
    );
  }
  try {
    if (key) unlockForInspection(db, path, key, unlock, options.nativeBinding);
    let appId: number;
    let version: number;
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw new CoreError(
        'integrity',
        `${name} is damaged and cannot be read: ${(error as Error).message}`,
        undefined,
        'corrupt',
      );
    }
    if (appId !== APPLICATION_ID || version === 0) {
      throw new CoreError('integrity', `${name} is not a Corroborate case file.`, undefined, 'foreign');
    }
    const migrations = loadMigrations(options.migrationsDir ?? defaultMigrationsDir());
    const latest = migrations[migrations.length - 1]!.version;
    if (version > latest) {
      throw new CoreError(
        'conflict',
        `${name} was written by a newer version of Corroborate (schema ${version}; this tool knows up to ${latest}).`,
        undefined,
        'newer',
      );
    }
    try {
      return new CaseFile(db, path, key);
    } catch (error) {
      throw new CoreError(
        'integrity',
        `${name} is damaged and cannot be read: ${(error as Error).message}`,
        undefined,
        'corrupt',
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
}
