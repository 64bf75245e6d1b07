// Locking through the contract: a locked case answers nothing but its session, a wrong passphrase
// changes no byte however often it is tried, and the passphrase can be changed and then used.
import { createApi } from '../../electron/api/create-api';
import { cleanUpAfterEach, fileHash, newApi } from '../support/temp-case';

cleanUpAfterEach();

const PASSPHRASE = 'glacier-pencil-mosaic-73-fern';
const NEXT = 'otter-lantern-basil-12-quay';

async function encrypted() {
  const api = newApi({ passphrase: PASSPHRASE, name: 'Locked case' });
  const created = await api.call('claims.create', { statement: 'The contract was signed in 2019' });
  expect(created.ok).toBe(true);
  return api;
}

// Every unlock runs the KDF, and each wrong one also tries the other ciphers': slow on a busy machine.
describe('session.lock and session.unlock', { timeout: 120_000 }, () => {
  it('refuses every call while locked, saying so, and answers again once unlocked', async () => {
    const api = await encrypted();
    const path = api.file.path;
    expect(await api.call('session.lock', {})).toEqual({
      ok: true,
      value: { locked: true, encrypted: true, fileName: 'test.evidence' },
    });
    const refused = await api.call('claims.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'locked' } });
    expect(JSON.stringify(refused)).not.toContain('2019');
    expect(api.locked).toBe(true);
    expect(await api.call('session.state', {})).toMatchObject({ ok: true, value: { locked: true } });

    const before = [fileHash(path), fileHash(`${path}-wal`)];
    for (let i = 0; i < 5; i++) {
      const wrong = await api.call('session.unlock', { passphrase: `guess ${i}` });
      expect(wrong).toMatchObject({
        ok: false,
        error: { reason: 'wrong_passphrase', fields: { passphrase: expect.any(String) } },
      });
      expect(JSON.stringify(wrong)).not.toContain(`guess ${i}`);
      expect([fileHash(path), fileHash(`${path}-wal`)]).toEqual(before);
    }
    expect(await api.call('session.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    const list = await api.call('claims.list', {});
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('opens an encrypted case given without its passphrase as locked, for the unlock screen', async () => {
    const first = await encrypted();
    const path = first.file.path;
    first.close();
    const api = createApi(path);
    try {
      expect(await api.call('session.state', {})).toEqual({
        ok: true,
        value: { locked: true, encrypted: true, fileName: 'test.evidence' },
      });
      expect(await api.call('case.info', {})).toMatchObject({ ok: false, error: { reason: 'locked' } });
      expect(await api.call('session.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
      expect(await api.call('claims.list', {})).toMatchObject({ ok: true, value: { total: 1 } });
    } finally {
      api.close();
    }
  });

  it('will not lock a plain case, which a lock would not protect', async () => {
    const api = newApi();
    expect(await api.call('session.lock', {})).toMatchObject({
      ok: false,
      error: { reason: 'not_encrypted' },
    });
    expect(await api.call('session.state', {})).toMatchObject({
      ok: true,
      value: { locked: false, encrypted: false },
    });
  });
});

describe('case.changePassphrase', { timeout: 120_000 }, () => {
  it('re-keys the case: the new passphrase unlocks it, the old no longer does, and no secret is in its history', async () => {
    const api = await encrypted();
    const wrong = await api.call('case.changePassphrase', { currentPassphrase: 'nope', newPassphrase: NEXT });
    expect(wrong).toMatchObject({ ok: false, error: { fields: { currentPassphrase: expect.any(String) } } });
    expect(
      await api.call('case.changePassphrase', { currentPassphrase: PASSPHRASE, newPassphrase: NEXT }),
    ).toEqual({
      ok: true,
      value: { changed: true },
    });
    const history = await api.call('audit.list', { limit: 100 });
    expect(JSON.stringify(history)).not.toContain(PASSPHRASE);
    expect(JSON.stringify(history)).not.toContain(NEXT);
    await api.call('session.lock', {});
    expect(await api.call('session.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false });
    expect(await api.call('session.unlock', { passphrase: NEXT })).toMatchObject({ ok: true });
  });
});
