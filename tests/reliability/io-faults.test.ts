// I/O faults under a working session: the case file moved or deleted while open, the case at its
// size limit, a real full disk (tmpfs), a disk that turns read-only mid-session (ext4 forced into
// emergency read-only), and permissions taken away mid-session. Every refused write is an `io`
// error with a message a user can act on, leaves no partial record and no broken history, and
// once the fault is gone work goes on. Faults that need root and mount namespaces are skipped
// (loudly) where those are not available.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiWithFile as Api, createApi } from '../../electron/api/create-api';
import { verifyChain } from '../../electron/core/audit';
import { openCase } from '../../electron/core/db';
import type { Result } from '../../electron/schema/result';
import { fileHash } from '../support/temp-case';
import { canUseMountNamespace, prebuild, stopAll } from './support/children';
import { healthProblems } from './support/health';
import { type CallResult, startSession } from './support/session';

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'corroborate-io-'));
  chmodSync(root, 0o755);
  await prebuild('session-child.ts');
});
afterAll(async () => {
  await stopAll();
  rmSync(root, { recursive: true, force: true });
});

function folder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const excerpt = (kb: number, n: number) =>
  `Excerpt ${n}: `.padEnd(kb * 1024, 'the monitoring centre was delivered in 2019; ');

async function seedCase(api: Api): Promise<{ claimId: string; sourceId: string }> {
  const source = (await api.call('sources.create', {
    title: 'Procurement portal',
    kind: 'official_record',
    reliability: 'A',
  })) as {
    ok: true;
    value: { id: string };
  };
  const claim = (await api.call('claims.create', { statement: 'The ministry bought DPI equipment' })) as {
    ok: true;
    value: { id: string };
  };
  return { claimId: claim.value.id, sourceId: source.value.id };
}

function expectIo(result: Result<unknown> | CallResult, reasons: string[]): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code, result.error.message).toBe('io');
  expect(reasons, result.error.message).toContain(result.error.reason);
  expect(result.error.message).toMatch(/not saved/);
}

describe('the case file moves or disappears while it is open', () => {
  it('its folder is deleted: writes are refused as io/moved instead of vanishing into a deleted file', async () => {
    const dir = folder('deleted');
    const api = createApi(join(dir, 'case.evidence'), { create: true, actor: 'tester' });
    try {
      await seedCase(api);
      const before = api.file.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
      rmSync(dir, { recursive: true, force: true });
      const refused = await api.call('claims.create', { statement: 'Written after the folder was deleted' });
      expectIo(refused, ['moved']);
      if (!refused.ok)
        expect(refused.error.message).toMatch(/case\.evidence is no longer at .+deleted.case\.evidence/);
      // Nothing was written, not even to the unreachable file; reading still works.
      expect(api.file.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
      expect((await api.call('claims.list', {})).ok).toBe(true);
    } finally {
      api.close();
    }
  });

  it('its folder is renamed: writes are refused, and the case where it now is holds every saved change', async () => {
    const dir = folder('before-rename');
    const api = createApi(join(dir, 'case.evidence'), { create: true, actor: 'tester' });
    const saved: string[] = [];
    try {
      const { claimId, sourceId } = await seedCase(api);
      for (let i = 0; i < 5; i++) {
        const r = (await api.call('evidence.add', {
          claimId,
          sourceId,
          stance: 'supports',
          excerpt: excerpt(2, i),
          credibility: 2,
        })) as {
          ok: true;
          value: { id: string };
        };
        saved.push(r.value.id);
      }
      renameSync(dir, join(root, 'after-rename'));
      expectIo(await api.call('claims.create', { statement: 'After the rename' }), ['moved']);
    } finally {
      api.close();
    }
    const moved = openCase(join(root, 'after-rename', 'case.evidence'));
    try {
      expect(await healthProblems(moved)).toEqual([]);
      const ids = moved.db.prepare('SELECT id FROM evidence').pluck().all();
      expect(ids).toEqual(expect.arrayContaining(saved));
      expect(
        moved.db.prepare("SELECT count(*) FROM claims WHERE statement = 'After the rename'").pluck().get(),
      ).toBe(0);
    } finally {
      moved.close();
    }
  });

  it('the file is replaced by another copy: writes are refused, the copy is left untouched', async () => {
    const dir = folder('replaced');
    const path = join(dir, 'case.evidence');
    const api = createApi(path, { create: true, actor: 'tester' });
    try {
      await seedCase(api);
      // e.g. a sync tool restoring an older copy over the open case
      const other = join(root, 'older.evidence');
      createApi(other, { create: true, actor: 'someone else' }).close();
      renameSync(other, path);
      const hash = fileHash(path);
      expectIo(await api.call('claims.create', { statement: 'Into the replaced file?' }), ['moved']);
      expect(fileHash(path)).toBe(hash);
    } finally {
      api.close();
    }
  });
});

describe('the case reaches its size limit (max_page_count)', () => {
  it('writes fail as io/disk_full with nothing half-written; raising the limit lets work go on', async () => {
    const api = createApi(join(folder('limit'), 'case.evidence'), { create: true, actor: 'tester' });
    try {
      const { claimId, sourceId } = await seedCase(api);
      const deal = (await api.call('deals.create', {
        title: 'Safe City, phase 2',
        technology: 'cctv',
        status: 'signed',
      })) as {
        ok: true;
        value: { id: string };
      };
      const dealId = deal.value.id;
      const actors: string[] = [];
      for (let i = 0; i < 150; i++) {
        const a = (await api.call('actors.create', { name: `Vendor ${i}`, kind: 'company' })) as {
          ok: true;
          value: { id: string };
        };
        actors.push(a.value.id);
      }
      const db = api.file.db;
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + 60}`);
      const acked: string[] = [];
      let refused: Result<unknown> | null = null;
      for (let i = 0; i < 200 && !refused; i++) {
        const before = {
          events: verifyChain(db),
          evidence: db.prepare('SELECT count(*) FROM evidence').pluck().get(),
        };
        const r = await api.call('evidence.add', {
          claimId,
          sourceId,
          stance: 'supports',
          excerpt: excerpt(24, i),
          credibility: 1,
        });
        if (r.ok) {
          acked.push((r.value as { id: string }).id);
          continue;
        }
        refused = r;
        // The refused write left nothing: no row, no event, the chain as it was.
        expect(db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(before.evidence);
        expect(verifyChain(db)).toEqual(before.events);
      }
      expect(acked.length).toBeGreaterThan(0);
      expectIo(refused!, ['disk_full']);
      // A write of many records at once (a deal's parties) at the limit: all or nothing.
      const parties = actors.map((actorId) => ({ actorId, role: 'vendor' as const }));
      const eventsBefore = verifyChain(db);
      const setParties = await api.call('deals.setParties', { dealId, parties });
      expectIo(setParties, ['disk_full']);
      expect(db.prepare('SELECT count(*) FROM deal_parties').pluck().get()).toBe(0);
      expect(verifyChain(db)).toEqual(eventsBefore);
      expect(await healthProblems(api.file)).toEqual([]);

      db.pragma(`max_page_count = ${pages + 100_000}`);
      const after = await api.call('evidence.add', {
        claimId,
        sourceId,
        stance: 'supports',
        excerpt: excerpt(24, 999),
        credibility: 1,
      });
      expect(after.ok).toBe(true);
      expect(await healthProblems(api.file)).toEqual([]);
      const present = db.prepare('SELECT id FROM evidence').pluck().all();
      expect(present).toEqual(expect.arrayContaining(acked));
    } finally {
      api.close();
    }
  });
});

const namespaces = canUseMountNamespace();
const loopExt4 =
  namespaces &&
  existsSync('/dev/loop-control') &&
  (() => {
    try {
      execFileSync('sh', ['-c', 'command -v mkfs.ext4 && command -v e2fsck && command -v findmnt'], {
        stdio: 'ignore',
      });
      return true;
    } catch {
      return false;
    }
  })();
if (!namespaces)
  console.warn(
    'io-faults: no mount namespaces here (needs root); the real full-disk and read-only-disk tests are SKIPPED',
  );
if (namespaces && !loopExt4)
  console.warn('io-faults: no loop devices / ext4 tools; the read-only-disk test is SKIPPED');

describe('a real full disk: a 6 MB tmpfs in a private mount namespace', () => {
  it.skipIf(!namespaces)(
    'ENOSPC: io/disk_full, nothing half-written, and once space returns work goes on',
    async () => {
      const disk = folder('tmpfs-mount');
      const out = folder('tmpfs-out');
      const session = await startSession({
        wrap: (argv) => [
          'unshare',
          '-m',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount -t tmpfs -o size=6m tmpfs "$0" && exec "$@"',
          disk,
          ...argv,
        ],
      });
      const path = join(disk, 'case.evidence');
      expect(await session.send({ open: path })).toMatchObject({ ok: true });
      const source = await session.call('sources.create', { title: 'Leak', kind: 'leak', reliability: 'C' });
      const claim = await session.call('claims.create', { statement: 'The cameras feed a central database' });
      if (!source.ok || !claim.ok) throw new Error('setup failed');
      const add = (n: number) =>
        session.call('evidence.add', {
          claimId: claim.value.id,
          sourceId: source.value.id,
          stance: 'supports',
          excerpt: excerpt(100, n),
          credibility: 3,
        });
      // Something to delete later: "freeing space".
      expect(
        (await session.shell('dd', 'if=/dev/zero', `of=${join(disk, 'ballast')}`, 'bs=1M', 'count=2')).code,
      ).toBe(0);
      const acked: string[] = [];
      let refused: CallResult | null = null;
      for (let i = 0; i < 100 && !refused; i++) {
        const r = await add(i);
        if (r.ok) acked.push(r.value.id as string);
        else refused = r;
      }
      expect(acked.length).toBeGreaterThan(0);
      expectIo(refused!, ['disk_full']);
      expectIo(await add(1000), ['disk_full']);
      const verify = await session.call('audit.verify', {});
      expect(verify.ok && verify.value.ok).toBe(true);
      const check = await session.call('case.verifyIntegrity', {});
      expect(check.ok && check.value.ok, JSON.stringify(check)).toBe(true);

      expect((await session.shell('rm', join(disk, 'ballast'))).code).toBe(0);
      const resumed = await add(2000);
      expect(resumed.ok, JSON.stringify(resumed)).toBe(true);
      if (resumed.ok) acked.push(resumed.value.id as string);

      expect(await session.send({ close: true })).toMatchObject({ ok: true });
      // With its WAL, if the closing checkpoint could not finish: the file alone may be mid-update.
      expect((await session.shell('sh', '-c', `cp "${path}"* "${out}"/`)).code).toBe(0);
      session.child.proc.stdin!.end();
      await session.child.exited;

      const copy = openCase(join(out, 'case.evidence'));
      try {
        expect(await healthProblems(copy)).toEqual([]);
        expect(copy.db.prepare('SELECT id FROM evidence').pluck().all()).toEqual(
          expect.arrayContaining(acked),
        );
        expect(copy.db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(acked.length);
      } finally {
        copy.close();
      }
    },
  );
});

describe('the disk turns read-only mid-session: ext4 forced into emergency read-only', () => {
  it.skipIf(!loopExt4)(
    'writes fail as io; every change saved before the fault is on the disk afterwards',
    async () => {
      const image = join(root, 'disk.img');
      execFileSync('truncate', ['-s', '32M', image]);
      execFileSync('mkfs.ext4', ['-q', '-F', image]);
      const mnt = folder('ext4-mount');
      const out = folder('ext4-out');
      const session = await startSession({
        wrap: (argv) => [
          'unshare',
          '-m',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount -o loop,errors=remount-ro "$0" "$1" && shift && exec "$@"',
          image,
          mnt,
          ...argv,
        ],
      });
      const path = join(mnt, 'case.evidence');
      expect(await session.send({ open: path })).toMatchObject({ ok: true });
      const acked: string[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await session.call('claims.create', {
          statement: `Claim ${i} saved before the disk failed`,
        });
        expect(r.ok).toBe(true);
        if (r.ok) acked.push(r.value.id as string);
      }
      const trigger = await session.shell(
        'sh',
        '-c',
        `echo 1 > /sys/fs/ext4/$(basename "$(findmnt -n -o SOURCE "${mnt}")")/trigger_fs_error && grep -q "${mnt} .*\\bro\\b" /proc/mounts`,
      );
      expect(trigger.code, trigger.stderr).toBe(0);

      const reasons: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await session.call('claims.create', { statement: `Claim ${i} after the disk failed` });
        expectIo(r, ['read_only', 'io_error']);
        if (!r.ok) reasons.push(`${r.error.reason}: ${r.error.message.slice(0, 80)}`);
      }
      // The app did not fall over: it still answers.
      expect((await session.call('case.info', {})).ok).toBe(true);
      await session.send({ close: true });

      // Take the disk out, repair it as a user would (fsck), and copy the case off it.
      const copied = await session.shell(
        'sh',
        '-c',
        `umount "${mnt}" && (e2fsck -fy "${image}" >/dev/null; true) && mount -o loop,ro "${image}" "${mnt}" && cp "${mnt}"/case.evidence* "${out}"/ && umount "${mnt}"`,
      );
      expect(copied.code, copied.stderr).toBe(0);
      session.child.proc.stdin!.end();
      await session.child.exited;
      console.info(`read-only disk: refused writes said ${JSON.stringify([...new Set(reasons)])}`);

      const copy = openCase(join(out, 'case.evidence'));
      try {
        expect(await healthProblems(copy)).toEqual([]);
        expect(copy.db.prepare('SELECT id FROM claims').pluck().all()).toEqual(expect.arrayContaining(acked));
        expect(
          copy.db
            .prepare("SELECT count(*) FROM claims WHERE statement LIKE '%after the disk failed'")
            .pluck()
            .get(),
        ).toBe(0);
      } finally {
        copy.close();
      }
    },
  );
});

describe('permissions taken away mid-session', () => {
  it.skipIf(process.getuid?.() !== 0)(
    'an open case keeps working (its files stay open), the next open is refused as read_only',
    async () => {
      // As `nobody`, so that permissions bite. The OS keeps an open file writable after chmod: writes
      // go on and are kept. What a read-only folder stops is new files: a backup, the next open.
      const dir = folder('chmod');
      chownSync(dir, 65534, 65534);
      const path = join(dir, 'case.evidence');
      const session = await startSession({ uid: 65534, gid: 65534 });
      expect(await session.send({ open: path })).toMatchObject({ ok: true });
      expect((await session.call('claims.create', { statement: 'Before the permissions changed' })).ok).toBe(
        true,
      );
      chmodSync(dir, 0o555);
      chmodSync(path, 0o444);
      const during = await session.call('claims.create', { statement: 'After the permissions changed' });
      expect(during.ok).toBe(true);
      const backup = (await session.send({ copy: join(dir, 'copy.evidence') })) as unknown as CallResult;
      expect(backup.ok).toBe(false);
      if (!backup.ok) expect(backup.error.code, backup.error.message).toBe('io');
      await session.send({ close: true });
      const reopen = await session.send({ open: path });
      expect(reopen).toMatchObject({ ok: false, error: { code: 'io', reason: 'read_only' } });
      session.child.proc.stdin!.end();
      await session.child.exited;

      chmodSync(dir, 0o755);
      const copy = join(folder('chmod-out'), 'case.evidence');
      copyFileSync(path, copy);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
      chmodSync(copy, 0o644); // the copy keeps the mode bits
      const file = openCase(copy);
      try {
        expect(await healthProblems(file)).toEqual([]);
        expect(file.db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(2);
      } finally {
        file.close();
      }
    },
  );
});
