// "Encrypt this case" (a verified encrypted copy beside the plain file) and "Change passphrase"
// (re-keyed in place, audited without key material).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addAttachment } from '../../electron/core/attachments';
import { verifyChain } from '../../electron/core/audit';
import { changePassphrase, encryptCopy } from '../../electron/core/crypto/case-rekey';
import { openCase } from '../../electron/core/db';
import { createSource } from '../../electron/core/sources';
import { cleanUpAfterEach, coreError, newCase, reopenCase } from '../support/temp-case';

cleanUpAfterEach();

const OLD = 'marble-cactus-hinge-64-robin';
const NEW = 'plover-ankle-saffron-27-mill';
const TITLE = 'Whistleblower at the state telecom operator';
const BYTES = 'Internal memo: SORM probe installation schedule, site list attached.';

function plainCase() {
  const c = newCase({ name: 'To be encrypted' });
  const s = createSource(c, { title: TITLE, kind: 'interview', reliability: 'B' });
  addAttachment(c, {
    sourceId: s.id,
    fileName: 'memo.txt',
    bytesBase64: Buffer.from(BYTES).toString('base64'),
  });
  return c;
}

describe('encrypt this case', { timeout: 120_000 }, () => {
  it('writes a verified encrypted copy holding everything, and leaves the plain file where it was', async () => {
    const c = plainCase();
    const target = join(c.path, '..', 'encrypted.evidence');
    const result = await encryptCopy(c, target, NEW);
    const bytes = readFileSync(target);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from(TITLE))).toBe(false);
    expect(bytes.includes(Buffer.from(BYTES))).toBe(false);
    expect(result.notice).toContain('still where it was');
    expect(result.notice).toContain('SSD');
    const copy = reopenCase(target, { passphrase: NEW });
    expect(copy.encrypted).toBe(true);
    expect(copy.db.prepare('SELECT title FROM sources').pluck().all()).toEqual([TITLE]);
    expect(verifyChain(copy.db).ok).toBe(true);
    expect(copy.meta.caseId).toBe(c.meta.caseId);
    // The plain case is still open and working, and its history records the copy.
    expect(c.db.prepare('SELECT title FROM sources').pluck().all()).toEqual([TITLE]);
    const event = c.db
      .prepare('SELECT payload FROM audit_log ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({ format: 'encrypted-copy', fileName: 'encrypted.evidence' });
    expect(event).not.toContain(NEW);
  });

  it('refuses an already encrypted case and an existing target', async () => {
    const enc = newCase({ passphrase: OLD });
    await expect(encryptCopy(enc, join(enc.path, '..', 'x.evidence'), NEW)).rejects.toMatchObject({
      code: 'conflict',
    });
    const c = plainCase();
    await expect(encryptCopy(c, c.path, NEW)).rejects.toMatchObject({
      code: 'conflict',
      fields: { target: 'already exists' },
    });
  });
});

describe('change passphrase', { timeout: 120_000 }, () => {
  it('re-keys in place: the new passphrase opens it, the old one no longer does, and the event holds no secret', () => {
    const c = newCase({ passphrase: OLD, name: 'Re-keyed' });
    createSource(c, { title: TITLE, kind: 'interview', reliability: 'B' });
    changePassphrase(c, OLD, NEW);
    // Work goes on in the open case after the change.
    createSource(c, { title: 'After the change', kind: 'document', reliability: 'C' });
    const events = c.db.prepare('SELECT payload FROM audit_log').pluck().all() as string[];
    expect(events.some((p) => JSON.parse(p).passphrase === 'changed')).toBe(true);
    for (const p of events) {
      expect(p).not.toContain(OLD);
      expect(p).not.toContain(NEW);
    }
    const path = c.path;
    c.close();
    expect(coreError(() => openCase(path, { passphrase: OLD })).reason).toBe('wrong_passphrase');
    const again = reopenCase(path, { passphrase: NEW });
    expect(again.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(2);
    expect(verifyChain(again.db).ok).toBe(true);
  });

  it('refuses a wrong current passphrase and changes nothing', () => {
    const c = newCase({ passphrase: OLD });
    const error = coreError(() => changePassphrase(c, 'guess', NEW), 'invalid_input');
    expect(error.fields).toHaveProperty('currentPassphrase');
    expect(error.message).not.toContain('guess');
    const path = c.path;
    c.close();
    expect(reopenCase(path, { passphrase: OLD }).encrypted).toBe(true);
  });
});
