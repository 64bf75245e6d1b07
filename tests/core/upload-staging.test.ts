// An upload is staged in SQLite's temporary database before it is recorded. When that space runs
// out (the temporary folder is on a full disk; here the same SQLITE_FULL comes from a page limit
// on the temporary database) the user gets the same clear io/disk_full as for a full case disk,
// not an "internal" error, and the space the refused upload took is given back.
import { randomBytes } from 'node:crypto';
import { addAttachmentFromStream, CHUNK_SIZE } from '../../electron/core/attachments';
import { createClaim } from '../../electron/core/claims';
import { CoreError } from '../../electron/core/errors';
import { createSource } from '../../electron/core/sources';
import { cleanUpAfterEach, newCase } from '../support/temp-case';

cleanUpAfterEach();

async function* chunks(total: number) {
  for (let sent = 0; sent < total; sent += CHUNK_SIZE) yield randomBytes(Math.min(CHUNK_SIZE, total - sent));
}

it('a full staging area is io/disk_full, the staged space is released, and work goes on', async () => {
  const c = newCase();
  const source = createSource(c, { title: 'Leaked contract', kind: 'leak', reliability: 'C' });
  await addAttachmentFromStream(c, { sourceId: source.id, fileName: 'small.bin' }, chunks(1000));
  const pages = () => c.db.pragma('temp.page_count', { simple: true }) as number;
  const before = pages();
  c.db.pragma(`temp.max_page_count = ${before + 64}`);
  let error: unknown;
  try {
    await addAttachmentFromStream(c, { sourceId: source.id, fileName: 'large.bin' }, chunks(6 * 1024 * 1024));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CoreError);
  expect((error as CoreError).code).toBe('io');
  expect((error as CoreError).reason).toBe('disk_full');
  expect((error as CoreError).message).toMatch(/no room/);
  // The refused upload holds no pages of the temporary file, and nothing of it is in the case.
  expect(pages()).toBeLessThanOrEqual(before);
  expect(c.db.prepare("SELECT count(*) FROM attachments WHERE file_name = 'large.bin'").pluck().get()).toBe(
    0,
  );
  expect(createClaim(c, { statement: 'Work goes on after the refused upload' }).statement).toMatch(
    /Work goes on/,
  );
  await addAttachmentFromStream(c, { sourceId: source.id, fileName: 'again.bin' }, chunks(1000));
});
