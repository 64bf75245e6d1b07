// "Remember on this computer": kept only through a real keychain, refused on Linux's plain-text
// backend, and never the only way in (a keychain that changed makes the app ask again).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import {
  canRemember,
  RememberedPassphrases,
  type SafeStorageLike,
} from '../../electron/main/remembered-passphrases';
import { cleanUpAfterEach, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const PASSPHRASE = 'walnut-signal-ember-90-crane';

/** safeStorage as Electron's: AES-GCM under a per-login key, and a backend name on Linux. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike & { newLogin(): void } {
  let key = randomBytes(32);
  return {
    newLogin: () => {
      key = randomBytes(32);
    },
    isEncryptionAvailable: () => backend !== 'none',
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(s, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (b: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('remember on this computer', () => {
  it('keeps the passphrase only as the keychain encrypted it, and recalls it', () => {
    const dir = tempDir();
    const store = new RememberedPassphrases(dir, fakeSafeStorage(), 'linux');
    expect(store.recall('/cases/a.evidence')).toBeNull();
    expect(store.remember('/cases/a.evidence', PASSPHRASE)).toEqual({ ok: true });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('a.evidence');
    expect(readFileSync(`${dir}/${files[0]}`).includes(Buffer.from(PASSPHRASE))).toBe(false);
    expect(store.recall('/cases/a.evidence')).toBe(PASSPHRASE);
    expect(store.recall('/cases/b.evidence')).toBeNull();
    store.forget('/cases/a.evidence');
    expect(store.recall('/cases/a.evidence')).toBeNull();
  });

  it('refuses the Linux plain-text backend and a machine without encryption', () => {
    expect(canRemember(fakeSafeStorage('basic_text'), 'linux')).toBe('plain_text_backend');
    expect(canRemember(fakeSafeStorage('none'), 'darwin')).toBe('no_encryption');
    expect(canRemember(fakeSafeStorage('kwallet5'), 'linux')).toBeNull();
    const dir = tempDir();
    const store = new RememberedPassphrases(dir, fakeSafeStorage('basic_text'), 'linux');
    expect(store.remember('/cases/a.evidence', PASSPHRASE)).toMatchObject({
      ok: false,
      reason: 'plain_text_backend',
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('forgets a passphrase the keychain can no longer decrypt, so the unlock screen asks for it', () => {
    const safe = fakeSafeStorage();
    const store = new RememberedPassphrases(tempDir(), safe, 'linux');
    store.remember('/cases/a.evidence', PASSPHRASE);
    safe.newLogin(); // a new login keyring: another key
    expect(store.recall('/cases/a.evidence')).toBeNull();
    expect(store.isRemembered('/cases/a.evidence')).toBe(false);
  });
});
