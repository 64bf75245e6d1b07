// Signed checkpoints. The signature is OpenSSH's SSHSIG (PROTOCOL.sshsig) over the checkpoint's
// text, in the namespace "corroborate-checkpoint", so anyone can check it with the standard tool
// as well as with `npm run verify`:
//   ssh-keygen -Y verify -f allowed_signers -I <name> -n corroborate-checkpoint -s sig < text
// The signature block is appended to the checkpoint file after a marker line; the signed text is
// every line before that marker, byte for byte.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { CoreError } from '../errors';
import {
  fingerprintOf,
  parsePublicKey,
  publicIdentityOf,
  sshString,
  type UnlockedIdentity,
} from './identity';

export const SIGNATURE_NAMESPACE = 'corroborate-checkpoint';
export const SIGNATURE_MARKER =
  'SIGNATURE (OpenSSH SSHSIG, namespace corroborate-checkpoint, over every line above this one)';
const MAGIC = Buffer.from('SSHSIG');
const HASH = 'sha512';

/** What SSHSIG signs: the preamble, namespace, reserved, hash name and the message's hash. */
function signedData(message: Buffer): Buffer {
  return Buffer.concat([
    MAGIC,
    sshString(SIGNATURE_NAMESPACE),
    sshString(''),
    sshString(HASH),
    sshString(createHash(HASH).update(message).digest()),
  ]);
}

function armor(blob: Buffer): string {
  const b64 = blob.toString('base64');
  const lines = b64.match(/.{1,70}/g) ?? [];
  return ['-----BEGIN SSH SIGNATURE-----', ...lines, '-----END SSH SIGNATURE-----'].join('\n');
}

/** The SSHSIG blob for `message`, armored as ssh-keygen writes it. */
export function sshSignature(message: Buffer, id: UnlockedIdentity): string {
  const pub = Buffer.concat([sshString('ssh-ed25519'), sshString(id.rawPublicKey)]);
  const sig = id.sign(signedData(message));
  const version = Buffer.alloc(4);
  version.writeUInt32BE(1);
  return armor(
    Buffer.concat([
      MAGIC,
      version,
      sshString(pub),
      sshString(SIGNATURE_NAMESPACE),
      sshString(''),
      sshString(HASH),
      sshString(Buffer.concat([sshString('ssh-ed25519'), sshString(sig)])),
    ]),
  );
}

/** The checkpoint text with its signature block appended. */
export function signCheckpoint(checkpointText: string, id: UnlockedIdentity): string {
  if (checkpointText.includes(SIGNATURE_MARKER))
    throw new CoreError('invalid_input', 'Invalid input: checkpointText is already signed', {
      checkpointText: 'is already signed',
    });
  const text = checkpointText.endsWith('\n') ? checkpointText : `${checkpointText}\n`;
  return [
    text + SIGNATURE_MARKER,
    `Signer:      ${id.publicKey}`,
    `Fingerprint: ${id.fingerprint}`,
    sshSignature(Buffer.from(text), id),
    '',
  ].join('\n');
}

export interface SignatureCheck {
  ok: boolean;
  /** Who signed, as the key names itself, and its fingerprint (when there is a signature). */
  signer: { name: string; fingerprint: string; publicKey: string } | null;
  message: string;
}

/** Splits a checkpoint file into the signed text and its signature block (null when unsigned). */
export function splitSignedCheckpoint(file: string): { text: string; block: string | null } {
  const at = file.indexOf(`${SIGNATURE_MARKER}\n`);
  if (at === -1) return { text: file, block: null };
  return { text: file.slice(0, at), block: file.slice(at + SIGNATURE_MARKER.length + 1) };
}

class Reader {
  private at = 0;
  constructor(private readonly b: Buffer) {}
  bytes(n: number): Buffer {
    if (this.at + n > this.b.length) throw new Error('truncated');
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  uint32(): number {
    return this.bytes(4).readUInt32BE(0);
  }
  string(): Buffer {
    return this.bytes(this.uint32());
  }
  get done(): boolean {
    return this.at === this.b.length;
  }
}

function readArmored(block: string): Buffer {
  const m = /-----BEGIN SSH SIGNATURE-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END SSH SIGNATURE-----/.exec(block);
  if (!m) throw new Error('no SSH SIGNATURE block');
  return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
}

/** Whether `expected` (a public key line or a SHA256: fingerprint) names this key. */
function matchesSigner(expected: string, blob: Buffer): boolean {
  const e = expected.trim();
  if (e.startsWith('SHA256:')) return e.replace(/=+$/, '') === fingerprintOf(blob);
  const parsed = parsePublicKey(e);
  return parsed?.blob.equals(blob) === true;
}

/**
 * Checks a checkpoint file's signature: well formed SSHSIG, right namespace, a valid Ed25519
 * signature over the text above it, and (when `expectedSigner` is given) made by that key.
 */
export function checkCheckpointSignature(file: string, expectedSigner?: string): SignatureCheck {
  const { text, block } = splitSignedCheckpoint(file);
  if (block === null)
    return {
      ok: expectedSigner === undefined,
      signer: null,
      message:
        expectedSigner === undefined
          ? 'The checkpoint is not signed.'
          : `The checkpoint is not signed, but a signature by ${expectedSigner.trim().slice(0, 60)} was expected.`,
    };
  let pubBlob: Buffer;
  let signature: Buffer;
  let namespace: string;
  let hash: string;
  try {
    const r = new Reader(readArmored(block));
    if (!r.bytes(6).equals(MAGIC)) throw new Error('not SSHSIG');
    if (r.uint32() !== 1) throw new Error('unknown SSHSIG version');
    pubBlob = r.string();
    namespace = r.string().toString();
    r.string();
    hash = r.string().toString();
    const sig = new Reader(r.string());
    if (sig.string().toString() !== 'ssh-ed25519') throw new Error('not an Ed25519 signature');
    signature = sig.string();
    if (!r.done) throw new Error('trailing bytes');
  } catch (error) {
    return {
      ok: false,
      signer: null,
      message: `The signature block cannot be read (${(error as Error).message}).`,
    };
  }
  const key = new Reader(pubBlob);
  const type = key.string().toString();
  const raw = type === 'ssh-ed25519' ? key.string() : Buffer.alloc(0);
  if (raw.length !== 32)
    return { ok: false, signer: null, message: 'The signature is not by an Ed25519 key.' };
  const named = /^Signer:\s+(.*)$/m.exec(block)?.[1] ?? '';
  const id = publicIdentityOf(raw, named.split(/\s+/).slice(2).join(' '));
  const signer = { name: id.name, fingerprint: id.fingerprint, publicKey: id.publicKey };
  if (namespace !== SIGNATURE_NAMESPACE)
    return {
      ok: false,
      signer,
      message: `The signature is for "${namespace}", not for a Corroborate checkpoint.`,
    };
  if (hash !== 'sha512' && hash !== 'sha256')
    return { ok: false, signer, message: `The signature uses an unknown hash (${hash}).` };
  const data = Buffer.concat([
    MAGIC,
    sshString(namespace),
    sshString(''),
    sshString(hash),
    sshString(createHash(hash).update(Buffer.from(text)).digest()),
  ]);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  const valid = verify(null, data, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
  if (!valid)
    return {
      ok: false,
      signer,
      message: `The signature by ${id.name} (${id.fingerprint}) does not match the checkpoint: the text was changed after signing.`,
    };
  if (expectedSigner !== undefined && !matchesSigner(expectedSigner, pubBlob))
    return {
      ok: false,
      signer,
      message: `The checkpoint is signed by ${id.name} (${id.fingerprint}), not by the expected signer ${expectedSigner.trim().slice(0, 80)}.`,
    };
  return {
    ok: true,
    signer,
    message: `Signed by ${id.name} (${id.fingerprint})${expectedSigner === undefined ? ', a key not checked against an expected signer' : ', the expected signer'}: the signature is valid.`,
  };
}
