// The backups the app itself leaves beside a case file (`<case>.v<N>.bak`, taken before each
// migration, and `<case>.v<N>.<time>.bak` when that name is taken), so that a case refused as
// damaged can be offered its newest good copy. Only headers are read: listing never opens a backup.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupInfo } from '../schema/records';

const APPLICATION_ID = 0x43524254;
const SQLITE_MAGIC = 'SQLite format 3\0';

/** `2024-05-01T10-20-30-123Z` (how backup names carry a time) → ISO-8601. */
function timeFromName(stamp: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

function headerLooksValid(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return false;
    return (
      header.subarray(0, 16).toString('latin1') === SQLITE_MAGIC && header.readUInt32BE(68) === APPLICATION_ID
    );
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The app's backups of `casePath`, newest first. A folder that cannot be read has none. */
export function findBackups(casePath: string): BackupInfo[] {
  const dir = dirname(casePath);
  const pattern = new RegExp(`^${escapeRegExp(basename(casePath))}\\.v(\\d+)(?:\\.([0-9TZ-]+))?\\.bak$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: BackupInfo[] = [];
  for (const fileName of names) {
    const m = pattern.exec(fileName);
    if (!m) continue;
    const path = join(dir, fileName);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    found.push({
      path,
      fileName,
      version: Number(m[1]),
      takenAt: (m[2] && timeFromName(m[2])) || stat.mtime.toISOString(),
      size: stat.size,
      looksValid: headerLooksValid(path),
    });
  }
  return found.sort((a, b) =>
    a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : b.version - a.version,
  );
}
