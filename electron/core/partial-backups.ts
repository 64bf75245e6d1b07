// The backup taken before a migration is written as `<case>.v<N>.bak.<random>.partial` and only
// linked to its name once whole (db.ts backupTo). A kill midway leaves the partial file (and
// SQLite's journal of it) beside the case: a full-size copy nobody will restore from, and
// once cases are encrypted a copy that must not linger. The next open removes them and says so.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const megabytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** Names of unfinished backups of `casePath` (with their SQLite side files). */
export function findPartialBackups(casePath: string): string[] {
  const pattern = new RegExp(
    `^${escapeRegExp(basename(casePath))}\\.v\\d+(?:\\.[0-9TZ-]+)?\\.bak\\.[0-9a-f]{8}\\.partial(?:-journal|-wal|-shm)?$`,
  );
  try {
    return readdirSync(dirname(casePath))
      .filter((n) => pattern.test(n))
      .sort();
  } catch {
    return [];
  }
}

/** Removes them; returns one notice per file removed (or that could not be). */
export function removePartialBackups(casePath: string): string[] {
  const notices: string[] = [];
  for (const name of findPartialBackups(casePath)) {
    const path = join(dirname(casePath), name);
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    try {
      rmSync(path, { force: true });
      notices.push(
        `An unfinished backup left by an interrupted upgrade was removed: ${name} (${megabytes(size)}). The case itself was not affected.`,
      );
    } catch (error) {
      notices.push(
        `An unfinished backup left by an interrupted upgrade could not be removed: ${name} (${(error as Error).message}). Delete it yourself; it is an incomplete copy of the case.`,
      );
    }
  }
  return notices;
}
