// The safe ways on when the open refuses a case for its side files (sidecars.ts): look at the
// case file alone without changing anything, set the side files aside (moved, never deleted), or
// recover into a new copy that includes a log, saying what that keeps and what it loses.
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { CaseFile, type OpenOptions, openCase } from './db';
import { CoreError } from './errors';
import { nowIso } from './ids';
import { inspectSidecars } from './sidecars';
import { checkWal } from './wal-check';

/** Reading a case file alone means holding it in memory; above this, set the side files aside instead. */
export const MAIN_ALONE_LIMIT_BYTES = 1024 * 1024 * 1024;

/**
 * The case file as its own bytes hold it, without its -wal: an in-memory, read-only copy, so no
 * side file is read, created or changed. The header is switched to rollback mode in the copy only,
 * so SQLite does not look for a log.
 */
export function openMainFileAlone(path: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): CaseFile {
  const size = statSync(path).size;
  if (size > MAIN_ALONE_LIMIT_BYTES) {
    throw new CoreError(
      'io',
      `${basename(path)} is too large (${Math.round(size / 1024 / 1024)} MB) to be read alone in memory. Set its side files aside instead; they are kept.`,
      undefined,
      'too_large',
    );
  }
  const image = readFileSync(path);
  if (image.length >= 100 && image[18] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
  const db = new Database(image, {
    readonly: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    return new CaseFile(db, path);
  } catch (error) {
    db.close();
    throw new CoreError(
      'integrity',
      `${basename(path)} cannot be read alone: ${(error as Error).message}`,
      undefined,
      'corrupt',
    );
  }
}

export interface SetAside {
  folder: string;
  moved: string[];
}

/**
 * Moves the case's -wal and -shm, and any sync-conflict copies of them, into a new folder beside
 * the case. Nothing is deleted: putting them back restores exactly what was there.
 */
export function setSidecarsAside(path: string): SetAside {
  const report = inspectSidecars(path);
  const files = [report.wal?.path, report.shm?.path, ...report.strays.map((s) => s.path)].filter(
    (f): f is string => typeof f === 'string',
  );
  const folder = join(dirname(path), `${basename(path)}.set-aside-${nowIso().replace(/[:.]/g, '-')}`);
  if (existsSync(folder)) throw new CoreError('conflict', `${basename(folder)} already exists; try again.`);
  mkdirSync(folder);
  const moved: string[] = [];
  for (const file of files) {
    renameSync(file, join(folder, basename(file)));
    moved.push(basename(file));
  }
  return { folder, moved };
}

export interface Recovered {
  path: string;
  /** The head of the case file alone and of the recovered copy. */
  headBefore: number | null;
  headAfter: number;
  /** What the recovered copy holds and lacks, in words. */
  explanation: string;
}

/**
 * A new case file at `target` made of the case file and the log `logPath` (its own -wal, or a
 * sync program's copy of it), replayed as SQLite replays a log: up to its last readable commit.
 * The original files are only read. Refused when the log does not continue this case file.
 */
export function recoverIntoCopy(
  path: string,
  target: string,
  logPath: string,
  options: Pick<OpenOptions, 'nativeBinding'> = {},
): Recovered {
  const report = inspectSidecars(path);
  const log =
    logPath === `${path}-wal` ? report.wal : (report.strays.find((s) => s.path === logPath) ?? null);
  const continues =
    log !== null &&
    (logPath === `${path}-wal`
      ? report.problem === null || report.problem.sidecar !== log.name
      : 'continuesCase' in log && log.continuesCase);
  if (!log || !continues) {
    throw new CoreError(
      'conflict',
      `${basename(logPath)} does not continue the history of ${basename(path)}; a copy made from both would mix two files. Open the case file alone or set the side files aside instead.`,
      undefined,
      'not_a_continuation',
    );
  }
  if (existsSync(target) || existsSync(`${target}-wal`))
    throw new CoreError('conflict', `${basename(target)} already exists; choose another name.`);
  copyFileSync(path, target, constants.COPYFILE_EXCL);
  copyFileSync(logPath, `${target}-wal`, constants.COPYFILE_EXCL);
  const raw = new Database(target, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    raw.close();
  }
  const copy = openCase(target, options);
  try {
    const head = copy.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const before = report.headWithout?.seq ?? null;
    const gained = before === null ? null : head - before;
    // What SQLite cannot read past a damaged frame (wal-check.ts counts the commits lost there).
    const damage = checkWal(logPath, copy.db.pragma('page_size', { simple: true }) as number);
    const unread = damage?.lostCommits ?? 0;
    return {
      path: target,
      headBefore: before,
      headAfter: head,
      explanation:
        `${basename(target)} holds ${basename(path)} and ${gained === null ? 'the readable writes' : `${gained} change(s)`} from ${basename(logPath)}, up to change #${head}.` +
        (unread > 0
          ? ` ${unread} saved write(s) in the log after its damaged part could not be read and are not in the copy.`
          : ' Nothing readable in the log was left out.') +
        ' The original files were not changed.',
    };
  } finally {
    copy.close();
  }
}
