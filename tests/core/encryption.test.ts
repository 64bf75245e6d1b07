// Encryption at rest: a case made with a passphrase is a standard SQLCipher 4 file, every way an
// open can fail is told apart, and a refused open leaves every byte as it was.

import { pbkdf2Sync } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import Database from 'better-sqlite3';
import { createClaim } from '../../electron/core/claims';
import { deriveCaseKey, readSalt } from '../../electron/core/crypto/case-key';
import { backupTo, openCase } from '../../electron/core/db';
import { runExport, runReport } from '../../electron/core/exchange/export';
import { createSource } from '../../electron/core/sources';
import { cleanUpAfterEach, coreError, fileHash, newCase, reopenCase, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const PASSPHRASE = 'hazel-orbit-quietly-7-lantern';

function encryptedCase(): string {
  const file = newCase({ passphrase: PASSPHRASE, name: 'Border crossing' });
  createSource(file, { title: 'Customs officer interview', kind: 'interview', reliability: 'B' });
  const path = file.path;
  file.close();
  return path;
}

const hashes = (path: string) => [fileHash(path), fileHash(`${path}-wal`), fileHash(`${path}-shm`)];

// Every open of an encrypted case runs the KDF (a quarter of a second, far more on a busy machine).
describe('encrypted case files', { timeout: 120_000 }, () => {
  it('writes no plain SQLite header and no readable record, and reopens with the passphrase', () => {
    const path = encryptedCase();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('Customs officer interview'))).toBe(false);
    const file = reopenCase(path, { passphrase: PASSPHRASE });
    expect(file.encrypted).toBe(true);
    expect(file.meta.name).toBe('Border crossing');
    expect(file.db.prepare('SELECT title FROM sources').pluck().all()).toEqual(['Customs officer interview']);
  });

  it('is a standard SQLCipher 4 file: the passphrase opens it through SQLCipher’s own KDF', () => {
    const path = encryptedCase();
    const raw = new Database(path, { readonly: true });
    try {
      raw.pragma("cipher = 'sqlcipher'");
      raw.pragma('legacy = 4');
      raw.pragma(`key = '${PASSPHRASE}'`);
      expect(raw.prepare('SELECT title FROM sources').pluck().get()).toBe('Customs officer interview');
    } finally {
      raw.close();
    }
  });

  it('opens with the key of an earlier unlock, and keeps it out of JSON, inspection and messages', () => {
    const path = encryptedCase();
    const key = deriveCaseKey(PASSPHRASE, readSalt(path));
    const file = reopenCase(path, { key });
    expect(file.encrypted).toBe(true);
    expect(JSON.stringify({ key })).not.toMatch(/[0-9a-f]{32}/);
    expect(inspect(file, { depth: 5 })).not.toMatch(/[0-9a-f]{64}/);
    expect(inspect(key)).toBe('CaseKey [hidden]');
  });

  it('sets secure_delete and keeps temporary data in memory', () => {
    const file = newCase({ passphrase: PASSPHRASE });
    expect(file.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(file.db.pragma('temp_store', { simple: true })).toBe(2);
    expect(file.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a wrong passphrase plainly, five times over, changing no byte', { timeout: 120_000 }, () => {
    const path = encryptedCase();
    const before = hashes(path);
    for (let i = 0; i < 5; i++) {
      const error = coreError(() => openCase(path, { passphrase: `wrong ${i}` }), 'invalid_input');
      expect(error.reason).toBe('wrong_passphrase');
      expect(error.fields).toHaveProperty('passphrase');
      expect(error.message).toContain('passphrase does not open');
      expect(error.message).not.toContain(`wrong ${i}`);
      expect(hashes(path)).toEqual(before);
    }
    expect(reopenCase(path, { passphrase: PASSPHRASE }).meta.name).toBe('Border crossing');
  });

  it('asks for the passphrase when an encrypted case is opened without one', () => {
    const path = encryptedCase();
    const before = hashes(path);
    const error = coreError(() => openCase(path), 'invalid_input');
    expect(error.reason).toBe('passphrase_needed');
    expect(error.message).toContain('is encrypted');
    expect(hashes(path)).toEqual(before);
  });

  it('says a plain case is not encrypted when it is given a passphrase', () => {
    const plain = newCase({}, 'plain.evidence');
    const path = plain.path;
    plain.close();
    const before = hashes(path);
    const error = coreError(() => openCase(path, { passphrase: PASSPHRASE }), 'invalid_input');
    expect(error.reason).toBe('not_encrypted');
    expect(error.message).toContain('is not encrypted');
    expect(hashes(path)).toEqual(before);
  });

  it.each([
    ['in the middle of a page', (size: number) => size - 1000],
    ['at a page boundary', (size: number) => size - 4096 * 2],
  ])('says a file cut short %s is cut short', (_label, cut) => {
    const path = encryptedCase();
    const size = readFileSync(path).length;
    truncateSync(path, cut(size));
    const before = hashes(path);
    const error = coreError(() => openCase(path, { passphrase: PASSPHRASE }), 'integrity');
    expect(error.reason).toBe('truncated');
    expect(error.message).toContain('cut short');
    expect(hashes(path)).toEqual(before);
  });

  it('names another program’s cipher when the passphrase opens it with that cipher', () => {
    const path = join(tempDir(), 'sqleet.evidence');
    const other = new Database(path);
    other.pragma("cipher = 'chacha20'");
    other.pragma(`key = '${PASSPHRASE}'`);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('elsewhere')");
    other.close();
    const before = hashes(path);
    const error = coreError(() => openCase(path, { passphrase: PASSPHRASE }), 'integrity');
    expect(error.reason).toBe('other_cipher');
    expect(error.message).toContain('ChaCha20');
    expect(hashes(path)).toEqual(before);
  });

  it('tells the five failures apart', { timeout: 120_000 }, () => {
    const reasons = new Set<string | undefined>();
    const enc = encryptedCase();
    reasons.add(coreError(() => openCase(enc, { passphrase: 'nope' })).reason);
    reasons.add(coreError(() => openCase(enc)).reason);
    const plain = newCase({}, 'plain.evidence');
    reasons.add(coreError(() => openCase(plain.path, { passphrase: PASSPHRASE })).reason);
    const cut = join(tempDir(), 'cut.evidence');
    writeFileSync(cut, readFileSync(enc).subarray(0, 5000));
    reasons.add(coreError(() => openCase(cut, { passphrase: PASSPHRASE })).reason);
    const other = join(tempDir(), 'other.evidence');
    const db = new Database(other);
    db.pragma("cipher = 'aes256cbc'");
    db.pragma(`key = '${PASSPHRASE}'`);
    db.exec('CREATE TABLE t (x)');
    db.close();
    reasons.add(coreError(() => openCase(other, { passphrase: PASSPHRASE })).reason);
    expect(reasons).toEqual(
      new Set(['wrong_passphrase', 'passphrase_needed', 'not_encrypted', 'truncated', 'other_cipher']),
    );
  });

  it('backs up (VACUUM INTO) to an encrypted copy that the same passphrase opens', () => {
    const file = newCase({ passphrase: PASSPHRASE, name: 'Backed up' });
    const target = join(tempDir(), 'copy.evidence');
    backupTo(file.db, target);
    expect(readFileSync(target).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(coreError(() => openCase(target)).reason).toBe('passphrase_needed');
    expect(reopenCase(target, { passphrase: PASSPHRASE }).meta.name).toBe('Backed up');
  });

  // Each refused passphrase also tries the other ciphers' KDFs: slow on a busy machine.
  it('keeps the passphrase and the key out of the audit log, exports, reports and error messages', {
    timeout: 120_000,
  }, async () => {
    const file = newCase({ passphrase: PASSPHRASE, name: 'Secrets stay secret' });
    createSource(file, { title: 'A source', kind: 'document', reliability: 'C' });
    const claim = createClaim(file, { statement: 'A claim to report on' });
    // The key as SQLCipher derives it: the bytes that must never be written anywhere.
    const keyHex = pbkdf2Sync(PASSPHRASE, readSalt(file.path), 256_000, 32, 'sha512').toString('hex');
    const texts: string[] = [];
    texts.push(JSON.stringify(file.db.prepare('SELECT * FROM audit_log').all()));
    texts.push(runExport(file, { format: 'case-json' }).text ?? '');
    texts.push(runReport(file, { claimIds: [claim.id] }).html);
    texts.push(JSON.stringify(file.meta), inspect(file, { depth: 4 }));
    for (const wrong of ['wrong', `${PASSPHRASE}x`])
      texts.push(coreError(() => openCase(file.path, { passphrase: wrong })).message);
    texts.push(coreError(() => openCase(file.path)).message);
    for (const t of texts) {
      expect(t).not.toContain(PASSPHRASE);
      expect(t.toLowerCase()).not.toContain(keyHex);
      expect(t).not.toContain(Buffer.from(keyHex, 'hex').toString('base64'));
    }
  });
});
