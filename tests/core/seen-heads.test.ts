// Each installation remembers the last audit head it saw of each case (never its content). A copy
// that does not continue that history, an older copy from a USB stick or a sync folder that kept
// the wrong version, is announced instead of opening as if nothing happened.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClaim } from '../../electron/core/claims';
import { openCase } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import { cleanUpAfterEach, fileHash, tempDir } from '../support/temp-case';

cleanUpAfterEach();

function setup() {
  const registry = tempDir('corroborate-userdata-');
  const dir = tempDir('corroborate-case-');
  const path = join(dir, 'x.evidence');
  const opts = { actor: 'tester', seenHeadsDir: registry };
  const c = openCase(path, { create: true, ...opts });
  for (let i = 0; i < 5; i++) createClaim(c, { statement: `Early ${i}` });
  c.close();
  return { registry, dir, path, opts };
}

function refusal(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

it('an older copy is announced with the number of changes missing, and not opened', () => {
  const { registry, dir, path, opts } = setup();
  copyFileSync(path, join(dir, 'usb-stick-copy'));
  const c = openCase(path, opts);
  for (let i = 0; i < 20; i++) createClaim(c, { statement: `Later ${i}` });
  c.close();
  copyFileSync(join(dir, 'usb-stick-copy'), path);
  const before = fileHash(path);
  const e = refusal(() => openCase(path, opts));
  expect(e.reason).toBe('older_copy');
  expect(e.message).toContain('this copy is older than the one you last had open: 20 changes are missing');
  expect(fileHash(path)).toBe(before);
  expect(readdirSync(dir).sort()).toEqual(['usb-stick-copy', 'x.evidence']);
  // Knowingly opened anyway: it says so, and from then on this is the copy last seen.
  const anyway = openCase(path, { ...opts, acceptOlderCopy: true });
  expect(anyway.notices.join(' ')).toMatch(/Opened although this copy is older .* 20 changes are missing/);
  anyway.close();
  openCase(path, opts).close();
  // What the installation keeps: the case id and a head, nothing of the case's content.
  const kept = readFileSync(join(registry, 'seen-case-heads.json'), 'utf8');
  expect(kept).not.toMatch(/Early|Later|tester|x\.evidence/);
});

it('a copy whose history diverged from the one last seen is announced', () => {
  const { dir, path, opts } = setup();
  copyFileSync(path, join(dir, 'sibling'));
  const sibling = openCase(join(dir, 'sibling'), { actor: 'tester' });
  for (let i = 0; i < 30; i++) createClaim(sibling, { statement: `Other laptop ${i}` });
  sibling.close();
  const c = openCase(path, opts);
  for (let i = 0; i < 3; i++) createClaim(c, { statement: `This laptop ${i}` });
  c.close();
  copyFileSync(join(dir, 'sibling'), path);
  const e = refusal(() => openCase(path, opts));
  expect(e.reason).toBe('diverged_copy');
  expect(e.message).toMatch(/not a continuation of the one you last had open/);
});

it('a continuation opens without a word', () => {
  const { path, opts } = setup();
  const c = openCase(path, opts);
  createClaim(c, { statement: 'More work' });
  c.close();
  const again = openCase(path, opts);
  expect(again.notices).toEqual([]);
  again.close();
});
