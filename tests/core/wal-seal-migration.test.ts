// Migration 0004 (the seal) on a case made by the previous version (schema 3): the seal starts
// at the case's audit head, so the first log written after the upgrade is known to continue it,
// and an older log of the same case is told apart.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { auditHead } from '../../electron/core/audit';
import { createClaim } from '../../electron/core/claims';
import { openCase } from '../../electron/core/db';
import { defaultMigrationsDir } from '../../electron/core/migrations';
import { inspectSidecars } from '../../electron/core/sidecars';
import { sealInPage } from '../../electron/core/wal-seal';
import { cleanUpAfterEach, tempDir } from '../support/temp-case';

cleanUpAfterEach();

function previousVersionFolder(): string {
  const dir = tempDir('corroborate-migrations-v3-');
  for (const f of readdirSync(defaultMigrationsDir()).filter((n) => /^000[1-3]_.*\.sql$/.test(n)))
    copyFileSync(join(defaultMigrationsDir(), f), join(dir, f));
  return dir;
}

it('upgrades a schema 3 case: the seal holds its head, and logs after the upgrade are judged by it', () => {
  const root = tempDir('corroborate-seal-');
  const path = join(root, 'x.evidence');
  const v3 = openCase(path, { create: true, actor: 'tester', migrationsDir: previousVersionFolder() });
  expect(v3.schemaVersion).toBe(3);
  for (let i = 0; i < 7; i++) createClaim(v3, { statement: `Made by the previous version ${i}` });
  const head3 = auditHead(v3.db);
  v3.close();

  const c = openCase(path, { actor: 'tester' });
  expect(c.schemaVersion).toBe(4);
  expect(existsSync(`${path}.v3.bak`)).toBe(true);
  const seal = sealInPage(
    Buffer.from(c.db.prepare('SELECT seal FROM wal_seal').pluck().get() as string, 'latin1'),
  );
  expect(seal).toEqual({ caseId: c.meta.caseId, base: head3, head: head3 });

  // Work after the upgrade, as a crash would leave it: the log belongs.
  for (let i = 0; i < 5; i++) createClaim(c, { statement: `After the upgrade ${i}` });
  const crash = join(root, 'crash');
  mkdirSync(crash);
  for (const s of ['', '-wal', '-shm']) copyFileSync(`${path}${s}`, join(crash, `x.evidence${s}`));
  const report = inspectSidecars(join(crash, 'x.evidence'));
  expect(report.belongs).toBe(true);
  expect(report.headWithout).toEqual(head3);
  expect(report.headWith).toEqual(auditHead(c.db));
  c.close();

  // That same log beside the case once its work is checkpointed and more done: older, refused.
  const later = openCase(path, { actor: 'tester' });
  createClaim(later, { statement: 'Even later' });
  later.close();
  copyFileSync(join(crash, 'x.evidence-wal'), `${path}-wal`);
  expect(inspectSidecars(path).problem?.reason).toBe('wal_older');
});
