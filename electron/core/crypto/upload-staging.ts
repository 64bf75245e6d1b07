// Where a streamed upload waits until its last byte has arrived. A plain case stages it in a TEMP
// table (SQLite's temporary file: the case file is plain anyway). An encrypted case keeps its
// temporary data in memory (temp_store = MEMORY: SQLite's temporary files are never encrypted),
// so a large upload there is staged in a scratch database beside the case instead, encrypted
// with a random key that exists only in this process: if the app dies mid-upload, what is left
// is noise, and the next upload removes it.
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CaseFile } from '../db';

const SCHEMA = 'cb_staging';
const TABLE_SQL = (schema: string) =>
  `CREATE TABLE IF NOT EXISTS ${schema}.cb_upload_chunks (upload TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (upload, seq))`;

export interface Staging {
  /** The qualified table name to insert into and select from. */
  table: string;
  /** Drops the staged chunks (and, for an encrypted case, the scratch file). */
  release(upload: string): void;
}

const scratchPrefix = (casePath: string) => `${basename(casePath)}.upload-`;

/** Scratch files an earlier run left (it died mid-upload): encrypted with a key no one has. */
function removeLeftovers(casePath: string): void {
  const prefix = scratchPrefix(casePath);
  let names: string[] = [];
  try {
    names = readdirSync(dirname(casePath));
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(prefix) && /\.staging(-journal)?$/.test(name))
      rmSync(join(dirname(casePath), name), { force: true });
}

export function openStaging(c: CaseFile): Staging {
  if (!c.encrypted) {
    // A TEMP table lives in SQLite's temporary file, never in the case file, and vanishes with the
    // connection: a half-received upload leaves nothing behind. With auto_vacuum (set before the
    // temporary database holds anything) the file shrinks as soon as an upload's chunks are
    // deleted: a refused upload, or a session's worth of finished ones, holds no space on a disk
    // that may be full.
    c.db.pragma('temp.auto_vacuum = FULL');
    c.db.exec(TABLE_SQL('temp'));
    return {
      table: 'temp.cb_upload_chunks',
      release: (upload) => c.stmt('DELETE FROM temp.cb_upload_chunks WHERE upload = ?').run(upload),
    };
  }
  removeLeftovers(c.path);
  const file = join(dirname(c.path), `${scratchPrefix(c.path)}${randomBytes(6).toString('hex')}.staging`);
  const key = `x'${randomBytes(32).toString('hex')}'`;
  c.db.prepare(`ATTACH ? AS ${SCHEMA} KEY ?`).run(file, key);
  c.db.exec(TABLE_SQL(SCHEMA));
  return {
    table: `${SCHEMA}.cb_upload_chunks`,
    release: () => {
      c.db.exec(`DETACH ${SCHEMA}`);
      rmSync(file, { force: true });
      rmSync(`${file}-journal`, { force: true });
    },
  };
}
