import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { appendEvent } from './audit';
import { CoreError, fromSqliteError } from './errors';
import { newId, nowIso } from './ids';
import { defaultMigrationsDir, loadMigrations, type Migration } from './migrations';
import { foldForIndex } from './transliterate';

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
}

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
  private statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly path: string,
  ) {
    this.schemaVersion = db.pragma('user_version', { simple: true }) as number;
    this.meta = readMeta(db);
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

  /** Runs `fn` as one IMMEDIATE transaction; SQLite failures become `io` / `integrity` errors. */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      throw fromSqliteError(error) ?? error;
    }
  }

  read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw fromSqliteError(error) ?? error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

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
function inspectExisting(path: string, latest: number): { version: number } {
  const name = basename(path);
  if (statSync(path).isDirectory()) throw new CoreError('io', `${name} is a folder, not a case file.`, undefined, 'not_a_file');
  const header = readHeader(path);
  if (header.length === 0) {
    throw new CoreError('integrity', `${name} is empty: it is not a Corroborate case file.`, undefined, 'empty');
  }
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new CoreError('integrity', `${name} is not a Corroborate case file (it is not an SQLite database).`, undefined, 'not_sqlite');
  }
  // The header alone settles the common refusals without opening the file at all. It can only
  // lag behind an unfinished WAL (which never lowers the version), so a refusal here is sound.
  const headerAppId = header.readUInt32BE(68);
  if (headerAppId !== 0 && headerAppId !== APPLICATION_ID) throw foreignFile(name);
  if (headerAppId === APPLICATION_ID && header.readUInt32BE(60) > latest) {
    throw newerFile(name, header.readUInt32BE(60), latest);
  }
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((f) => !existsSync(f));
  let ro: Database.Database;
  try {
    ro = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    removeCreatedSidecars(sidecars);
    throw new CoreError('io', `${name} could not be opened: ${(error as Error).message}`, undefined, 'unreadable');
  }
  try {
    let appId: number;
    let version: number;
    let tables: number;
    try {
      appId = ro.pragma('application_id', { simple: true }) as number;
      version = ro.pragma('user_version', { simple: true }) as number;
      tables = (ro.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    } catch (error) {
      throw new CoreError('integrity', `${name} is damaged and cannot be read: ${(error as Error).message}`, undefined, 'corrupt');
    }
    if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) throw foreignFile(name);
    if (version > latest) throw newerFile(name, version, latest);
    let check: string[];
    try {
      check = (ro.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check);
    } catch (error) {
      throw new CoreError('integrity', `${name} is damaged: ${(error as Error).message}`, undefined, 'corrupt');
    }
    if (check.length !== 1 || check[0] !== 'ok') {
      throw new CoreError('integrity', `${name} is damaged: ${check.slice(0, 3).join('; ')}`, undefined, 'corrupt');
    }
    return { version };
  } catch (error) {
    ro.close();
    removeCreatedSidecars(sidecars);
    throw error;
  } finally {
    if (ro.open) ro.close();
  }
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at NORMAL, which can lose acknowledged commits on power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.function('cb_fold', { deterministic: true }, foldForIndex);
}

/** A consistent copy of the live database, taken without stopping writers. */
export function backupTo(db: Database.Database, target: string): void {
  if (existsSync(target)) throw new CoreError('conflict', `${basename(target)} already exists; choose another name.`);
  db.prepare('VACUUM INTO ?').run(target);
}

function backupPath(path: string, version: number): string {
  const base = `${path}.v${version}.bak`;
  if (!existsSync(base)) return base;
  return `${path}.v${version}.${nowIso().replace(/[:.]/g, '-')}.bak`;
}

function migrate(db: Database.Database, path: string, from: number, migrations: Migration[], options: OpenOptions): void {
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return;
  if (from > 0) backupTo(db, backupPath(path, from));
  const latest = pending[pending.length - 1]!.version;
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    if (from === 0) initialiseCase(db, path, options);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  // Put the new header in the main file now, so header checks on the next open see it.
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function initialiseCase(db: Database.Database, path: string, options: OpenOptions): void {
  const at = nowIso();
  const caseId = newId();
  const name = options.name?.trim() || basename(path).replace(/\.evidence$/i, '');
  const meta: Record<string, string> = {
    case_id: caseId,
    replica: newId(),
    name,
    actor: options.actor?.trim() || 'investigator',
    created_at: at,
  };
  const insert = db.prepare('INSERT INTO case_meta (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(meta)) insert.run(k, v);
  appendEvent(db, {
    actor: meta.actor!,
    replica: meta.replica!,
    action: 'create',
    entity: 'case',
    entityId: caseId,
    payload: { caseId, name, createdAt: at },
  });
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
  const from = exists ? inspectExisting(path, latest).version : 0;
  let db: Database.Database;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw fromSqliteError(error) ?? new CoreError('io', `${basename(path)} could not be opened: ${(error as Error).message}`);
  }
  try {
    applyPragmas(db);
    migrate(db, path, from, migrations, options);
    const file = new CaseFile(db, path);
    if (options.actor?.trim() && options.actor.trim() !== file.meta.actor) setActor(file, options.actor.trim());
    return file;
  } catch (error) {
    db.close();
    if (error instanceof CoreError) throw error;
    throw fromSqliteError(error) ?? error;
  }
}

/** Changes who is working on this case; the change itself is an audited event. */
export function setActor(file: CaseFile, actor: string): void {
  file.write(() => {
    file.stmt('INSERT INTO case_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      'actor',
      actor,
    );
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
