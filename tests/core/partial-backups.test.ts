// A kill during the backup taken before a migration leaves `<case>.v<N>.bak.<random>.partial`
// (and SQLite's journal of it): a full copy of the case nobody will restore from. The next open
// removes what is ours, says so, and leaves anything else alone.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBackups } from '../../electron/core/backups';
import { cleanUpAfterEach, newCase, reopenCase } from '../support/temp-case';

cleanUpAfterEach();

it('removes an interrupted backup and its journal on the next open, and says so', () => {
  const c = newCase({}, 'x.evidence');
  const path = c.path;
  c.close();
  const partial = `${path}.v3.bak.0a1b2c3d.partial`;
  writeFileSync(partial, Buffer.alloc(3 * 1024 * 1024, 1));
  writeFileSync(`${partial}-journal`, Buffer.alloc(512, 2));
  // Not ours: no random part, or another case's name.
  const foreign = [`${path}.v3.bak.partial`, join(path, '..', 'y.evidence.v3.bak.0a1b2c3d.partial')];
  for (const f of foreign) writeFileSync(f, 'keep me');
  const again = reopenCase(path);
  expect(existsSync(partial)).toBe(false);
  expect(existsSync(`${partial}-journal`)).toBe(false);
  for (const f of foreign) expect(existsSync(f)).toBe(true);
  expect(again.notices).toHaveLength(2);
  expect(again.notices[0]).toContain('x.evidence.v3.bak.0a1b2c3d.partial (3.0 MB)');
  expect(again.notices.join(' ')).toMatch(/interrupted upgrade was removed/);
  expect(findBackups(path)).toEqual([]);
});
