import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { appendEvent } from './audit';
import { findBackups } from './backups';
import { applyCaseKey, type CaseKey, newCaseKey } from './crypto/case-key';
import {
  assertWholePages,
  hasSecret,
  isPlainHeader,
  keyFor,
  looksEncrypted,
  notEncrypted,
  passphraseNeeded,
  type UnlockWith,
  unlockForInspection,
} from './crypto/unlock';
import { CoreError, fromSqliteError } from './errors';
import { newId, nowIso } from './ids';
import { defaultMigrationsDir, loadMigrations, type Migration } from './migrations';
import { removePartialBackups } from './partial-backups';
import {
  deferInsertIndexing,
  refreshSearchFolding,
  registerSearchFunctions,
  resumeInsertIndexing,
} from './search-index';
import { checkSeenHead, rememberHead, type SeenHeadsOptions } from './seen-heads';
import { inspectSidecars, sidecarError } from './sidecars';
import { checkWal } from './wal-check';
import { armBaseMark, disarmBaseMark, MARK_BASE_SQL, SEAL_SCHEMA } from './wal-seal';

/** 'CRBT' — marks an SQLite file as a Corroborate case file. */
export const APPLICATION_ID = 0x43524254;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Create the file when it does not exist. */
  create?: boolean;
  migrationsDir?: string;
  /** Path of a better-sqlite3 native build (the Electron shell passes its own ABI's build). */
  nativeBinding?: string;
  /** Who is working; stored as the case's current actor and recorded on every event. */
  actor?: string;
  /** Name shown for a new case (defaults to the file name). */
  name?: string;
  /**
   * SQLite's full page check on open: `auto` runs it for files up to FULL_CHECK_LIMIT_BYTES and
   * defers it above (see FULL_CHECK_LIMIT_BYTES); `always` runs it whatever the size.
   */
  openCheck?: 'auto' | 'always';
  /** The size above which `auto` defers the full check (FULL_CHECK_LIMIT_BYTES unless given). */
  fullCheckLimitBytes?: number;
  /**
   * Where this installation remembers the last audit head it saw of each case (seen-heads.ts):
   * the Electron shell passes its user-data folder, the host a per-user folder. Without it no
   * copy is compared with what this computer saw before.
   */
  seenHeadsDir?: string;
  /** Open a copy even though it is older than, or diverges from, the one last seen here. */
  acceptOlderCopy?: boolean;
  /** The time source for records and events (tests drive it; the app uses the system clock). */
  clock?: () => Date;
  /** How long a write waits for another window holding the case (BUSY_WAIT_MS unless given). */
  busyWaitMs?: number;
  /**
   * The passphrase of an encrypted case (SQLCipher 4). With `create`, the new case is encrypted
   * with it; without one the new case is plain, which the app offers only as an explicit choice.
   */
  passphrase?: string;
  /** The key derived at an earlier unlock of this file (see CaseFile.key): opens without the KDF. */
  key?: CaseKey;
}

/**
 * `quick_check` reads every page: about 4 ms per MB here, so 15 s for a 1M-link case (3.7 GB).
 * Above this size the open runs the cheap checks only (header, WAL frames, schema, recorded
 * version, page count against the file's size) and the full check is left to "Verify case
 * integrity" and `npm run verify`; a damaged page met later still fails as `integrity`.
 */
export const FULL_CHECK_LIMIT_BYTES = 256 * 1024 * 1024;

/** What the open checked: the full page check, or the cheap checks only (a large file). */
export type OpenCheck = 'full' | 'deferred';

export interface CaseMeta {
  caseId: string;
  replica: string;
  name: string;
  actor: string;
  createdAt: string;
}

/** An open case file: the connection, its identity, and the one way to write to it. */
export class CaseFile {
  readonly schemaVersion: number;
  meta: CaseMeta;
  /** Whether the open ran SQLite's full page check; set by openCase. */
  openCheck: OpenCheck = 'full';
  /** What the open did or found that the user should be told (e.g. an unfinished backup removed). */
  notices: string[] = [];
  /** Where the last head seen of this case is remembered, when the caller gave a folder. */
  seenHeads: SeenHeadsOptions | null = null;
  /** The time recorded on records and events: the system clock unless the open was given one. */
  now: () => string = nowIso;
  /** Writes committed through `write`: lets a retry tell that a failed call wrote nothing. */
  committedWrites = 0;
  /** How long a refused write is retried while another window writes (retry-when-busy.ts). */
  busyWaitMs: number | undefined;
  private statements = new Map<string, Database.Statement>();
  private readonly identity: FileIdentity | null;
  /** A private field: never in JSON, inspection or an error's properties. */
  #key: CaseKey | null;

  constructor(
    readonly db: Database.Database,
    readonly path: string,
    key: CaseKey | null = null,
  ) {
    this.#key = key;
    this.schemaVersion = db.pragma('user_version', { simple: true }) as number;
    this.meta = readMeta(db);
    this.identity = identityOf(path);
  }

  /** Whether the file is encrypted (SQLCipher 4). */
  get encrypted(): boolean {
    return this.#key !== null;
  }

  /** The key this file was opened with, to open more connections to it (backups, verify) without the KDF. */
  get key(): CaseKey | null {
    return this.#key;
  }

  /** After "Change passphrase": the connection already uses the new key. */
  replaceKey(key: CaseKey): void {
    this.#key = key;
  }

  /** A cached prepared statement: SQL text is fixed in code, values are always bound. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Set while `bulk` runs: the writes inside join its transaction. */
  private bulkState: BulkState | null = null;

  /** Runs `fn` as one IMMEDIATE transaction; SQLite failures become `io` / `integrity` errors. */
  write<T>(fn: () => T): T {
    if (this.bulkState) return this.joinBulk(this.bulkState, fn);
    this.assertStillInPlace();
    try {
      const out = this.db
        .transaction(() => {
          if (this.schemaVersion >= SEAL_SCHEMA) armBaseMark(this.db);
          try {
            return fn();
          } finally {
            disarmBaseMark(this.db);
          }
        })
        .immediate();
      this.committedWrites++;
      return out;
    } catch (error) {
      throw fromSqliteError(error) ?? error;
    }
  }

  /**
   * Runs many writes as one IMMEDIATE transaction, for imports. The writes inside join it instead
   * of each opening a savepoint (every savepoint makes FTS5 flush its pending index data: a large
   * import ran several times slower), and work a write defers with `deferToBulkEnd` (claims'
   * verdicts: once per claim, not after every evidence item) runs once when `fn` ends; the records
   * it inserts are indexed for search at
   * its end too, all at once (see deferInsertIndexing). All or nothing: if any write inside fails, the
   * whole bulk is rolled back, even when the caller caught that error and went on.
   */
  bulk<T>(fn: () => T): T {
    if (this.bulkState) return fn();
    const state: BulkState = { failed: null, deferred: new Map(), flushing: false };
    return this.write(() => {
      this.bulkState = state;
      try {
        // Inside the transaction: a failed bulk puts the triggers back with its rollback.
        const indexing = deferInsertIndexing(this.db);
        const out = fn();
        if (state.failed !== null) throw state.failed;
        state.flushing = true;
        for (const [flush, ids] of state.deferred) flush(this, ids);
        if (indexing) resumeInsertIndexing(this.db, indexing);
        return out;
      } finally {
        this.bulkState = null;
      }
    });
  }

  /**
   * The end-of-bulk hook: inside a bulk, remembers `ids` for `flush`, which runs once with all of
   * them when the bulk ends, and answers true; outside a bulk (or while the hooks run) answers false
   * and the caller does the work now. The hook is passed in, so this file depends on none of them.
   */
  deferToBulkEnd(flush: BulkEndHook, ids: Iterable<string>): boolean {
    const s = this.bulkState;
    if (!s || s.flushing) return false;
    let pending = s.deferred.get(flush);
    if (!pending) {
      pending = new Set();
      s.deferred.set(flush, pending);
    }
    for (const id of ids) pending.add(id);
    return true;
  }

  private joinBulk<T>(state: BulkState, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      state.failed ??= fromSqliteError(error) ?? error;
      throw state.failed;
    }
  }

  read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw fromSqliteError(error) ?? error;
    }
  }

  /**
   * Leaves no write-ahead log behind: everything is checkpointed into the case file and the log
   * truncated, so the file travels alone complete (SQLite also deletes the log when the last
   * connection closes). After a crash the -wal and -shm stay; the next open checks that they
   * belong to this file (sidecars.ts) and SQLite replays them. While another window has the case
   * open the checkpoint may be partial; that window's close finishes it.
   */
  close(): void {
    if (!this.db.open) return;
    if (!this.db.readonly) {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // busy or read-only: the log stays, whole, and belongs to this file
      }
      if (this.seenHeads) rememberHead(this, this.seenHeads);
    }
    this.db.close();
  }

  /**
   * An open file whose folder was deleted keeps accepting writes on Linux and macOS, into a file
   * no one can reach again: every "saved" change would vanish on close. So a write first checks
   * that the path still names the file we opened.
   */
  private assertStillInPlace(): void {
    if (this.identity === null || sameFile(this.identity, identityOf(this.path))) return;
    throw new CoreError(
      'io',
      `${basename(this.path)} is no longer at ${this.path}: its folder was moved or deleted, or the file was replaced. The change was not saved. Close the case and open it from where it is now.`,
      undefined,
      'moved',
    );
  }
}

/** Work deferred to the end of a bulk: called once with the case and every id deferred to it. */
export type BulkEndHook = (c: CaseFile, ids: Set<string>) => void;

interface BulkState {
  /** The first error of a write inside the bulk: rethrown at its end, so nothing half-done commits. */
  failed: unknown;
  /** End-of-bulk hooks, in the order they were first deferred, with the ids each was given. */
  deferred: Map<BulkEndHook, Set<string>>;
  flushing: boolean;
}

interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

function identityOf(path: string): FileIdentity | null {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  return st ? { dev: st.dev, ino: st.ino } : null;
}

/** Some file systems report no inode number (0): there, only that the file is still there can be checked. */
const sameFile = (a: FileIdentity, b: FileIdentity | null) =>
  b !== null && (a.ino === 0n || b.ino === 0n || (a.dev === b.dev && a.ino === b.ino));

function readMeta(db: Database.Database): CaseMeta {
  const rows = db.prepare('SELECT key, value FROM case_meta').all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return {
    caseId: map.get('case_id') ?? '',
    replica: map.get('replica') ?? '',
    name: map.get('name') ?? '',
    actor: map.get('actor') ?? 'unknown',
    createdAt: map.get('created_at') ?? '',
  };
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

const foreignFile = (name: string) =>
  new CoreError(
    'integrity',
    `${name} is an SQLite database of another application, not a Corroborate case file.`,
    undefined,
    'foreign',
  );

/** Damage named, with the newest backup the app can offer instead. */
function damaged(
  path: string,
  detail: string,
  reason: 'corrupt' | 'wal_damaged' | 'header_damaged',
): CoreError {
  const newest = findBackups(path).find((b) => b.looksValid);
  const offer = newest
    ? ` The newest backup is ${newest.fileName} (taken ${newest.takenAt}); open that copy instead.`
    : ' No backup of it was found beside it.';
  return new CoreError(
    'integrity',
    `${basename(path)} is damaged: ${detail}. It was not opened and nothing in it was changed.${offer}`,
    undefined,
    reason,
  );
}

/** SQLite's check output without its banner, on one line. */
const checkText = (lines: string[]) =>
  lines
    .slice(0, 3)
    .map((l) =>
      l
        .replace(/\*\*\* in database main \*\*\*\s*/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .join('; ');

/** Whether we may write here: the OS must allow it and, because root ignores them, so must the permission bits. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return false;
  }
  return (statSync(path).mode & 0o222) !== 0;
}

function readOnly(path: string, folder: boolean): CoreError {
  const what = folder ? `the folder it is in (${dirname(path)}) is read-only` : 'the file is read-only';
  return new CoreError(
    'io',
    `${basename(path)} cannot be opened for work: ${what}. Corroborate records every change, and its history, in the case file itself, so it does not work on files it cannot write. Copy the case to a folder you can write to, or change its permissions. Nothing was changed.`,
    undefined,
    'read_only',
  );
}

/** The schema version the case itself records (cases made before it was recorded: null). */
function recordedVersion(db: Database.Database): number | null {
  try {
    const value = db.prepare("SELECT value FROM case_meta WHERE key = 'schema_version'").pluck().get() as
      | string
      | undefined;
    return value === undefined ? null : Number(value);
  } catch {
    return null; // no case_meta: a new file, or one refused by the checks that follow
  }
}

/** The tables only a Corroborate case has: a file holding them is ours even if its header says otherwise. */
function holdsCaseSchema(db: Database.Database): boolean {
  const names = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  );
  return ['case_meta', 'audit_log', 'claims', 'evidence', 'sources'].every((t) => names.has(t));
}

const newerFile = (name: string, version: number, latest: number) =>
  new CoreError(
    'conflict',
    `${name} was written by a newer version of Corroborate (schema ${version}; this app knows up to ${latest}). Update the app to open it; the file was not changed.`,
    undefined,
    'newer',
  );

/**
 * A read-only connection to a WAL-mode file creates its -wal and -shm files and cannot remove
 * them on close. When we refuse the file, take away what our inspection created (an empty WAL
 * holds nothing), so a refused file is left exactly as we found it.
 */
function removeCreatedSidecars(created: string[]): void {
  for (const file of created) {
    try {
      if (existsSync(file) && (!file.endsWith('-wal') || statSync(file).size === 0)) rmSync(file);
    } catch {
      // best effort: the case file itself was never written
    }
  }
}

/**
 * Everything that can be known about a file without writing to it, checked before the
 * read-write open: a refused file is never touched.
 */
function inspectExisting(
  path: string,
  latest: number,
  options: Pick<
    OpenOptions,
    'openCheck' | 'fullCheckLimitBytes' | 'passphrase' | 'key' | 'nativeBinding'
  > = {},
): { version: number; check: OpenCheck; key: CaseKey | null } {
  const name = basename(path);
  if (statSync(path).isDirectory())
    throw new CoreError('io', `${name} is a folder, not a case file.`, undefined, 'not_a_file');
  const header = readHeader(path);
  if (header.length === 0) {
    throw new CoreError(
      'integrity',
      `${name} is empty: it is not a Corroborate case file.`,
      undefined,
      'empty',
    );
  }
  const unlock: UnlockWith = { passphrase: options.passphrase, key: options.key };
  if (isPlainHeader(header) && hasSecret(unlock)) throw notEncrypted(path);
  if (!isPlainHeader(header) && looksEncrypted(path, header)) {
    if (!hasSecret(unlock)) throw passphraseNeeded(path);
    return inspectEncrypted(path, latest, unlock, options);
  }
  if (!isPlainHeader(header) && hasSecret(unlock)) assertWholePages(path);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new CoreError(
      'integrity',
      `${name} is not a Corroborate case file (it is not an SQLite database).`,
      undefined,
      'not_sqlite',
    );
  }
  // The header alone settles the common refusals without opening the file at all. It can only
  // lag behind an unfinished WAL (which never lowers the version), so a refusal here is sound.
  const headerAppId = header.readUInt32BE(68);
  const fileWritable = writable(path);
  const folderWritable = writable(dirname(path));
  const foreignHeader = headerAppId !== 0 && headerAppId !== APPLICATION_ID;
  // Telling a case with a damaged header from another app's file needs a look inside, which a
  // read-only place does not allow without leaving side files behind.
  if (foreignHeader && !(fileWritable && folderWritable)) throw foreignFile(name);
  if (headerAppId === APPLICATION_ID && header.readUInt32BE(60) > latest) {
    throw newerFile(name, header.readUInt32BE(60), latest);
  }
  if (!fileWritable || !folderWritable) throw readOnly(path, fileWritable);
  if (!foreignHeader) {
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    const wal = checkWal(`${path}-wal`, pageSize);
    if (wal) throw damaged(path, wal.detail, 'wal_damaged');
    const sidecars = sidecarError(path, inspectSidecars(path));
    if (sidecars) throw sidecars;
  }
  return inspectOpened(path, latest, options, header, null, unlock);
}

/** An encrypted file: the same checks as a plain one, through the key (its header is ciphertext). */
function inspectEncrypted(
  path: string,
  latest: number,
  unlock: UnlockWith,
  options: Pick<OpenOptions, 'openCheck' | 'fullCheckLimitBytes' | 'nativeBinding'>,
): { version: number; check: OpenCheck; key: CaseKey } {
  assertWholePages(path);
  if (!writable(path) || !writable(dirname(path))) throw readOnly(path, writable(path));
  const key = keyFor(path, unlock);
  const wal = checkWal(`${path}-wal`, 4096);
  if (wal) throw damaged(path, wal.detail, 'wal_damaged');
  const inspected = inspectOpened(path, latest, options, null, key, unlock);
  return { ...inspected, key };
}

function inspectOpened(
  path: string,
  latest: number,
  options: Pick<OpenOptions, 'openCheck' | 'fullCheckLimitBytes' | 'nativeBinding'>,
  header: Buffer | null,
  key: CaseKey | null,
  unlock: UnlockWith,
): { version: number; check: OpenCheck; key: CaseKey | null } {
  const name = basename(path);
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((f) => !existsSync(f));
  let ro: Database.Database;
  try {
    ro = new Database(path, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    removeCreatedSidecars(sidecars);
    throw new CoreError(
      'io',
      `${name} could not be opened: ${(error as Error).message}`,
      undefined,
      'unreadable',
    );
  }
  try {
    if (key) unlockForInspection(ro, path, key, unlock, options.nativeBinding);
    let appId: number;
    let version: number;
    let tables: number;
    try {
      appId = ro.pragma('application_id', { simple: true }) as number;
      version = ro.pragma('user_version', { simple: true }) as number;
      tables = (
        ro.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }
      ).n;
    } catch (error) {
      throw damaged(path, `it cannot be read (${(error as Error).message})`, 'corrupt');
    }
    if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
      if (appId !== 0 && holdsCaseSchema(ro)) {
        throw damaged(
          path,
          'its header no longer marks it as a Corroborate case file, though it holds one',
          'header_damaged',
        );
      }
      throw foreignFile(name);
    }
    if (version > latest) throw newerFile(name, version, latest);
    if (version === 0 && tables > 0) {
      throw damaged(path, 'its header gives no schema version, though it holds tables', 'header_damaged');
    }
    const size = statSync(path).size;
    const full =
      options.openCheck === 'always' || size <= (options.fullCheckLimitBytes ?? FULL_CHECK_LIMIT_BYTES);
    let check: string[];
    try {
      check = full
        ? (ro.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check)
        : cheapCheck(ro, size, header);
    } catch (error) {
      throw damaged(
        path,
        `SQLite's check could not read it through (${(error as Error).message})`,
        'corrupt',
      );
    }
    if (check.length !== 1 || check[0] !== 'ok') {
      throw damaged(path, `SQLite's check found ${checkText(check)}`, 'corrupt');
    }
    const recorded = recordedVersion(ro);
    if (recorded !== null && recorded !== version) {
      throw damaged(
        path,
        `its header gives schema ${version}, but the case records schema ${recorded}`,
        'header_damaged',
      );
    }
    return { version, check: full ? 'full' : 'deferred', key };
  } catch (error) {
    ro.close();
    removeCreatedSidecars(sidecars);
    throw error;
  } finally {
    if (ro.open) ro.close();
  }
}

/** The checks that cost no full read: a truncated or padded file shows in its page count. */
function cheapCheck(ro: Database.Database, size: number, header: Buffer | null): string[] {
  const pageSize = ro.pragma('page_size', { simple: true }) as number;
  const pages = ro.pragma('page_count', { simple: true }) as number;
  // The header's own page count is valid when its "version-valid-for" matches the change counter.
  // (An encrypted file's header is ciphertext: unlockForInspection compared its page count.)
  const headerPages = header?.readUInt32BE(28) ?? 0;
  if (header && header.readUInt32BE(92) === header.readUInt32BE(24) && headerPages * pageSize > size) {
    return [
      `the file is cut short: its header counts ${headerPages} pages, it holds ${Math.floor(size / pageSize)}`,
    ];
  }
  // The page count can run ahead of the main file while a WAL holds new pages, never behind it.
  if (pages * pageSize < size) {
    return [`the file holds ${size} bytes but its header accounts for ${pages * pageSize}`];
  }
  ro.prepare('SELECT count(*) FROM sqlite_schema').get();
  return ['ok'];
}

function applyPragmas(db: Database.Database, encrypted: boolean): void {
  // SQLite's temporary files (sorts, temporary indexes, TEMP tables) are never encrypted: for an
  // encrypted case they stay in memory, and large uploads are staged elsewhere (upload-staging.ts).
  if (encrypted) db.pragma('temp_store = MEMORY');
  db.pragma('journal_mode = WAL');
  // Deleted records are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  // better-sqlite3 leaves WAL at NORMAL, which can lose acknowledged commits on power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A short wait only: it blocks the event loop. A write that finds another window writing is
  // retried without blocking (retry-when-busy.ts) and, past a few seconds, told so plainly.
  db.pragma('busy_timeout = 100');
  registerSearchFunctions(db);
}

/**
 * A consistent copy of the live database, taken without stopping writers. Written under a
 * temporary name, flushed, then renamed: a crash midway leaves no half-written file under the
 * backup's name for anyone to restore from.
 */
export function backupTo(db: Database.Database, target: string): void {
  if (existsSync(target))
    throw new CoreError('conflict', `${basename(target)} already exists; choose another name.`);
  // A name of its own: a file that happens to be called `<target>.partial` is not ours to replace.
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    syncFile(partial);
    // link() fails if the target appeared meanwhile, where rename() would replace it.
    linkSync(partial, target);
    rmSync(partial, { force: true });
    syncFile(dirname(target));
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof CoreError) throw error;
    const mapped = fromSqliteError(error);
    if (mapped) throw mapped;
    throw new CoreError(
      'io',
      `The backup ${basename(target)} could not be written: ${(error as Error).message}`,
      undefined,
      'backup_failed',
    );
  }
}

function syncFile(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems cannot fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function backupPath(path: string, version: number): string {
  const base = `${path}.v${version}.bak`;
  if (!existsSync(base)) return base;
  return `${path}.v${version}.${nowIso().replace(/[:.]/g, '-')}.bak`;
}

function migrate(
  db: Database.Database,
  path: string,
  from: number,
  migrations: Migration[],
  options: OpenOptions,
): void {
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return;
  if (from > 0) backupTo(db, backupPath(path, from));
  const latest = pending[pending.length - 1]!.version;
  db.transaction(() => {
    if (from >= SEAL_SCHEMA) db.prepare(MARK_BASE_SQL).run();
    for (const m of pending) {
      try {
        db.exec(m.sql);
      } catch (error) {
        // Rolls the whole upgrade back; a typed error, not a raw SqliteError, reaches the caller.
        throw new CoreError(
          'internal',
          `Migration ${m.name} failed (${(error as Error).message}); ${basename(path)} was left at schema ${from}.`,
          undefined,
          'migration_failed',
        );
      }
    }
    if (from === 0) initialiseCase(db, path, options);
    if (from < SEAL_SCHEMA && latest >= SEAL_SCHEMA) db.prepare(MARK_BASE_SQL).run();
    // A second record of the version, inside the case: a flipped bit in the header's copy would
    // otherwise make the next open run migrations again over a case that already has them.
    db.prepare(
      "INSERT INTO case_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(String(latest));
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  // Put the new header in the main file now, so header checks on the next open see it.
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * The actor is hashed into every audit event as text: a lone surrogate would be hashed as written
 * but stored as U+FFFD, and the chain would no longer verify.
 */
function assertWellFormed(field: string, value: string): void {
  if (!value.isWellFormed()) {
    throw new CoreError(
      'invalid_input',
      `Invalid input: ${field} contains an unpaired surrogate (broken Unicode)`,
      {
        [field]: 'contains an unpaired surrogate (broken Unicode)',
      },
    );
  }
}

function initialiseCase(db: Database.Database, path: string, options: OpenOptions): void {
  const at = options.clock ? options.clock().toISOString() : nowIso();
  const caseId = newId();
  const name = options.name?.trim() || basename(path).replace(/\.evidence$/i, '');
  const meta: Record<string, string> = {
    case_id: caseId,
    replica: newId(),
    name,
    actor: options.actor?.trim() || 'investigator',
    created_at: at,
  };
  assertWellFormed('name', meta.name!);
  assertWellFormed('actor', meta.actor!);
  const insert = db.prepare('INSERT INTO case_meta (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(meta)) insert.run(k, v);
  appendEvent(db, {
    actor: meta.actor!,
    replica: meta.replica!,
    action: 'create',
    entity: 'case',
    entityId: caseId,
    payload: { caseId, name, createdAt: at },
    at,
  });
}

/**
 * Builds a new case under a temporary name and moves it into place only once it is complete, so
 * a crash while creating leaves either no case or a whole one, never an empty or half-made file
 * that would later be refused as "not a case file".
 */
function createCase(path: string, migrations: Migration[], options: OpenOptions): CaseKey | null {
  const temp = `${path}.creating`;
  const leftovers = [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`];
  // What an earlier crash at this very step left: never a case anyone saved work in.
  for (const f of leftovers) rmSync(f, { force: true });
  let db: Database.Database | null = null;
  try {
    db = new Database(temp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    // Keyed before the first page is written: no byte of the new case is ever plain on disk.
    const key = options.key ?? (options.passphrase !== undefined ? newCaseKey(options.passphrase) : null);
    if (key) applyCaseKey(db, key);
    applyPragmas(db, key !== null);
    migrate(db, path, 0, migrations, options);
    db.close();
    syncFile(temp);
    if (existsSync(path))
      throw new CoreError(
        'conflict',
        `${basename(path)} appeared while the case was being created; it was left as it is.`,
      );
    renameSync(temp, path);
    syncFile(dirname(path));
    return key;
  } catch (error) {
    db?.close();
    for (const f of leftovers) rmSync(f, { force: true });
    if (error instanceof CoreError) throw error;
    throw (
      fromSqliteError(error) ??
      new CoreError('io', `${basename(path)} could not be created: ${(error as Error).message}`)
    );
  }
}

/**
 * Opens (or creates) a case file: refuses anything that is not a healthy case file of a schema
 * this app knows, backs up before migrating, and migrates in one transaction.
 */
export function openCase(path: string, options: OpenOptions = {}): CaseFile {
  const migrations = loadMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const latest = migrations[migrations.length - 1]!.version;
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new CoreError('not_found', `There is no case file at ${path}.`, undefined, 'missing');
  }
  const created = exists ? null : createCase(path, migrations, options);
  // The key just made opens the new file without running the KDF a second time.
  const inspected = inspectExisting(path, latest, created ? { ...options, key: created } : options);
  const from = inspected.version;
  // Past the checks, so the case is ours and writable: what an interrupted upgrade left goes now.
  const notices = exists ? removePartialBackups(path) : [];
  let db: Database.Database;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw (
      fromSqliteError(error) ??
      new CoreError('io', `${basename(path)} could not be opened: ${(error as Error).message}`)
    );
  }
  try {
    if (inspected.key) applyCaseKey(db, inspected.key);
    applyPragmas(db, inspected.key !== null);
    migrate(db, path, from, migrations, options);
    refreshSearchFolding(db);
    const file = new CaseFile(db, path, inspected.key);
    file.openCheck = inspected.check;
    file.notices = notices;
    file.busyWaitMs = options.busyWaitMs;
    if (options.clock) {
      const clock = options.clock;
      file.now = () => clock().toISOString();
    }
    if (options.seenHeadsDir) {
      file.seenHeads = { dir: options.seenHeadsDir };
      const seen = checkSeenHead(file, file.seenHeads, options.acceptOlderCopy === true);
      if (seen) file.notices.push(seen);
    }
    if (options.actor?.trim() && options.actor.trim() !== file.meta.actor)
      setActor(file, options.actor.trim());
    return file;
  } catch (error) {
    db.close();
    // A case that could not be set up is not left behind half-made, to be mistaken for one later.
    if (!exists) for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    if (error instanceof CoreError) throw error;
    throw fromSqliteError(error) ?? error;
  }
}

/** Changes who is working on this case; the change itself is an audited event. */
export function setActor(file: CaseFile, actor: string): void {
  assertWellFormed('actor', actor);
  file.write(() => {
    file
      .stmt(
        'INSERT INTO case_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run('actor', actor);
    appendEvent(file.db, {
      actor,
      replica: file.meta.replica,
      action: 'set',
      entity: 'case',
      entityId: file.meta.caseId,
      payload: { actor },
    });
  });
  file.meta = { ...file.meta, actor };
}
