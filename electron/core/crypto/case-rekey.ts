// "Encrypt this case" and "Change passphrase".
//
// Encrypting writes a new, encrypted file beside the plain one and proves it whole (SQLite's
// check, the audit chain, every attachment's bytes) before anyone switches to it; the plain file
// is left where it was, for the user to delete, because only they can decide when they no longer
// need it, and because deleting a file on an SSD (or a journaling or copy-on-write file system)
// does not guarantee its blocks are erased. Changing the passphrase re-keys the file in place and
// records that it happened, never what it was or became.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { appendEvent, verifyChain } from '../audit';
import { backupTo, type CaseFile, openCase } from '../db';
import { CoreError } from '../errors';
import { runIntegrity } from '../integrity/run-integrity';
import {
  applyCaseKey,
  type CaseKey,
  deriveCaseKey,
  newCaseKey,
  readSalt,
  rekeyPragma,
  SQLCIPHER4,
} from './case-key';

export interface EncryptedCopy {
  /** The new encrypted case file, verified. */
  path: string;
  /** The plain file, untouched. */
  plainPath: string;
  /** What to tell the user about the plain file. */
  notice: string;
}

const required = (field: string) =>
  new CoreError('invalid_input', `Invalid input: ${field} is required`, { [field]: 'is required' });

/** Re-keys a plain database file (not in WAL mode) to SQLCipher 4 under `key`, in place. */
function encryptInPlace(path: string, key: CaseKey, nativeBinding?: string): void {
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    // No rollback journal: it would hold plain pages. A crash leaves a half-encrypted temporary
    // file, which is never the case itself and is removed by the next attempt.
    db.pragma('journal_mode = OFF');
    db.pragma(`cipher = '${SQLCIPHER4.cipher}'`);
    db.pragma(`legacy = ${SQLCIPHER4.legacy}`);
    rekeyPragma(db, key);
  } finally {
    db.close();
  }
}

/**
 * Writes an encrypted copy of the plain case `c` to `target`, verifies it, and returns where it
 * is. `c` stays open and unchanged except for the audited event saying the copy was made.
 */
export async function encryptCopy(
  c: CaseFile,
  target: string,
  passphrase: string,
  options: { nativeBinding?: string } = {},
): Promise<EncryptedCopy> {
  if (c.encrypted)
    throw new CoreError('conflict', `${basename(c.path)} is already encrypted.`, undefined, 'encrypted');
  if (passphrase.length === 0) throw required('passphrase');
  if (existsSync(target))
    throw new CoreError('conflict', `${basename(target)} already exists; choose another name.`, {
      target: 'already exists',
    });
  const temp = `${target}.encrypting`;
  for (const f of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(f, { force: true });
  const key = newCaseKey(passphrase);
  try {
    backupTo(c.db, temp);
    encryptInPlace(temp, key, options.nativeBinding);
    const copy = openCase(temp, {
      key,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      const report = await runIntegrity(copy, {});
      if (!report.ok)
        throw new CoreError(
          'integrity',
          `The encrypted copy did not verify (${report.text.split('\n').find((l) => /fail/i.test(l)) ?? 'see the integrity report'}); it was removed and the plain case is unchanged.`,
          undefined,
          'encrypt_failed',
        );
    } finally {
      copy.close();
    }
    renameSync(temp, target);
  } catch (error) {
    for (const f of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(f, { force: true });
    throw error;
  } finally {
    key.wipe();
  }
  c.write(() =>
    appendEvent(c.db, {
      actor: c.meta.actor,
      replica: c.meta.replica,
      action: 'export',
      entity: 'case',
      entityId: c.meta.caseId,
      payload: { format: 'encrypted-copy', fileName: basename(target), cipher: 'SQLCipher 4' },
    }),
  );
  return {
    path: target,
    plainPath: c.path,
    notice: `The encrypted copy is ${basename(target)}; work in it from now on. The unencrypted file ${basename(c.path)} is still where it was, unchanged: delete it yourself when you no longer need it, and empty the bin. On an SSD, a flash drive or a copy-on-write file system, deleting a file does not guarantee that its contents are erased from the disk: if it held sensitive material, treat the disk as holding it.`,
  };
}

/**
 * Re-keys an open encrypted case to a new passphrase (the salt stays: it is not secret). Checks
 * the current passphrase first. Audited: the event says the passphrase changed, nothing more.
 */
export function changePassphrase(c: CaseFile, current: string, next: string): void {
  const old = c.key;
  if (!old)
    throw new CoreError(
      'conflict',
      `${basename(c.path)} is not encrypted; encrypt it first.`,
      undefined,
      'not_encrypted',
    );
  if (next.length === 0) throw required('newPassphrase');
  const salt = readSalt(c.path);
  if (!deriveCaseKey(current, salt).equals(old))
    throw new CoreError(
      'invalid_input',
      'The current passphrase is not right; the passphrase was not changed.',
      { currentPassphrase: 'is not the passphrase of this case' },
      'wrong_passphrase',
    );
  const key = deriveCaseKey(next, salt);
  // SQLite3 Multiple Ciphers re-keys only outside WAL mode: fold the WAL in, re-key, go back.
  c.db.pragma('wal_checkpoint(TRUNCATE)');
  c.db.pragma('journal_mode = DELETE');
  try {
    rekeyPragma(c.db, key);
  } finally {
    c.db.pragma('journal_mode = WAL');
  }
  c.replaceKey(key);
  // The proof that the new key reads the file, before telling the user it worked.
  const probe = new Database(c.path, { readonly: true });
  try {
    applyCaseKey(probe, key);
    if (!verifyChain(probe).ok) throw new Error('the re-keyed audit chain does not verify');
  } finally {
    probe.close();
  }
  c.write(() =>
    appendEvent(c.db, {
      actor: c.meta.actor,
      replica: c.meta.replica,
      action: 'set',
      entity: 'case',
      entityId: c.meta.caseId,
      payload: { passphrase: 'changed' },
    }),
  );
}
