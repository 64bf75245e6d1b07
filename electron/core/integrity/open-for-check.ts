// Opening a case to check it without writing a byte beside it (`npm run verify`, an auditor's
// copy). First the app's own open-time check of the side files (sidecar-check.ts: the same check
// openCase makes before SQLite may read a log), then what to open:
//   - side files that do not belong: the case file alone (SQLite must not read them), and the
//     side-files step fails, as the app refuses the case;
//   - a pending log that belongs: an in-memory image of the file with the log applied, built from
//     the bytes (SQLite touches neither -wal nor -shm, so write-protected media need no -shm);
//   - otherwise the file itself, immutable.
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CaseFile } from '../db';
import { CoreError } from '../errors';
import { openCaseReadOnly, type ReadOnlyOptions } from '../open-read-only';
import { type SidecarCheck, sidecarCheck } from '../sidecar-check';
import { openMainFileAlone } from '../sidecar-choices';
import { imageWithLog } from '../wal-image';

export interface OpenedForCheck {
  file: CaseFile;
  /** The open-time check of the side files (null when there is no file to check them beside). */
  sidecars: SidecarCheck | null;
  /** What the opening did, in plain words, for the report's reader. */
  notes: string[];
}

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Whether the file starts as a plain SQLite database does (an encrypted case's first page is ciphertext). */
function plainSqlite(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(16);
      return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export function openForCheck(path: string, options: ReadOnlyOptions = {}): OpenedForCheck {
  const notes: string[] = [];
  const isFile = existsSync(path) && statSync(path).isFile();
  if (isFile && !plainSqlite(path)) {
    // An encrypted case: its pages and its log's frames are ciphertext, so the seals that tell
    // whether a log belongs cannot be read from the bytes; SQLite reads the log through the key.
    const pendingLog = existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0;
    if (pendingLog)
      notes.push(
        "The case is encrypted and has a write-ahead log beside it: the log is read through the case's key (whether it belongs to this file cannot be told from its encrypted bytes).",
      );
    return { file: openCaseReadOnly(path, { ...options, immutable: !pendingLog }), sidecars: null, notes };
  }
  const sidecars = isFile ? sidecarCheck(path) : null;
  if (sidecars && !sidecars.ok) {
    notes.push(
      'The checks below are of the case file alone, without the side files that do not belong to it.',
    );
    return { file: openMainFileAlone(path, options), sidecars, notes };
  }
  const pending = (sidecars?.report.wal?.committedFrames ?? 0) > 0;
  if (!pending) return { file: openCaseReadOnly(path, { ...options, immutable: true }), sidecars, notes };
  const readOnlyMedia = !writable(dirname(path)) && sidecars?.report.shm === null;
  const image = imageWithLog(path);
  if (image) {
    notes.push(
      `${readOnlyMedia ? "The case's write-ahead log holds saved changes not yet in the file, and there is no -shm beside it: on read-only media SQLite cannot read such a log in place. " : ''}Checked from an in-memory copy of the file with its log applied (${image.appliedFrames} frame(s)); nothing beside the case was read by SQLite or written.`,
    );
    const db = options.nativeBinding
      ? new Database(image.bytes, { readonly: true, nativeBinding: options.nativeBinding })
      : new Database(image.bytes, { readonly: true });
    return { file: new CaseFile(db, path), sidecars, notes };
  }
  if (readOnlyMedia) {
    throw new CoreError(
      'io',
      `${basename(path)} has a write-ahead log with saved changes not yet in the file and no -shm beside it, on media that cannot be written: SQLite cannot read such a log in place, and the case is too large to check in memory. The file is not known to be damaged: copy the case with its -wal to a writable folder and verify the copy`,
      undefined,
      'read_only_log',
    );
  }
  return { file: openCaseReadOnly(path, { ...options, immutable: true }), sidecars, notes };
}
