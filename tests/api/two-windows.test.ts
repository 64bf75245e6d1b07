// Two windows (or the app and the host) on one case file. While one holds the write lock, the
// other must go on answering (its event loop free), finish its write once the lock is released,
// and, if the lock is held too long, be told plainly that another window holds the case.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createApi } from '../../electron/api/create-api';
import { cleanUpAfterEach, tempDir } from '../support/temp-case';

cleanUpAfterEach();

function twoWindows(busyWaitMs?: number) {
  const path = join(tempDir(), 'shared.evidence');
  const first = createApi(path, { create: true, actor: 'first' });
  const second = createApi(path, { actor: 'second', ...(busyWaitMs ? { busyWaitMs } : {}) });
  // The other window, in the middle of a write.
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  return { first, second, other };
}

it('a write waiting for another window does not freeze the window, and lands once the lock is free', async () => {
  const { first, second, other } = twoWindows();
  try {
    let settled = false;
    const write = second
      .call('claims.create', { statement: 'Written while the other window saved' })
      .then((r) => {
        settled = true;
        return r;
      });
    const info = await second.call('case.info', {});
    expect(info.ok).toBe(true);
    // Answered while the write still waits: the lock is still held.
    expect(settled).toBe(false);
    other.exec('COMMIT');
    const result = await write;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const list = await first.call('claims.list', {});
    expect(JSON.stringify(list)).toContain('Written while the other window saved');
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    second.close();
    first.close();
  }
});

it('held too long: the write is refused, saying another window holds the case, and nothing is written', async () => {
  const { first, second, other } = twoWindows(300);
  try {
    const before = await second.call('case.info', {});
    const result = await second.call('claims.create', { statement: 'Never saved' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('io');
    expect(result.error.reason).toBe('busy');
    expect(result.error.message).toMatch(/Another window or program has this case open/);
    other.exec('ROLLBACK');
    const after = await second.call('case.info', {});
    const head = (r: typeof after) => (r.ok ? (r.value as { auditHead: unknown }).auditHead : null);
    expect(head(after)).toEqual(head(before));
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    second.close();
    first.close();
  }
});
