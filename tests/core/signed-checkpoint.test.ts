// Signed checkpoints: an investigator's Ed25519 identity kept encrypted in the app's data folder,
// and checkpoint signatures in OpenSSH's SSHSIG format that ssh-keygen itself verifies (and that
// we verify when ssh-keygen made them), checked by `npm run verify -- --signer`.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClaim } from '../../electron/core/claims';
import { readPublicIdentity, unlockIdentity } from '../../electron/core/crypto/identity';
import {
  checkCheckpointSignature,
  SIGNATURE_MARKER,
  SIGNATURE_NAMESPACE,
  signCheckpoint,
  splitSignedCheckpoint,
} from '../../electron/core/crypto/signed-checkpoint';
import { takeCheckpoint } from '../../electron/core/custody';
import { cleanUpAfterEach, newCase, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const ROOT = resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'ferry-quartz-dune-31-willow';
const NAME = 'aida@newsroom';

async function signedCheckpointFile() {
  const c = newCase({ name: 'Signed case' });
  createClaim(c, { statement: 'The tender was awarded before it closed' });
  const id = await unlockIdentity(tempDir('corroborate-appdata-'), PASSPHRASE, NAME);
  const signed = signCheckpoint(takeCheckpoint(c).text, id);
  const file = join(tempDir(), 'checkpoint.txt');
  writeFileSync(file, signed);
  return { c, id, signed, file };
}

describe('identity keys', { timeout: 120_000 }, () => {
  it('makes an Ed25519 key on first use, keeps the private half only encrypted, and unlocks it again', async () => {
    const dir = tempDir('corroborate-appdata-');
    expect(readPublicIdentity(dir)).toBeNull();
    const first = await unlockIdentity(dir, PASSPHRASE, NAME);
    expect(first.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\S+ aida@newsroom$/);
    const stored = readFileSync(join(dir, 'identity-ed25519.age'));
    expect(stored.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(stored.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    // The same fingerprint ssh-keygen prints for the public key file.
    const listed = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'identity-ed25519.pub')], {
      encoding: 'utf8',
    });
    expect(listed).toContain(first.fingerprint);
    const again = await unlockIdentity(dir, PASSPHRASE);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(readPublicIdentity(dir)?.fingerprint).toBe(first.fingerprint);
    await expect(unlockIdentity(dir, 'not the passphrase')).rejects.toMatchObject({
      reason: 'wrong_passphrase',
    });
  });
});

describe('signed checkpoints', { timeout: 180_000 }, () => {
  it('verifies and names the signer; a changed text, another signer or no signature fails', async () => {
    const { id, signed } = await signedCheckpointFile();
    expect(checkCheckpointSignature(signed, id.fingerprint)).toMatchObject({
      ok: true,
      signer: { name: NAME, fingerprint: id.fingerprint },
    });
    expect(checkCheckpointSignature(signed, id.publicKey).ok).toBe(true);
    const tampered = signed.replace(/Event:\s+(\d+)/, (_m, n) => `Event:       ${Number(n) + 1}`);
    expect(checkCheckpointSignature(tampered, id.fingerprint)).toMatchObject({ ok: false });
    expect(checkCheckpointSignature(tampered).message).toContain('changed after signing');
    const other = await unlockIdentity(tempDir('corroborate-appdata-'), PASSPHRASE, 'someone-else');
    expect(checkCheckpointSignature(signed, other.fingerprint).message).toContain(
      'not by the expected signer',
    );
    expect(checkCheckpointSignature(splitSignedCheckpoint(signed).text, id.fingerprint).ok).toBe(false);
  });

  it('is a signature `ssh-keygen -Y verify` accepts, and one ssh-keygen made is accepted here', async () => {
    const { id, signed } = await signedCheckpointFile();
    const dir = tempDir();
    const { text, block } = splitSignedCheckpoint(signed);
    writeFileSync(join(dir, 'message.txt'), text);
    writeFileSync(
      join(dir, 'message.txt.sig'),
      `${/-----BEGIN SSH SIGNATURE-----[\s\S]*-----END SSH SIGNATURE-----/.exec(block!)![0]}\n`,
    );
    writeFileSync(
      join(dir, 'allowed_signers'),
      `${NAME} namespaces="${SIGNATURE_NAMESPACE}" ${id.publicKey}\n`,
    );
    const verified = spawnSync(
      'ssh-keygen',
      [
        '-Y',
        'verify',
        '-f',
        join(dir, 'allowed_signers'),
        '-I',
        NAME,
        '-n',
        SIGNATURE_NAMESPACE,
        '-s',
        join(dir, 'message.txt.sig'),
      ],
      { input: readFileSync(join(dir, 'message.txt')), encoding: 'utf8' },
    );
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`Good "${SIGNATURE_NAMESPACE}" signature for ${NAME}`);
    expect(verified.stdout).toContain(id.fingerprint);

    // The other way: an OpenSSH key signs with ssh-keygen; the checkpoint file carries it.
    writeFileSync(join(dir, 'by-tool.txt'), text);
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'auditor',
      '-f',
      join(dir, 'auditor'),
    ]);
    execFileSync(
      'ssh-keygen',
      ['-Y', 'sign', '-f', join(dir, 'auditor'), '-n', SIGNATURE_NAMESPACE, join(dir, 'by-tool.txt')],
      {
        stdio: 'pipe',
      },
    );
    const pub = readFileSync(join(dir, 'auditor.pub'), 'utf8').trim();
    const byTool = `${text}${SIGNATURE_MARKER}\nSigner:      ${pub}\n${readFileSync(join(dir, 'by-tool.txt.sig'), 'utf8')}`;
    expect(checkCheckpointSignature(byTool, pub)).toMatchObject({ ok: true, signer: { name: 'auditor' } });
  });

  it('npm run verify -- --signer checks the signature with the chain and names the signer', async () => {
    const { c, id, file } = await signedCheckpointFile();
    const path = c.path;
    c.close();
    const run = (...args: string[]) =>
      spawnSync('npx', ['tsx', 'scripts/verify.ts', path, '--checkpoint', file, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 90_000,
      });
    const good = run('--signer', id.fingerprint);
    expect(good.status, good.stderr + good.stdout).toBe(0);
    expect(good.stdout).toContain(`Signed by ${NAME} (${id.fingerprint})`);
    const wrong = run('--signer', 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('not by the expected signer');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Signed case', 'Another case'));
    const tampered = run('--signer', id.fingerprint);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain('Checkpoint signature: FAILED');
  });
});
