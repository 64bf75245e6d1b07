// An auditor receives evidence write-blocked. A case with a pending -wal and no -shm cannot be
// read in place by SQLite there (it would have to create the -shm); `npm run verify` must say so
// truthfully, not call the file damaged, and verify it anyway from an in-memory copy.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClaim } from '../../electron/core/claims';
import { openCase } from '../../electron/core/db';
import { cleanUpAfterEach, fileHash, tempDir } from '../support/temp-case';
import { canUseMountNamespace } from './support/children';

cleanUpAfterEach();

const ROOT = resolve(__dirname, '../..');

it.skipIf(!canUseMountNamespace())(
  'a pending -wal without its -shm on a read-only mount: told truthfully, verified from memory, nothing written',
  () => {
    const root = tempDir('corroborate-ro-media-');
    const live = openCase(join(root, 'x.evidence'), { create: true, actor: 'tester' });
    for (let i = 0; i < 15; i++) createClaim(live, { statement: `Only in the log ${i}` });
    const head = live.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const media = join(root, 'media');
    mkdirSync(media);
    copyFileSync(live.path, join(media, 'x.evidence'));
    copyFileSync(`${live.path}-wal`, join(media, 'x.evidence-wal'));
    live.close();
    const listing = () => Object.fromEntries(readdirSync(media).map((n) => [n, fileHash(join(media, n))]));
    const before = listing();
    const run = spawnSync(
      'unshare',
      [
        '-m',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
        media,
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        'scripts/verify.ts',
        join(media, 'x.evidence'),
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('on read-only media SQLite cannot read such a log in place');
    expect(run.stdout).toContain('in-memory copy');
    expect(run.stdout).toContain(`with them: change #${head}`);
    expect(run.stdout).toContain('RESULT: PASSED');
    expect(run.stdout + run.stderr).not.toMatch(/damaged/);
    expect(listing()).toEqual(before);
  },
);
