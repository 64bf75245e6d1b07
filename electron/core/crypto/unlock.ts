// Unlocking an encrypted case file for inspection, with a distinct, plain reason for every way it
// can fail: a wrong passphrase, a file cut short, a file encrypted by another program, a plain file
// given a passphrase and an encrypted file given none. Only read-only connections touch the file,
// so a refusal (and five of them in a row) leaves every byte as it was.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { CoreError } from '../errors';
import {
  applyCaseKey,
  CaseKey,
  deriveCaseKey,
  OTHER_CIPHERS,
  quotedPassphrase,
  readSalt,
  SQLCIPHER4,
} from './case-key';

const SQLITE_MAGIC = 'SQLite format 3\0';

/** What the caller gave to open a case: a passphrase, or a key derived at an earlier unlock. */
export interface UnlockWith {
  passphrase?: string | undefined;
  key?: CaseKey | undefined;
}

export const hasSecret = (w: UnlockWith) => w.key !== undefined || w.passphrase !== undefined;

/** Whether a header is that of a plain SQLite file; anything else may be an encrypted case. */
export const isPlainHeader = (header: Buffer) =>
  header.length >= 16 && header.subarray(0, 16).toString('latin1') === SQLITE_MAGIC;

/**
 * What an encrypted case looks like from outside: whole 4 KiB pages of what reads as noise. A
 * text file or a short fragment is refused as "not a case file" instead.
 */
export function looksEncrypted(path: string, header: Buffer): boolean {
  if (isPlainHeader(header) || keepsPlainStructure(header)) return false;
  const size = statSync(path).size;
  return size >= SQLCIPHER4.pageSize && size % SQLCIPHER4.pageSize === 0 && !isMostlyText(header);
}

/**
 * A plain database whose first line was damaged (a flipped byte in "SQLite format 3"): most of
 * those 16 bytes still read as the magic. An encrypted file's first 16 bytes are a random salt or
 * ciphertext (another program's cipher may keep bytes 16-23 in the clear, so those prove nothing).
 */
function keepsPlainStructure(header: Buffer): boolean {
  if (header.length < 16) return false;
  let same = 0;
  for (let i = 0; i < 16; i++) if (header[i] === SQLITE_MAGIC.charCodeAt(i)) same++;
  return same >= 12;
}

function isMostlyText(header: Buffer): boolean {
  let printable = 0;
  for (const b of header) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  return header.length > 0 && printable / header.length > 0.9;
}

export const passphraseNeeded = (path: string) =>
  new CoreError(
    'invalid_input',
    `${basename(path)} is encrypted: enter its passphrase to open it.`,
    { passphrase: 'is required: this case file is encrypted' },
    'passphrase_needed',
  );

export const notEncrypted = (path: string) =>
  new CoreError(
    'invalid_input',
    `${basename(path)} is not encrypted: it opens without a passphrase. Open it without one (and use "Encrypt this case" to protect it).`,
    { passphrase: 'was given, but this case file is not encrypted' },
    'not_encrypted',
  );

const wrongPassphrase = (path: string) =>
  new CoreError(
    'invalid_input',
    `That passphrase does not open ${basename(path)}. Check it (and the keyboard layout) and try again; nothing in the file was changed. If you are sure of it, the file's first page may be damaged: open its newest backup instead.`,
    { passphrase: 'does not open this case file' },
    'wrong_passphrase',
  );

const truncated = (path: string, detail: string) =>
  new CoreError(
    'integrity',
    `${basename(path)} is cut short (${detail}): part of the encrypted case is missing. It was not opened and nothing in it was changed; open its newest backup instead.`,
    undefined,
    'truncated',
  );

const otherCipher = (path: string, label: string) =>
  new CoreError(
    'integrity',
    `${basename(path)} is a database encrypted with ${label}, not a Corroborate case (Corroborate uses SQLCipher 4). It was not opened and nothing in it was changed.`,
    undefined,
    'other_cipher',
  );

/** Refuses a file too short, or not in whole pages, to be an encrypted case; before any KDF runs. */
export function assertWholePages(path: string): void {
  const size = statSync(path).size;
  if (size < SQLCIPHER4.pageSize || size % SQLCIPHER4.pageSize !== 0)
    throw truncated(path, `${size} bytes, not a whole number of ${SQLCIPHER4.pageSize}-byte pages`);
}

/** The key for this file: the one given (if it belongs to the file's salt) or derived from the passphrase. */
export function keyFor(path: string, w: UnlockWith): CaseKey {
  const salt = readSalt(path);
  if (w.key) {
    if (!w.key.fitsSalt(salt)) throw wrongPassphrase(path);
    return w.key;
  }
  return deriveCaseKey(w.passphrase ?? '', salt);
}

/** Whether the keyed connection can read the file; SQLITE_NOTADB means the key is wrong. */
function canRead(db: Database.Database): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw error;
  }
}

/**
 * Keys `ro` (a fresh read-only connection) and proves the key reads the file, or throws the
 * reason it does not. A file that holds fewer pages than its (decrypted) header counts is
 * refused as cut short, unless a WAL beside it holds the rest.
 */
export function unlockForInspection(
  ro: Database.Database,
  path: string,
  key: CaseKey,
  w: UnlockWith,
  nativeBinding?: string,
): void {
  applyCaseKey(ro, key);
  // page_count reads page 1 alone: a wrong key fails there, before any other page is read.
  const pages = pageCount(ro);
  if (pages === null) {
    if (w.passphrase !== undefined) {
      const other = otherCipherOf(path, w.passphrase, nativeBinding);
      if (other) throw otherCipher(path, other);
    }
    throw wrongPassphrase(path);
  }
  const size = statSync(path).size;
  const walSize = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  const held = size / SQLCIPHER4.pageSize;
  // SQLite answers "malformed" when page 1, decrypted and authenticated, counts more pages than
  // the file holds: with no WAL to hold the rest, the file was cut short.
  if (pages === 'short' && walSize === 0) throw truncated(path, `it holds ${held} pages, fewer than it had`);
  if (pages === 'short') throw damagedFile(path);
  if (walSize === 0 && pages * SQLCIPHER4.pageSize > size)
    throw truncated(path, `its header counts ${pages} pages, it holds ${held}`);
}

function pageCount(db: Database.Database): number | 'short' | null {
  try {
    return db.pragma('page_count', { simple: true }) as number;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') return null;
    if (code === 'SQLITE_CORRUPT') return 'short';
    throw error;
  }
}

const damagedFile = (path: string) =>
  new CoreError(
    'integrity',
    `${basename(path)} is damaged: its first page counts more pages than it holds. It was not opened and nothing in it was changed; open its newest backup instead.`,
    undefined,
    'corrupt',
  );

/** The label of another scheme that opens the file with this passphrase, if one does. */
function otherCipherOf(path: string, passphrase: string, nativeBinding?: string): string | null {
  for (const scheme of OTHER_CIPHERS) {
    const db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    try {
      for (const p of scheme.pragmas) db.pragma(p);
      db.pragma(`key = ${quotedPassphrase(passphrase)}`);
      if (canRead(db)) return scheme.label;
    } catch {
      // this scheme cannot read it either
    } finally {
      db.close();
    }
  }
  return null;
}

export { CaseKey };
