// Files the app may be asked to open that are not a healthy case it can work on. Each gets its own
// reason and a message naming the file, and nothing in its folder is written, created or removed.
// Read-only is tested three ways, because root (as tests run here) ignores permission bits: the
// mode bits the app checks itself, the OS refusing another user, and a read-only bind mount.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createApi } from '../../electron/api/create-api';
import { openCase } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import { defaultMigrationsDir, loadMigrations } from '../../electron/core/migrations';
import { canUseMountNamespace, prebuild, spawnTs, stopAll } from './support/children';

let root: string;
let healthy: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'corroborate-foreign-'));
  await prebuild('open-child.ts');
  chmodSync(root, 0o755);
  healthy = join(root, 'healthy.evidence');
  const api = createApi(healthy, { create: true, actor: 'tester' });
  await api.call('claims.create', { statement: 'Sergek cameras were installed in Almaty' });
  api.close();
});
afterAll(async () => {
  await stopAll();
  rmSync(root, { recursive: true, force: true });
});

/** Names and hashes of everything in a folder: what "nothing was written" is checked against. */
function folderState(dir: string, state: Record<string, string> = {}, prefix = ''): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      state[`${prefix}${entry.name}/`] = 'folder';
      folderState(path, state, `${prefix}${entry.name}/`);
    } else {
      state[`${prefix}${entry.name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  }
  return state;
}

function freshFolder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  chmodSync(dir, 0o755);
  return dir;
}

function refusal(path: string): CoreError {
  try {
    openCase(path, { create: true }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return error as CoreError;
  }
  throw new Error(`${path} was opened`);
}

const latest = () => loadMigrations(defaultMigrationsDir()).at(-1)!.version;

const cases: [label: string, make: (dir: string) => string, code: string, reason: string, says: RegExp][] = [
  [
    'a file that is not SQLite (a PDF)',
    (dir) => {
      const p = join(dir, 'report.pdf');
      writeFileSync(p, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'.repeat(20));
      return p;
    },
    'integrity',
    'not_sqlite',
    /report\.pdf is not a Corroborate case file \(it is not an SQLite database\)/,
  ],
  [
    'an empty file',
    (dir) => {
      const p = join(dir, 'empty.evidence');
      writeFileSync(p, '');
      return p;
    },
    'integrity',
    'empty',
    /empty\.evidence is empty/,
  ],
  [
    "another application's SQLite file (its own application id)",
    (dir) => {
      const p = join(dir, 'places.sqlite');
      const db = new Database(p);
      db.pragma('application_id = 1179796837');
      db.exec("CREATE TABLE moz_places (url TEXT); INSERT INTO moz_places VALUES ('https://example.org')");
      db.close();
      return p;
    },
    'integrity',
    'foreign',
    /places\.sqlite is an SQLite database of another application/,
  ],
  [
    "another application's SQLite file in WAL mode, with its -wal (no application id)",
    (dir) => {
      const p = join(dir, 'notes.db');
      const db = new Database(p);
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('meeting at 10')");
      copyFileSync(p, join(dir, 'notes-copy.db'));
      copyFileSync(`${p}-wal`, join(dir, 'notes-copy.db-wal'));
      db.close();
      rmSync(p);
      return join(dir, 'notes-copy.db');
    },
    'integrity',
    'foreign',
    /notes-copy\.db is an SQLite database of another application/,
  ],
  [
    'a case written by a newer version of the app',
    (dir) => {
      const p = join(dir, 'future.evidence');
      copyFileSync(healthy, p);
      const db = new Database(p);
      db.pragma(`user_version = ${latest() + 5}`);
      db.close();
      return p;
    },
    'conflict',
    'newer',
    /future\.evidence was written by a newer version of Corroborate/,
  ],
  [
    'a read-only case file (mode 0444)',
    (dir) => {
      const p = join(dir, 'locked.evidence');
      copyFileSync(healthy, p);
      chmodSync(p, 0o444);
      return p;
    },
    'io',
    'read_only',
    /locked\.evidence cannot be opened for work: the file is read-only/,
  ],
  [
    'a case in a read-only folder (mode 0555)',
    (dir) => {
      const inner = join(dir, 'archive');
      mkdirSync(inner);
      const p = join(inner, 'archived.evidence');
      copyFileSync(healthy, p);
      chmodSync(inner, 0o555);
      return p;
    },
    'io',
    'read_only',
    /archived\.evidence cannot be opened for work: the folder it is in \(.+archive\) is read-only/,
  ],
  [
    'a folder named like a case',
    (dir) => {
      const p = join(dir, 'folder.evidence');
      mkdirSync(p);
      return p;
    },
    'io',
    'not_a_file',
    /folder\.evidence is a folder/,
  ],
];

describe('files that are not a case the app can work on', () => {
  const seen: { reason: string; message: string }[] = [];

  it.each(cases)('%s', (_label, make, code, reason, says) => {
    const dir = freshFolder(reason + seen.length);
    const path = make(dir);
    const before = folderState(dir);
    const error = refusal(path);
    expect(error.code, error.message).toBe(code);
    expect(error.reason, error.message).toBe(reason);
    expect(error.message).toMatch(says);
    expect(folderState(dir), 'nothing in the folder was written, created or removed').toEqual(before);
    seen.push({ reason, message: error.message });
  });

  it('a path where there is nothing, without create: not_found, and nothing is created', () => {
    const dir = freshFolder('missing');
    const error = (() => {
      try {
        openCase(join(dir, 'gone.evidence')).close();
      } catch (e) {
        return e as CoreError;
      }
      throw new Error('opened');
    })();
    expect([error.code, error.reason]).toEqual(['not_found', 'missing']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('each kind of refusal has its own message', () => {
    const general = (m: string) => m.replace(/\S+\.(evidence|pdf|sqlite|db)\b/g, 'FILE');
    for (const a of seen) {
      for (const b of seen) {
        if (a.reason !== b.reason) expect(general(a.message)).not.toBe(general(b.message));
      }
    }
    expect(new Set(seen.map((s) => s.reason)).size).toBe(6);
  });
});

describe('read-only as the operating system enforces it', () => {
  const isRoot = process.getuid?.() === 0;

  it.skipIf(!isRoot)('another user cannot write the file: read_only, nothing written', async () => {
    const dir = freshFolder('other-user');
    const path = join(dir, 'theirs.evidence');
    copyFileSync(healthy, path);
    chmodSync(path, 0o644); // writable by its owner (root), not by `nobody`
    const before = folderState(dir);
    const child = spawnTs('open-child.ts', [path], { uid: 65534, gid: 65534 });
    const line = JSON.parse(await child.waitFor(() => true, 60_000)) as {
      ok: boolean;
      reason: string;
      message: string;
    };
    await child.exited;
    expect(line.ok).toBe(false);
    expect(line.reason, line.message).toBe('read_only');
    expect(folderState(dir)).toEqual(before);

    // The same user in a folder and file of their own works.
    const own = freshFolder('own-user');
    chownSync(own, 65534, 65534);
    const mine = join(own, 'mine.evidence');
    copyFileSync(healthy, mine);
    chownSync(mine, 65534, 65534);
    const ok = spawnTs('open-child.ts', [mine], { uid: 65534, gid: 65534 });
    expect(JSON.parse(await ok.waitFor(() => true, 60_000))).toMatchObject({ ok: true });
    await ok.exited;
  });

  it.skipIf(!canUseMountNamespace())('a read-only mount (EROFS): read_only, nothing written', async () => {
    const dir = freshFolder('ro-mount');
    const path = join(dir, 'mounted.evidence');
    copyFileSync(healthy, path);
    const before = folderState(dir);
    // A private mount namespace: the read-only bind is seen by the child alone.
    const child = spawnTs('open-child.ts', [path], {
      wrap: (argv) => [
        'unshare',
        '-m',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
        dir,
        ...argv,
      ],
    });
    const line = JSON.parse(await child.waitFor((l) => l.startsWith('{'), 60_000)) as {
      reason: string;
      message: string;
    };
    await child.exited;
    expect(line.reason, line.message).toBe('read_only');
    expect(folderState(dir)).toEqual(before);
    // The read-only mount was the child's alone: here the folder is as writable as ever.
    expect(() => execFileSync('touch', [join(dir, 'probe')])).not.toThrow();
  });
});
