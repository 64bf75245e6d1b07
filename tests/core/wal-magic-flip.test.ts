// A single flipped bit turns the WAL's little-endian magic (0x377f0682) into the big-endian one
// (…83): SQLite then reads the checksums in the wrong byte order and ignores the whole log,
// dropping saved work without a word. The open must refuse it instead (found by the damaged-files
// trials, which hit that one bit about once in 256 header flips).
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClaim } from '../../electron/core/claims';
import { openCase } from '../../electron/core/db';
import { cleanUpAfterEach, coreError, newCase, tempDir } from '../support/temp-case';

cleanUpAfterEach();

it('refuses a WAL whose magic says the other byte order, keeping the saved work', () => {
  const c = newCase();
  c.db.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < 5; i++) createClaim(c, { statement: `Saved claim ${i}` });
  const dir = tempDir();
  const path = join(dir, 'x.evidence');
  copyFileSync(c.path, path);
  const wal = readFileSync(`${c.path}-wal`);
  c.db.close();
  const flipped = Buffer.from(wal);
  flipped[3]! ^= 1;
  writeFileSync(`${path}-wal`, flipped);
  expect(coreError(() => openCase(path), 'integrity').reason).toBe('wal_damaged');
  // With the WAL as written, all five are there.
  rmSync(`${path}-shm`, { force: true });
  writeFileSync(`${path}-wal`, wal);
  const ok = openCase(path);
  expect(ok.db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(5);
  ok.close();
});
