// An investigator's identity key: Ed25519, made on first use and kept in the app's data folder
// (the caller passes the folder in; the app passes its userData, tests a temp folder). The private
// key is stored only encrypted with age to the investigator's passphrase (scrypt, memory-hard), so
// a copied data folder gives no one the power to sign; the public key sits beside it in OpenSSH's
// one-line form, with the short fingerprint ssh-keygen prints (SHA256:…).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import { CoreError } from '../errors';

const PRIVATE_FILE = 'identity-ed25519.age';
const PUBLIC_FILE = 'identity-ed25519.pub';

/** SSH wire encoding: a uint32 length, then the bytes. */
export function sshString(bytes: Buffer | string): Buffer {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** The raw 32-byte Ed25519 public key of a key object (the tail of its SPKI encoding). */
function rawPublicKey(key: KeyObject): Buffer {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** OpenSSH's public key blob: string "ssh-ed25519", string key. */
export const publicKeyBlob = (raw: Buffer) => Buffer.concat([sshString('ssh-ed25519'), sshString(raw)]);

/** What `ssh-keygen -l` prints for the key: SHA256 of the blob, base64 without padding. */
export const fingerprintOf = (blob: Buffer) =>
  `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;

/** The label in the public key line: no newline, and nothing that looks like another field. */
const cleanComment = (name: string) => name.replace(/[\r\n\t]+/g, ' ').trim() || 'investigator';

export interface PublicIdentity {
  /** `ssh-ed25519 AAAA… name`, as in an OpenSSH .pub or allowed_signers file. */
  publicKey: string;
  fingerprint: string;
  name: string;
}

export interface UnlockedIdentity extends PublicIdentity {
  /** An Ed25519 signature over `data`. */
  sign(data: Buffer): Buffer;
  /** The 32-byte public key. */
  rawPublicKey: Buffer;
}

export function publicIdentityOf(raw: Buffer, name: string): PublicIdentity {
  const blob = publicKeyBlob(raw);
  const comment = cleanComment(name);
  return {
    publicKey: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
    fingerprint: fingerprintOf(blob),
    name: comment,
  };
}

/** Reads `ssh-ed25519 AAAA… [comment]` back to the raw key; null when it is not one. */
export function parsePublicKey(line: string): { raw: Buffer; blob: Buffer } | null {
  const m = /^ssh-ed25519\s+([A-Za-z0-9+/]+={0,2})(\s|$)/.exec(line.trim());
  if (!m) return null;
  const blob = Buffer.from(m[1]!, 'base64');
  const expectedHead = sshString('ssh-ed25519');
  if (
    blob.length !== expectedHead.length + 4 + 32 ||
    !blob.subarray(0, expectedHead.length).equals(expectedHead)
  )
    return null;
  return { raw: blob.subarray(blob.length - 32), blob };
}

const wrongPassphrase = () =>
  new CoreError(
    'invalid_input',
    'That passphrase does not unlock your identity key; nothing was signed.',
    { passphrase: 'does not unlock the identity key' },
    'wrong_passphrase',
  );

/** The public half, without any passphrase; null before the first key is made. */
export function readPublicIdentity(dir: string): PublicIdentity | null {
  const file = join(dir, PUBLIC_FILE);
  if (!existsSync(file)) return null;
  const line = readFileSync(file, 'utf8').trim();
  const parsed = parsePublicKey(line);
  if (!parsed) throw new CoreError('integrity', `${PUBLIC_FILE} in ${dir} is not an Ed25519 public key.`);
  return publicIdentityOf(parsed.raw, line.split(/\s+/).slice(2).join(' '));
}

/**
 * The identity, made on first use (then `name` labels it). The private key is decrypted for the
 * call's lifetime only; a wrong passphrase is refused plainly.
 */
export async function unlockIdentity(
  dir: string,
  passphrase: string,
  name = 'investigator',
): Promise<UnlockedIdentity> {
  if (passphrase.length === 0)
    throw new CoreError('invalid_input', 'Invalid input: passphrase is required', {
      passphrase: 'is required',
    });
  const privateFile = join(dir, PRIVATE_FILE);
  let key: KeyObject;
  if (!existsSync(privateFile)) {
    key = generateKeyPairSync('ed25519').privateKey;
    const pem = key.export({ format: 'pem', type: 'pkcs8' }) as string;
    const e = new Encrypter();
    e.setPassphrase(passphrase);
    const sealed = await e.encrypt(pem);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const id = publicIdentityOf(rawPublicKey(key), name);
    // Written under temporary names then renamed: a crash leaves no half a key.
    writeFileSync(`${privateFile}.tmp`, sealed, { mode: 0o600 });
    writeFileSync(join(dir, `${PUBLIC_FILE}.tmp`), `${id.publicKey}\n`, { mode: 0o644 });
    renameSync(join(dir, `${PUBLIC_FILE}.tmp`), join(dir, PUBLIC_FILE));
    renameSync(`${privateFile}.tmp`, privateFile);
  } else {
    const d = new Decrypter();
    d.addPassphrase(passphrase);
    let pem: string;
    try {
      pem = await d.decrypt(readFileSync(privateFile), 'text');
    } catch {
      throw wrongPassphrase();
    }
    key = createPrivateKey(pem);
  }
  const raw = rawPublicKey(key);
  const stored = readPublicIdentity(dir);
  const pub = publicIdentityOf(raw, stored?.name ?? name);
  if (stored && stored.fingerprint !== pub.fingerprint)
    throw new CoreError(
      'integrity',
      `${PUBLIC_FILE} in ${dir} does not belong to the private key beside it.`,
    );
  return { ...pub, rawPublicKey: raw, sign: (data) => sign(null, data, key) };
}
