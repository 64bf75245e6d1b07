// A case file with its write-ahead log applied, built in memory from the bytes alone: how
// `npm run verify` reads a case whose log is pending without letting SQLite read (and, through
// the -shm, write) anything beside it, and how a write-protected copy with a pending log and no
// -shm (read-only media) can be verified at all, where SQLite cannot open it in place.
import { readFileSync, statSync } from 'node:fs';
import { readCommittedLog } from './wal-check';

/** Above this the image is not built: verify a writable copy instead. */
export const WAL_IMAGE_LIMIT_BYTES = 1024 * 1024 * 1024;

export interface WalImage {
  /** The database as SQLite would see it with the log replayed, marked as a rollback-mode file. */
  bytes: Buffer;
  /** Frames of the log applied (to its last intact commit). */
  appliedFrames: number;
}

/** Null when the case file and its log are too large to hold in memory. */
export function imageWithLog(path: string, walPath = `${path}-wal`): WalImage | null {
  const mainSize = statSync(path).size;
  const walSize = statSync(walPath, { throwIfNoEntry: false })?.size ?? 0;
  if (mainSize + walSize > WAL_IMAGE_LIMIT_BYTES) return null;
  let image = readFileSync(path);
  const pageSize = image.length >= 18 ? image.readUInt16BE(16) || 0 : 0;
  let pending: { pgno: number; page: Buffer }[] = [];
  const log = readCommittedLog(walPath, ({ pgno, page, commit, dbPages }) => {
    pending.push({ pgno, page: Buffer.from(page) });
    if (!commit) return;
    const size = dbPages * page.length;
    if (size > image.length) {
      const grown = Buffer.alloc(size);
      image.copy(grown);
      image = grown;
    } else if (size < image.length) {
      image = image.subarray(0, size);
    }
    for (const p of pending)
      if ((p.pgno - 1) * p.page.length < image.length) p.page.copy(image, (p.pgno - 1) * p.page.length);
    pending = [];
  });
  if (pageSize !== 0 && image.length >= 100) {
    // Rollback mode in the copy: SQLite then looks for no log beside an in-memory database.
    image[18] = 1;
    image[19] = 1;
  }
  return { bytes: image, appliedFrames: log?.committedFrames ?? 0 };
}
