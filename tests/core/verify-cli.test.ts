// `npm run verify -- <case file> [--checkpoint file]`: an auditor checks a handed-over case without
// the app. Run as a real process; its exit status is what a script or CI would act on.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { addAttachment, CHUNK_SIZE } from '../../electron/core/attachments';
import { createClaim } from '../../electron/core/claims';
import { takeCheckpoint } from '../../electron/core/custody';
import type { CaseFile } from '../../electron/core/db';
import { createSource } from '../../electron/core/sources';
import { useTempCases as cleanUpTempCases, fileHash, newCase, tempDir } from '../support/temp-case';

// Registers the clean-up of temp folders and open cases after each test.
cleanUpTempCases();

const ROOT = resolve(__dirname, '../..');

function verify(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npx', ['tsx', 'scripts/verify.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A closed case file with history, an attachment, and a checkpoint saved as text beside it. */
function handedOver() {
  const c = newCase({ name: 'Handed-over case' });
  const source = createSource(c, { title: 'Leak', kind: 'leak', reliability: 'C' });
  const { attachment } = addAttachment(c, {
    sourceId: source.id,
    fileName: 'ministry-letter.pdf',
    bytesBase64: randomBytes(2 * CHUNK_SIZE).toString('base64'),
  });
  const checkpoint = join(dirname(c.path), 'checkpoint.txt');
  const cp = takeCheckpoint(c);
  writeFileSync(checkpoint, cp.text);
  createClaim(c, { statement: 'Work continued after the checkpoint' });
  const path = c.path;
  c.close();
  return { path, checkpoint, attachment, seq: cp.seq };
}

function rawEdit(path: string, sql: string, ...params: unknown[]): void {
  const raw = new Database(path);
  raw.exec('DROP TRIGGER IF EXISTS blob_chunks_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  raw.prepare(sql).run(...params);
  raw.close();
}

describe('npm run verify', { timeout: 60_000 }, () => {
  it('exit 0 on a healthy case checked against its checkpoint, changing nothing beside or in it', () => {
    const { path, checkpoint } = handedOver();
    const files = readdirSync(dirname(path)).sort();
    const before = fileHash(path);
    const run = verify(path, '--checkpoint', checkpoint);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('RESULT: PASSED');
    expect(run.stdout).toContain('[PASSED ] Checkpoint');
    expect(run.stdout).toContain('Handed-over case');
    expect(fileHash(path)).toBe(before);
    expect(readdirSync(dirname(path)).sort()).toEqual(files);
  });

  it('reads changes not yet moved out of the write-ahead log (the app still has the case open)', () => {
    const c = newCase();
    createClaim(c, { statement: 'Written a moment ago' });
    const checkpoint = join(dirname(c.path), 'now.txt');
    writeFileSync(checkpoint, takeCheckpoint(c).text);
    const run = verify(c.path, '--checkpoint', checkpoint);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('[PASSED ] Checkpoint');
  });

  it('exit 1 naming the attachment whose bytes were changed', () => {
    const { path, attachment } = handedOver();
    rawEdit(
      path,
      'UPDATE blob_chunks SET data = zeroblob(length(data)) WHERE sha256 = ? AND seq = 1',
      attachment.sha256,
    );
    const run = verify(path);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('RESULT: FAILED');
    expect(run.stdout).toContain('"ministry-letter.pdf"');
    expect(run.stdout).toContain(attachment.id);
  });

  it('exit 1 naming the checkpoint’s event when history was rolled back behind it', () => {
    const { path, checkpoint, seq } = handedOver();
    rawEdit(path, 'DELETE FROM audit_log WHERE seq >= ?', seq);
    const run = verify(path, '--checkpoint', checkpoint);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `[FAILED ] Checkpoint: The history now ends at event ${seq - 1}, before the checkpoint's event ${seq}`,
    );
  });

  it.each([
    ['no arguments', () => [], 'Give the case file'],
    ['an unknown option', () => ['--fast', 'x.evidence'], 'Unknown option --fast'],
    ['a missing case file', () => [join(tempDir(), 'none.evidence')], 'There is no case file'],
    [
      'a file that is not a case',
      () => {
        const p = join(tempDir(), 'notes.txt');
        writeFileSync(p, 'not a database at all, just notes');
        return [p];
      },
      'not a Corroborate case file',
    ],
    [
      'a missing checkpoint file',
      () => [handedOver().path, '--checkpoint', join(tempDir(), 'none.txt')],
      'could not be read',
    ],
    [
      'a checkpoint file that is not one',
      () => {
        const { path } = handedOver();
        const p = join(tempDir(), 'cp.txt');
        writeFileSync(p, 'Dear colleague, the case is attached.');
        return [path, '--checkpoint', p];
      },
      'is not usable',
    ],
  ])('exit 2 on %s, saying why', (_name, args, words) => {
    const run = verify(...args());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(words);
    expect(run.stdout).not.toContain('RESULT');
  });
});

/** The files of an open case copied as a crash at this moment would leave them. */
function crashImage(c: CaseFile, into: string, withShm = true): string {
  mkdirSync(into, { recursive: true });
  const target = join(into, 'x.evidence');
  for (const suffix of withShm ? ['', '-wal', '-shm'] : ['', '-wal'])
    if (existsSync(`${c.path}${suffix}`)) copyFileSync(`${c.path}${suffix}`, `${target}${suffix}`);
  return target;
}

function listing(dir: string): Record<string, string | null> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((n) => [n, fileHash(join(dir, n))]),
  );
}

const headOf = (c: CaseFile) => c.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

describe('npm run verify and the side files', { timeout: 60_000 }, () => {
  it('a pending log that belongs: reported, checked with it, nothing beside the case read by SQLite or created', () => {
    const c = newCase();
    for (let i = 0; i < 12; i++) createClaim(c, { statement: `Saved only in the log ${i}` });
    const expected = headOf(c);
    const crashed = crashImage(c, join(tempDir(), 'crash'), false);
    const before = listing(dirname(crashed));
    const run = verify(crashed);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('x.evidence-wal');
    expect(run.stdout).toContain('They belong to this case file at this moment.');
    expect(run.stdout).toContain(`with them: change #${expected}`);
    expect(run.stdout).toContain('in-memory copy');
    expect(run.stdout).toContain('RESULT: PASSED');
    // No -shm was created for the check, and the log is byte for byte as it was.
    expect(listing(dirname(crashed))).toEqual(before);
  });

  it('an older log beside a newer case file: exit 1, both heads named, nothing changed', () => {
    const c = newCase();
    for (let i = 0; i < 5; i++) createClaim(c, { statement: `Early ${i}` });
    const early = crashImage(c, join(tempDir(), 'early'));
    for (let i = 0; i < 5; i++) createClaim(c, { statement: `Late ${i}` });
    const newest = headOf(c);
    const path = c.path;
    c.close();
    copyFileSync(`${early}-wal`, `${path}-wal`);
    copyFileSync(`${early}-shm`, `${path}-shm`);
    const before = listing(dirname(path));
    const run = verify(path);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('They do NOT belong to this case file as it is.');
    expect(run.stdout).toContain(`Audit head without them: change #${newest}`);
    expect(run.stdout).toMatch(/older than the case file/);
    expect(run.stdout).not.toContain('RESULT: PASSED');
    expect(listing(dirname(path))).toEqual(before);
  });

  it('a log cut mid-frame with its -shm kept: refused by verify as by the app', () => {
    const c = newCase();
    for (let i = 0; i < 12; i++) createClaim(c, { statement: `Acknowledged ${i}` });
    const crashed = crashImage(c, join(tempDir(), 'crash'));
    truncateSync(`${crashed}-wal`, statSync(`${crashed}-wal`).size - 1000);
    const before = listing(dirname(crashed));
    const run = verify(crashed);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/x\.evidence-wal is damaged/);
    expect(run.stdout).not.toContain('RESULT: PASSED');
    expect(listing(dirname(crashed))).toEqual(before);
  });
});
