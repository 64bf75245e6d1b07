// Sealed handover: the app's bundle is a real age file that the standard `age` tool decrypts (to
// a passphrase and to an X25519 identity), holding a plain tar of the case and its checkpoint; and
// the app opens a bundle that `age -e` made.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain } from '../../electron/core/audit';
import { openHandover, sealHandover } from '../../electron/core/crypto/handover';
import { openCase } from '../../electron/core/db';
import { createSource } from '../../electron/core/sources';
import { cleanUpAfterEach, newCase, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const CASE_PASSPHRASE = 'lichen-barge-opal-88-mirror';
const HANDOVER_PASSPHRASE = 'sealed for Dana, not for the border';
const SECRET_NAME = 'Official at the Bishkek ministry, who spoke off the record';

function identity(dir: string): { file: string; recipient: string; secret: string } {
  const file = join(dir, 'key.txt');
  execFileSync('age-keygen', ['-o', file], { stdio: 'pipe' });
  const recipient = execFileSync('age-keygen', ['-y', file], { encoding: 'utf8' }).trim();
  const secret = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
  return { file, recipient, secret };
}

/** `age` reads a passphrase from the terminal only: `script` gives it one, fed from our stdin. */
function ageWithPassphrase(args: string[], passphrase: string, times = 1): void {
  const command = ['age', ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const run = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
    input: `${passphrase}\n`.repeat(times),
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

function untar(tar: string, dir: string): string[] {
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  return execFileSync('tar', ['-tf', tar], { encoding: 'utf8' }).trim().split('\n').sort();
}

function caseWithConfidentialSource(options: { passphrase?: string } = {}) {
  const c = newCase({ name: 'Bishkek procurement', ...options });
  createSource(c, { title: SECRET_NAME, kind: 'interview', reliability: 'B', confidential: true });
  createSource(c, { title: 'Tender notice 44/2019', kind: 'document', reliability: 'A' });
  return c;
}

describe('sealed handover', { timeout: 180_000 }, () => {
  it('seals the encrypted case file to an age recipient; `age -d -i` and tar give back a case that opens and matches its checkpoint', async () => {
    const dir = tempDir();
    const id = identity(dir);
    const c = caseWithConfidentialSource({ passphrase: CASE_PASSPHRASE });
    const bundle = join(dir, 'handover.age');
    const sealed = await sealHandover(c, {
      content: 'case-file',
      to: { recipients: [id.recipient] },
      target: bundle,
    });
    expect(sealed.manifest.caseFileEncrypted).toBe(true);
    expect(readFileSync(bundle).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const out = join(dir, 'out');
    execFileSync('mkdir', [out]);
    execFileSync('age', ['-d', '-i', id.file, '-o', join(dir, 'bundle.tar'), bundle]);
    expect(untar(join(dir, 'bundle.tar'), out)).toEqual(['case.evidence', 'checkpoint.txt', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ content: 'case-file', caseName: 'Bishkek procurement' });
    const received = openCase(join(out, 'case.evidence'), { passphrase: CASE_PASSPHRASE });
    expect(received.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(2);
    expect(readFileSync(join(out, 'checkpoint.txt'), 'utf8')).toContain(
      `Event:       ${manifest.checkpoint.seq}`,
    );
    received.close();

    // The handover is audited, naming the recipient's public key and never a secret.
    const event = c.db
      .prepare("SELECT payload FROM audit_log WHERE action = 'export' ORDER BY seq DESC")
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({
      format: 'handover',
      recipients: [id.recipient],
      sha256: sealed.sha256,
    });
    expect(event).not.toContain(CASE_PASSPHRASE);
    expect(event).not.toContain(id.secret);
    expect(verifyChain(c.db).ok).toBe(true);
  });

  it('seals a case JSON to a passphrase that `age -d` accepts, with the confidential source pseudonymised', async () => {
    const dir = tempDir();
    const c = caseWithConfidentialSource();
    const bundle = join(dir, 'handover.age');
    await sealHandover(c, { content: 'case-json', to: { passphrase: HANDOVER_PASSPHRASE }, target: bundle });
    ageWithPassphrase(['-d', '-o', join(dir, 'bundle.tar'), bundle], HANDOVER_PASSPHRASE);
    const out = join(dir, 'out');
    execFileSync('mkdir', [out]);
    expect(untar(join(dir, 'bundle.tar'), out)).toEqual(['case.json', 'checkpoint.txt', 'manifest.json']);
    const json = readFileSync(join(out, 'case.json'), 'utf8');
    expect(json).toContain('Tender notice 44/2019');
    expect(json).not.toContain(SECRET_NAME);
    expect(readFileSync(bundle).includes(Buffer.from('Tender notice'))).toBe(false);

    // Only when asked, and then the manifest says so.
    const open = join(dir, 'with-names.age');
    const sealed = await sealHandover(c, {
      content: 'case-json',
      includeConfidential: true,
      to: { passphrase: HANDOVER_PASSPHRASE },
      target: open,
    });
    expect(sealed.manifest.includeConfidential).toBe(true);
    const opened = await openHandover(
      open,
      { passphrase: HANDOVER_PASSPHRASE },
      join(dir, 'received.case.json'),
    );
    expect(readFileSync(opened.path, 'utf8')).toContain(SECRET_NAME);
    expect(opened.checkpoint.ok).toBe(true);
  });

  it('opens a bundle that the age tool encrypted, to an identity and to a passphrase', async () => {
    const dir = tempDir();
    const mine = identity(join(tempDir()));
    const theirs = identity(join(tempDir()));
    const c = caseWithConfidentialSource({ passphrase: CASE_PASSPHRASE });
    const first = join(dir, 'first.age');
    await sealHandover(c, { content: 'case-file', to: { recipients: [mine.recipient] }, target: first });
    // What a colleague does with the standard tool: decrypt, and encrypt again for someone else.
    const tar = join(dir, 'bundle.tar');
    execFileSync('age', ['-d', '-i', mine.file, '-o', tar, first]);
    const byTool = join(dir, 'by-tool.age');
    execFileSync('age', ['-e', '-r', theirs.recipient, '-o', byTool, tar]);
    const opened = await openHandover(
      byTool,
      { identity: theirs.secret },
      join(dir, 'received.evidence'),
      CASE_PASSPHRASE,
    );
    expect(opened.checkpoint.ok, opened.checkpoint.message).toBe(true);
    expect(opened.manifest.caseName).toBe('Bishkek procurement');
    expect(openCase(opened.path, { passphrase: CASE_PASSPHRASE }).meta.name).toBe('Bishkek procurement');

    const byPassphrase = join(dir, 'by-passphrase.age');
    ageWithPassphrase(['-e', '-p', '-o', byPassphrase, tar], HANDOVER_PASSPHRASE, 2);
    const again = await openHandover(
      byPassphrase,
      { passphrase: HANDOVER_PASSPHRASE },
      join(dir, 'again.evidence'),
      CASE_PASSPHRASE,
    );
    expect(again.checkpoint.ok).toBe(true);
  });

  it('refuses a bundle that is not for this identity, writing nothing', async () => {
    const dir = tempDir();
    const mine = identity(join(tempDir()));
    const stranger = identity(join(tempDir()));
    const c = caseWithConfidentialSource();
    const bundle = join(dir, 'handover.age');
    await sealHandover(c, { content: 'case-file', to: { recipients: [mine.recipient] }, target: bundle });
    const target = join(dir, 'received.evidence');
    await expect(openHandover(bundle, { identity: stranger.secret }, target)).rejects.toMatchObject({
      reason: 'not_for_you',
    });
    expect(spawnSync('test', ['-e', target]).status).not.toBe(0);
  });

  it('names a bad recipient key and an existing target, sealing nothing', async () => {
    const dir = tempDir();
    const c = caseWithConfidentialSource();
    const target = join(dir, 'handover.age');
    await expect(
      sealHandover(c, { content: 'case-file', to: { recipients: ['age1notakey'] }, target }),
    ).rejects.toMatchObject({ code: 'invalid_input', fields: { 'recipients.0': expect.any(String) } });
    await sealHandover(c, { content: 'case-json', to: { passphrase: HANDOVER_PASSPHRASE }, target });
    await expect(
      sealHandover(c, { content: 'case-json', to: { passphrase: HANDOVER_PASSPHRASE }, target }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});
