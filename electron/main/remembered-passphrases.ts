// "Remember on this computer" (off by default): the case's passphrase kept encrypted by the OS
// keychain through Electron's safeStorage, in the app's data folder. Refused where Electron would
// only obfuscate it (Linux's plain-text backend) or has no encryption at all. Never the only way
// in: Signal Desktop's users lost data when their keychain changed, so a remembered passphrase
// that no longer decrypts is forgotten and the unlock screen asks for it, which always works.
// The safeStorage object is passed in (index.ts gives Electron's; the tests a fake).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron; elsewhere absent or 'unknown'. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Backends that do not protect what they store (Electron's `basic_text` is a fixed key). */
const UNSAFE_BACKENDS = new Set(['basic_text']);

export type RememberRefusal = 'no_encryption' | 'plain_text_backend';

export function canRemember(safe: SafeStorageLike, platform = process.platform): RememberRefusal | null {
  if (!safe.isEncryptionAvailable()) return 'no_encryption';
  if (platform === 'linux' && UNSAFE_BACKENDS.has(safe.getSelectedStorageBackend?.() ?? 'unknown'))
    return 'plain_text_backend';
  return null;
}

export const refusalMessage: Record<RememberRefusal, string> = {
  no_encryption:
    'This computer offers no keychain to Corroborate, so the passphrase cannot be remembered safely. Enter it each time.',
  plain_text_backend:
    'On this computer the keychain would keep the passphrase as plain text (no Secret Service or KWallet is running), so it is not remembered. Enter it each time.',
};

export class RememberedPassphrases {
  constructor(
    private readonly dir: string,
    private readonly safe: SafeStorageLike,
    private readonly platform = process.platform,
  ) {}

  /** One file per case path, named by its hash: the folder does not list which cases exist. */
  private fileFor(casePath: string): string {
    const id = createHash('sha256').update(path.resolve(casePath)).digest('hex').slice(0, 32);
    return path.join(this.dir, `${id}.bin`);
  }

  remember(
    casePath: string,
    passphrase: string,
  ): { ok: true } | { ok: false; reason: RememberRefusal; message: string } {
    const refusal = canRemember(this.safe, this.platform);
    if (refusal) return { ok: false, reason: refusal, message: refusalMessage[refusal] };
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileFor(casePath);
    writeFileSync(`${file}.tmp`, this.safe.encryptString(passphrase), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    return { ok: true };
  }

  /** The remembered passphrase, or null (never remembered, refused now, or the keychain changed). */
  recall(casePath: string): string | null {
    const file = this.fileFor(casePath);
    if (!existsSync(file) || canRemember(this.safe, this.platform)) return null;
    try {
      return this.safe.decryptString(readFileSync(file));
    } catch {
      // The keychain changed (new login, reinstalled OS): forget it; the passphrase still works.
      this.forget(casePath);
      return null;
    }
  }

  isRemembered(casePath: string): boolean {
    return existsSync(this.fileFor(casePath));
  }

  forget(casePath: string): void {
    rmSync(this.fileFor(casePath), { force: true });
  }
}
