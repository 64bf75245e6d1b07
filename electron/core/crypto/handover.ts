// A sealed handover: the case (the whole case file, encrypted or not, or a case JSON export) and
// its latest checkpoint in one file encrypted with age (https://age-encryption.org), to a
// passphrase or to one or more X25519 recipients (`age1…`). Inside the age layer is a plain tar
// archive, so the standard tools open it too: `age -d bundle.age | tar x` gives
//   manifest.json   what is inside, with the sha256 of each file
//   checkpoint.txt  the audit checkpoint the content must match
//   case.evidence   or case.json
// Nothing plain touches the disk on the way: the copy of the case file is made in a temporary
// folder (an encrypted case's copy stays encrypted with its key; a plain case's copy is removed
// at once) and the JSON export is built in memory.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import * as tarStream from 'tar-stream';
import { appendEvent } from '../audit';
import { checkCheckpoint, parseCheckpointText, takeCheckpoint } from '../custody';
import { backupTo, type CaseFile, openCase } from '../db';
import { CoreError } from '../errors';
import { type ExportedEvent, exportCaseJson, verifyExportedChain } from '../exchange/case-json';
import { namesFor } from '../exchange/export';

export const HANDOVER_FORMAT = 'corroborate-handover/1';
const CASE_FILE = 'case.evidence';
const CASE_JSON = 'case.json';

export type HandoverContent = 'case-file' | 'case-json';
export type SealTo = { passphrase: string } | { recipients: string[] };

export interface SealOptions {
  content: HandoverContent;
  /** case-json only: confidential sources keep their identity only when asked (audited). */
  includeConfidential?: boolean;
  to: SealTo;
  /** Where the .age file goes; an existing file is never replaced. */
  target: string;
}

export interface HandoverManifest {
  format: typeof HANDOVER_FORMAT;
  content: HandoverContent;
  caseId: string;
  caseName: string;
  /** The case file inside is itself encrypted (SQLCipher): its passphrase is needed too. */
  caseFileEncrypted: boolean;
  includeConfidential: boolean;
  checkpoint: { seq: number; headHash: string };
  files: { name: string; sha256: string; bytes: number }[];
}

export interface SealResult {
  path: string;
  bytes: number;
  sha256: string;
  manifest: HandoverManifest;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

function checkSealTo(to: SealTo): void {
  if ('passphrase' in to) {
    if (to.passphrase.length === 0)
      throw new CoreError('invalid_input', 'Invalid input: passphrase is required', {
        passphrase: 'is required',
      });
    return;
  }
  if (to.recipients.length === 0)
    throw new CoreError('invalid_input', 'Invalid input: recipients needs at least one age public key', {
      recipients: 'needs at least one age public key (age1…)',
    });
  to.recipients.forEach((r, i) => {
    if (!RECIPIENT.test(r.trim()))
      throw new CoreError(
        'invalid_input',
        `Invalid input: recipients.${i} is not an age public key (age1…)`,
        {
          [`recipients.${i}`]: 'is not an age X25519 public key (age1…)',
        },
      );
  });
}

async function tarOf(files: { name: string; data: Buffer }[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const f of files) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: f.name, size: f.data.length, mode: 0o600, mtime: new Date(0) }, f.data, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function untar(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const extract = tarStream.extract();
  const out = new Map<string, Buffer>();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => parts.push(c as Buffer));
      stream.on('end', () => {
        if (header.type === 'file') out.set(header.name, Buffer.concat(parts));
        next();
      });
      stream.on('error', reject);
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(Buffer.from(bytes));
  await done;
  return out;
}

/** The case as it is now, as bytes: a consistent copy of the file (VACUUM INTO), or the JSON export. */
function contentOf(c: CaseFile, o: SealOptions): { name: string; data: Buffer } {
  if (o.content === 'case-json') {
    const out = c.read(() =>
      exportCaseJson(c, { includeConfidential: o.includeConfidential === true, names: namesFor(c) }),
    );
    return { name: CASE_JSON, data: Buffer.from(out.text) };
  }
  // Beside the target: the same disk, and the folder the user chose for the handover.
  const dir = mkdtempSync(join(dirname(o.target), '.corroborate-handover-'));
  try {
    const copy = join(dir, CASE_FILE);
    backupTo(c.db, copy);
    return { name: CASE_FILE, data: readFileSync(copy) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Seals the case into `o.target`. The handover is an audited event (what, to how many
 * recipients or to a passphrase, the bundle's hash), recorded with the file: both or neither.
 */
export async function sealHandover(c: CaseFile, o: SealOptions): Promise<SealResult> {
  checkSealTo(o.to);
  if (o.includeConfidential && o.content !== 'case-json')
    throw new CoreError(
      'invalid_input',
      'Invalid input: includeConfidential is only for a case JSON handover',
      {
        includeConfidential: 'is only for a case JSON handover (the case file always holds everything)',
      },
    );
  if (existsSync(o.target))
    throw new CoreError('conflict', `${basename(o.target)} already exists; choose another name.`, {
      target: 'already exists',
    });
  const content = contentOf(c, o);
  const checkpoint = takeCheckpoint(c);
  const checkpointText = Buffer.from(checkpoint.text);
  const manifest: HandoverManifest = {
    format: HANDOVER_FORMAT,
    content: o.content,
    caseId: c.meta.caseId,
    caseName: c.meta.name,
    caseFileEncrypted: o.content === 'case-file' && c.encrypted,
    includeConfidential: o.content === 'case-json' ? o.includeConfidential === true : true,
    checkpoint: { seq: checkpoint.seq, headHash: checkpoint.headHash },
    files: [content, { name: 'checkpoint.txt', data: checkpointText }].map((f) => ({
      name: f.name,
      sha256: sha256(f.data),
      bytes: f.data.length,
    })),
  };
  const tar = await tarOf([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'checkpoint.txt', data: checkpointText },
    content,
  ]);
  const e = new Encrypter();
  if ('passphrase' in o.to) e.setPassphrase(o.to.passphrase);
  else for (const r of o.to.recipients) e.addRecipient(r.trim());
  const sealed = await e.encrypt(tar);
  const digest = sha256(sealed);
  c.write(() => {
    writeFileSync(o.target, sealed, { flag: 'wx' });
    appendEvent(c.db, {
      actor: c.meta.actor,
      replica: c.meta.replica,
      action: 'export',
      entity: 'case',
      entityId: c.meta.caseId,
      payload: {
        format: 'handover',
        content: o.content,
        includeConfidential: manifest.includeConfidential,
        sealedTo: 'passphrase' in o.to ? 'passphrase' : `${o.to.recipients.length} recipient(s)`,
        // Public keys name who received it; they are not secret, and the audit should say.
        recipients: 'recipients' in o.to ? o.to.recipients.map((r) => r.trim()) : [],
        fileName: basename(o.target),
        sha256: digest,
        bytes: sealed.length,
        checkpoint: manifest.checkpoint,
      },
    });
  });
  return { path: o.target, bytes: sealed.length, sha256: digest, manifest };
}

export type UnsealWith = { passphrase: string } | { identity: string };

export interface OpenedHandover {
  manifest: HandoverManifest;
  checkpointText: string;
  /** The checkpoint checked against what came with it (the case file's chain, or the JSON's events). */
  checkpoint: { ok: boolean; message: string };
  /** Where the content was written (case.evidence or case.json, renamed for the target). */
  path: string;
}

const badBundle = (why: string) =>
  new CoreError(
    'integrity',
    `This handover cannot be opened: ${why}. Nothing was written.`,
    undefined,
    'bad_handover',
  );

/**
 * Decrypts a bundle, checks every file against the manifest and the content against the
 * checkpoint, and writes the content to `target` (a new file). A case file is opened to check
 * its chain (with `casePassphrase` when it is itself encrypted); a case JSON is checked against
 * its exported events and can then be imported like any case JSON.
 */
export async function openHandover(
  bundle: string,
  w: UnsealWith,
  target: string,
  casePassphrase?: string,
): Promise<OpenedHandover> {
  if (existsSync(target))
    throw new CoreError('conflict', `${basename(target)} already exists; choose another name.`, {
      target: 'already exists',
    });
  const d = new Decrypter();
  if ('passphrase' in w) d.addPassphrase(w.passphrase);
  else d.addIdentity(w.identity.trim());
  let tar: Uint8Array;
  try {
    tar = await d.decrypt(readFileSync(bundle));
  } catch (error) {
    const message = (error as Error).message;
    if (/no identity matched|incorrect passphrase|failed to decrypt|wrong passphrase/i.test(message))
      throw new CoreError(
        'invalid_input',
        `This handover is not for ${'passphrase' in w ? 'that passphrase' : 'that identity'}; nothing was written.`,
        { ['passphrase' in w ? 'passphrase' : 'identity']: 'does not open this handover' },
        'not_for_you',
      );
    throw badBundle(`it is not an age file (${message})`);
  }
  let files: Map<string, Buffer>;
  try {
    files = await untar(tar);
  } catch {
    throw badBundle('its content is not a tar archive');
  }
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) throw badBundle('it has no manifest.json');
  let manifest: HandoverManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as HandoverManifest;
  } catch {
    throw badBundle('its manifest.json is not JSON');
  }
  if (manifest.format !== HANDOVER_FORMAT) throw badBundle(`its format is ${String(manifest.format)}`);
  for (const f of manifest.files) {
    const data = files.get(f.name);
    if (!data || sha256(data) !== f.sha256) throw badBundle(`${f.name} does not match its manifest entry`);
  }
  const checkpointText = files.get('checkpoint.txt')?.toString('utf8') ?? '';
  const cp = parseCheckpointText(checkpointText);
  const contentName = manifest.content === 'case-file' ? CASE_FILE : CASE_JSON;
  const content = files.get(contentName);
  if (!content) throw badBundle(`it has no ${contentName}`);
  let checkpoint: { ok: boolean; message: string };
  if (manifest.content === 'case-json') {
    checkpoint = checkJsonCheckpoint(content, cp);
    writeFileSync(target, content, { flag: 'wx' });
  } else {
    writeFileSync(target, content, { flag: 'wx' });
    try {
      const c = openCase(target, casePassphrase === undefined ? {} : { passphrase: casePassphrase });
      try {
        const check = checkCheckpoint(c, cp);
        checkpoint = { ok: check.ok, message: check.message };
      } finally {
        c.close();
      }
    } catch (error) {
      // A case we cannot open (a wrong case passphrase) is not left half-received.
      for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
      throw error;
    }
  }
  return { manifest, checkpointText, checkpoint, path: target };
}

function checkJsonCheckpoint(
  json: Buffer,
  cp: { seq: number; headHash: string },
): { ok: boolean; message: string } {
  let events: ExportedEvent[];
  try {
    events = (JSON.parse(json.toString('utf8')) as { audit: { events: ExportedEvent[] } }).audit.events;
  } catch {
    throw badBundle('its case.json is not a case export');
  }
  const chain = verifyExportedChain(events);
  if (!chain.ok) return { ok: false, message: `The exported history is broken: ${chain.reason}.` };
  const at = events.find((e) => e.seq === cp.seq);
  if (!at || at.hash !== cp.headHash)
    return { ok: false, message: `Event ${cp.seq} of the exported history does not match the checkpoint.` };
  return { ok: true, message: `The exported history holds the checkpoint at event ${cp.seq} unchanged.` };
}
