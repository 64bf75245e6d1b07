// The key of an encrypted case file. The file is a standard SQLCipher 4 database (through
// SQLite3 Multiple Ciphers, the cipher build of better-sqlite3): AES-256-CBC pages with an
// HMAC-SHA512 each, and the key derived from the passphrase by SQLCipher 4's own KDF,
// PBKDF2-HMAC-SHA512 with 256,000 iterations over the random 16-byte salt that SQLCipher keeps in
// the file's first bytes. So the file alone and its passphrase open it on any machine, with this
// app or with any SQLCipher 4 tool (`PRAGMA key = '<passphrase>'`).
//
// Why not a memory-hard KDF (scrypt, Argon2id): SQLCipher has nowhere outside the encrypted pages
// to keep another KDF's parameters, so they would have to live in a second file beside the case,
// and losing that file would lose the case. The same KDF is computed here, once per unlock, with
// node:crypto; every connection after that is opened with the raw key (`x'…'`), so a case with
// several connections (inspection, work, verify) pays for the derivation once.
import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** SQLCipher 4's defaults (`PRAGMA cipher_default_compatibility = 4`). */
export const SQLCIPHER4 = {
  cipher: 'sqlcipher',
  legacy: 4,
  kdf: 'PBKDF2-HMAC-SHA512',
  iterations: 256_000,
  pageSize: 4096,
  saltBytes: 16,
  keyBytes: 32,
} as const;

/**
 * A derived key and the salt it belongs to. The bytes are kept in a private field so that
 * JSON.stringify, util.inspect and error reporting never see them.
 */
export class CaseKey {
  readonly #key: Buffer;
  readonly #salt: Buffer;

  constructor(key: Buffer, salt: Buffer) {
    if (key.length !== SQLCIPHER4.keyBytes || salt.length !== SQLCIPHER4.saltBytes)
      throw new Error('A case key is 32 bytes with a 16-byte salt.');
    this.#key = Buffer.from(key);
    this.#salt = Buffer.from(salt);
  }

  /** The value of `PRAGMA key`: SQLCipher's raw key with its salt, so no KDF runs again. */
  pragmaValue(): string {
    return `"x'${this.#key.toString('hex')}${this.#salt.toString('hex')}'"`;
  }

  /** Whether this key belongs to a file with `salt` (the file's first 16 bytes). */
  fitsSalt(salt: Buffer): boolean {
    return salt.length === this.#salt.length && timingSafeEqual(salt, this.#salt);
  }

  equals(other: CaseKey): boolean {
    return other.#salt.equals(this.#salt) && timingSafeEqual(other.#key, this.#key);
  }

  /** Overwrites the bytes (after a lock); the object is useless afterwards. */
  wipe(): void {
    this.#key.fill(0);
    this.#salt.fill(0);
  }

  toJSON(): string {
    return '[case key]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'CaseKey [hidden]';
  }
}

const derive = (passphrase: string, salt: Buffer) =>
  pbkdf2Sync(passphrase.normalize('NFC'), salt, SQLCIPHER4.iterations, SQLCIPHER4.keyBytes, 'sha512');

/** The key for a file with this salt (blocking: about 0.2 s here). */
export function deriveCaseKey(passphrase: string, salt: Buffer): CaseKey {
  return new CaseKey(derive(passphrase, salt), salt);
}

/** The same off the main thread (libuv's pool), for the app's unlock screen and the host. */
export function deriveCaseKeyAsync(passphrase: string, salt: Buffer): Promise<CaseKey> {
  return new Promise((resolve, reject) => {
    pbkdf2(
      passphrase.normalize('NFC'),
      salt,
      SQLCIPHER4.iterations,
      SQLCIPHER4.keyBytes,
      'sha512',
      (e, key) => (e ? reject(e) : resolve(new CaseKey(key, salt))),
    );
  });
}

/** A key for a new file, with a fresh random salt. */
export function newCaseKey(passphrase: string): CaseKey {
  return deriveCaseKey(passphrase, randomBytes(SQLCIPHER4.saltBytes));
}

/** The first 16 bytes of an encrypted file: SQLCipher's salt, stored in the clear. */
export function readSalt(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const salt = Buffer.alloc(SQLCIPHER4.saltBytes);
    const read = readSync(fd, salt, 0, salt.length, 0);
    return salt.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Keys a fresh connection as SQLCipher 4; must come before anything reads the file. */
export function applyCaseKey(db: Database.Database, key: CaseKey): void {
  db.pragma(`cipher = '${SQLCIPHER4.cipher}'`);
  db.pragma(`legacy = ${SQLCIPHER4.legacy}`);
  db.pragma(`key = ${key.pragmaValue()}`);
}

/** Re-keys an open connection (the file must not be in WAL mode while it runs). */
export function rekeyPragma(db: Database.Database, key: CaseKey): void {
  db.pragma(`rekey = ${key.pragmaValue()}`);
}

/**
 * The other schemes SQLite3 Multiple Ciphers reads, tried with the user's passphrase only after
 * SQLCipher 4 failed: to tell "wrong passphrase" from "a file encrypted by another program".
 */
export const OTHER_CIPHERS: { label: string; pragmas: string[] }[] = [
  { label: 'SQLCipher 3', pragmas: ["cipher = 'sqlcipher'", 'legacy = 3'] },
  { label: 'SQLCipher 2', pragmas: ["cipher = 'sqlcipher'", 'legacy = 2'] },
  { label: 'SQLCipher 1', pragmas: ["cipher = 'sqlcipher'", 'legacy = 1'] },
  { label: 'sqleet (ChaCha20-Poly1305)', pragmas: ["cipher = 'chacha20'"] },
  { label: 'wxSQLite3 AES-256', pragmas: ["cipher = 'aes256cbc'"] },
  { label: 'wxSQLite3 AES-128', pragmas: ["cipher = 'aes128cbc'"] },
  { label: 'Ascon-128', pragmas: ["cipher = 'ascon128'"] },
  { label: 'AEGIS', pragmas: ["cipher = 'aegis'"] },
  { label: 'System.Data.SQLite RC4', pragmas: ["cipher = 'rc4'"] },
];

/** SQL string literal of a passphrase for `PRAGMA key` (only for probing other ciphers). */
export const quotedPassphrase = (passphrase: string) => `'${passphrase.replace(/'/g, "''")}'`;
