// A case file never silently becomes another: the -wal and -shm beside it are checked against the
// seal the main file holds before SQLite reads them. Each scenario is how cases travel between
// laptops (a sync folder copying the file and its log at different moments, an older log on a USB
// stick, a clean-up tool deleting the log after a crash). Each must be refused with its own
// reason and a message naming the side file, and leave every byte in the folder as it was.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { createClaim } from '../../electron/core/claims';
import { type CaseFile, openCase } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import { openMainFileAlone, recoverIntoCopy, setSidecarsAside } from '../../electron/core/sidecar-choices';
import { inspectSidecars } from '../../electron/core/sidecars';
import { cleanUpAfterEach, fileHash, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const opened: CaseFile[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

function open(path: string, create = false): CaseFile {
  const c = openCase(path, { create, actor: 'tester' });
  opened.push(c);
  return c;
}

const head = (c: CaseFile) => c.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

function claims(c: CaseFile, n: number, label: string): void {
  for (let i = 0; i < n; i++) createClaim(c, { statement: `${label} ${i + 1}` });
}

/** The case's files as a crash at this moment would leave them (the connection stays open). */
function crashImage(c: CaseFile, into: string): string {
  mkdirSync(into, { recursive: true });
  const target = join(into, basename(c.path));
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(`${c.path}${suffix}`)) copyFileSync(`${c.path}${suffix}`, `${target}${suffix}`);
  return target;
}

/** A closed case with `n` claims: no log beside it. */
function closedCase(dir: string, n: number, name = 'x.evidence'): string {
  const path = join(dir, name);
  const c = openCase(path, { create: true, actor: 'tester' });
  claims(c, n, 'Ancestor claim');
  c.close();
  return path;
}

function folder(dir: string): Record<string, string | null> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort()
      .map((n) => [n, fileHash(join(dir, n))]),
  );
}

/** Opening is refused with `reason`, naming `sidecar`, and no byte in the folder changes. */
function expectRefused(path: string, reason: string, sidecar: string): CoreError {
  const dir = join(path, '..');
  const before = folder(dir);
  let error: unknown;
  try {
    open(path).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CoreError);
  const e = error as CoreError;
  expect(e.reason).toBe(reason);
  expect(e.message).toContain(sidecar);
  expect(e.message).toMatch(/nothing (in it )?was changed/i);
  expect(folder(dir)).toEqual(before);
  return e;
}

describe('side files that do not belong are refused before SQLite reads them', () => {
  it("a sibling copy's -wal (same ancestor) beside a case", () => {
    const root = tempDir('corroborate-sidecars-');
    const ancestor = closedCase(root, 150);
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    const a = join(root, 'a', 'x.evidence');
    const b = join(root, 'b', 'x.evidence');
    copyFileSync(ancestor, a);
    copyFileSync(ancestor, b);
    const ca = open(a);
    claims(ca, 20, 'Laptop A');
    const headA = head(ca);
    ca.close();
    const cb = open(b);
    claims(cb, 40, 'Laptop B');
    const crashed = crashImage(cb, join(root, 'b-crash'));
    copyFileSync(`${crashed}-wal`, `${a}-wal`);
    const e = expectRefused(a, 'wal_other_copy', 'x.evidence-wal');
    expect(e.message).toMatch(/another copy of this case/);
    // What the user can do instead: the case file alone shows its own 20, not B's 40.
    const alone = openMainFileAlone(a);
    expect(head(alone)).toBe(headA);
    const titles = alone.db
      .prepare("SELECT count(*) FROM claims WHERE statement LIKE 'Laptop B%'")
      .pluck()
      .get();
    expect(titles).toBe(0);
    alone.close();
  });

  it("another case's -wal beside a case", () => {
    const root = tempDir('corroborate-sidecars-');
    const x = closedCase(root, 3);
    const other = open(join(root, 'other.evidence'), true);
    claims(other, 5, 'Other case');
    const crashed = crashImage(other, join(root, 'crash'));
    copyFileSync(`${crashed}-wal`, `${x}-wal`);
    expectRefused(x, 'wal_foreign', 'x.evidence-wal');
  });

  for (const withShm of [false, true]) {
    it(`an older -wal of the same case beside a newer case file (${withShm ? 'with' : 'without'} its -shm)`, () => {
      const root = tempDir('corroborate-sidecars-');
      const path = closedCase(root, 150);
      const c = open(path);
      claims(c, 20, 'Early');
      const early = crashImage(c, join(root, 'early'));
      claims(c, 20, 'Late');
      const newest = head(c);
      c.close();
      expect(existsSync(`${path}-wal`)).toBe(false);
      copyFileSync(`${early}-wal`, `${path}-wal`);
      if (withShm) copyFileSync(`${early}-shm`, `${path}-shm`);
      const e = expectRefused(path, 'wal_older', 'x.evidence-wal');
      expect(e.message).toContain(`#${newest}`);
      // Setting the side files aside keeps them, and the case opens with every change it had.
      const aside = setSidecarsAside(path);
      expect(aside.moved.sort()).toEqual(withShm ? ['x.evidence-shm', 'x.evidence-wal'] : ['x.evidence-wal']);
      expect(fileHash(join(aside.folder, 'x.evidence-wal'))).toBe(fileHash(`${early}-wal`));
      expect(head(open(path))).toBe(newest);
    });
  }

  it('a -wal deleted after a crash, its -shm left', () => {
    const root = tempDir('corroborate-sidecars-');
    const path = closedCase(root, 150);
    const c = open(path);
    claims(c, 40, 'Acknowledged');
    const crashed = crashImage(c, join(root, 'crash'));
    rmSync(`${crashed}-wal`);
    const e = expectRefused(crashed, 'shm_without_wal', 'x.evidence-shm');
    expect(e.message).toMatch(/no longer there/);
    expect(inspectSidecars(crashed).belongs).toBe(false);
  });

  it('a -wal cut short in the middle of a frame, its -shm kept', () => {
    const root = tempDir('corroborate-sidecars-');
    const path = closedCase(root, 150);
    const c = open(path);
    claims(c, 20, 'Acknowledged');
    const crashed = crashImage(c, join(root, 'crash'));
    truncateSync(`${crashed}-wal`, statSync(`${crashed}-wal`).size - 1000);
    expectRefused(crashed, 'wal_damaged', 'x.evidence');
    // Recovering into a copy keeps what can be read and says what cannot.
    const before = folder(join(root, 'crash'));
    const r = recoverIntoCopy(crashed, join(root, 'recovered.evidence'), `${crashed}-wal`);
    expect(r.headAfter).toBeLessThan(head(c));
    expect(r.headAfter).toBeGreaterThanOrEqual(r.headBefore ?? 0);
    expect(r.explanation).toMatch(/could not be read and are not in the copy/);
    expect(folder(join(root, 'crash'))).toEqual(before);
  });

  it("a sync folder's conflicted copy `x (1).evidence-wal`", () => {
    const root = tempDir('corroborate-sidecars-');
    const path = closedCase(root, 150);
    const c = open(path);
    claims(c, 40, 'Only in the log');
    const expected = head(c);
    const crashed = crashImage(c, join(root, 'sync'));
    renameSync(`${crashed}-wal`, join(root, 'sync', 'x (1).evidence-wal'));
    rmSync(`${crashed}-shm`);
    const e = expectRefused(crashed, 'sidecar_conflict_copy', 'x (1).evidence-wal');
    expect(e.message).toMatch(/holds 40 saved write\(s\)/);
    // Recovering into a new copy brings the 40 writes back and changes nothing of the originals.
    const before = folder(join(root, 'sync'));
    const target = join(root, 'recovered.evidence');
    const r = recoverIntoCopy(crashed, target, join(root, 'sync', 'x (1).evidence-wal'));
    expect(r.headAfter).toBe(expected);
    expect(r.explanation).toMatch(/40 change\(s\)/);
    expect(folder(join(root, 'sync'))).toEqual(before);
    expect(head(open(target))).toBe(expected);
  });

  it('a case file older than its -wal (the file replaced by an earlier copy)', () => {
    const root = tempDir('corroborate-sidecars-');
    const path = closedCase(root, 100);
    copyFileSync(path, join(root, 'earlier.evidence'));
    const c = open(path);
    claims(c, 50, 'Between');
    c.close();
    const c2 = open(path);
    claims(c2, 20, 'In the log');
    const crashed = crashImage(c2, join(root, 'crash'));
    copyFileSync(join(root, 'earlier.evidence'), crashed);
    const e = expectRefused(crashed, 'main_older', 'x.evidence-wal');
    expect(e.message).toMatch(/older than its write-ahead log/);
  });
});

describe('side files that belong are replayed as before', () => {
  it('a crash leaves -wal and -shm; the next open replays every acknowledged write', () => {
    const root = tempDir('corroborate-sidecars-');
    const path = closedCase(root, 10);
    const c = open(path);
    claims(c, 30, 'Acknowledged');
    const expected = head(c);
    const crashed = crashImage(c, join(root, 'crash'));
    const report = inspectSidecars(crashed);
    expect(report.belongs).toBe(true);
    expect(report.headWith?.seq).toBe(expected);
    expect(head(open(crashed))).toBe(expected);
  });

  it('a clean close leaves no log behind: the case file travels alone, complete', () => {
    const root = tempDir('corroborate-sidecars-');
    const path = closedCase(root, 1);
    const c = open(path);
    claims(c, 25, 'Saved');
    const expected = head(c);
    c.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    const alone = openMainFileAlone(path);
    expect(head(alone)).toBe(expected);
    alone.close();
  });
});
