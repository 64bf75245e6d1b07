// Acceptance: the sample case written encrypted and worked on (edits, attachments, search, a
// backup, the upgrade of a case made at the previous schema) leaves no readable trace of its
// content in any file: not the case, its -wal and -shm, its backups, nor SQLite's temporary files.
import { copyFileSync, existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { addAttachment, addAttachmentFromStream } from '../../electron/core/attachments';
import { listClaims, updateClaim } from '../../electron/core/claims';
import { deriveCaseKey, readSalt } from '../../electron/core/crypto/case-key';
import { backupTo, openCase } from '../../electron/core/db';
import { defaultMigrationsDir } from '../../electron/core/migrations';
import {
  ARTICLE_TITLE,
  buildSampleCase,
  SAMPLE_CASE_NAME,
  sampleActors,
  sampleClaims,
  sampleDeals,
} from '../../electron/core/sample-case';
import { searchCase } from '../../electron/core/search';
import { createSource, listSources } from '../../electron/core/sources';
import { cleanUpAfterEach, reopenCase, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const PASSPHRASE = 'tundra-violin-casket-42-ember';
const SOURCE_URL = 'https://example.org/leaks/oniks-line-delivery-schedule-2019';
const EDITED = 'Oniks-Line shipped SORM probes to Bishkek before the tender closed';
const ATTACHMENT_TEXT = 'Delivery schedule, Signatek invoice no. 7731: SORM-3 probes x 40. ';
const SMALL_ATTACHMENT = 'Scanned letter from the Kyrgyz ministry: confidential annex B.';

/** Ten strings of the sample (and of the work done on it) that must appear in no file. */
const PLAINTEXTS = [
  SAMPLE_CASE_NAME,
  ARTICLE_TITLE,
  sampleDeals[0]!.title,
  sampleActors.find((a) => a.name.startsWith('Government of'))!.name,
  sampleClaims[0]!.statement,
  sampleClaims[0]!.excerpts[0]!.text.slice(0, 80),
  'Reuters reporting on Chinese hacking of telecom networks',
  SOURCE_URL,
  EDITED,
  ATTACHMENT_TEXT,
  SMALL_ATTACHMENT,
];
/** Search tokens are stored folded to lower case: a distinctive one of them too. */
const TOKENS = ['signatek', 'oniks'];

const sqliteTmp = tempDir('corroborate-sqlite-tmp-');
let savedTmp: string | undefined;
beforeAll(() => {
  // SQLite reads SQLITE_TMPDIR whenever it makes a temporary file: any it made would land here.
  savedTmp = process.env.SQLITE_TMPDIR;
  process.env.SQLITE_TMPDIR = sqliteTmp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.SQLITE_TMPDIR;
  else process.env.SQLITE_TMPDIR = savedTmp;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** SQLite's temporary files are unlinked as soon as made: they can only be read through our fds. */
function openDeletedFiles(): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  const found: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.endsWith('(deleted)') || target.includes('etilqs')) found.push(`/proc/self/fd/${fd}`);
    } catch {
      // the fd closed meanwhile
    }
  }
  return found;
}

function leaks(files: string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    if (bytes.subarray(0, 16).toString('latin1') === 'SQLite format 3\0')
      out.push(`${file}: plain SQLite header`);
    for (const text of [...PLAINTEXTS, ...TOKENS, PASSPHRASE])
      if (bytes.includes(Buffer.from(text, 'utf8'))) out.push(`${file}: "${text.slice(0, 40)}"`);
  }
  return out;
}

/** A folder with the app's migrations but the last: what the previous version of the app wrote. */
function previousMigrations(): { dir: string; previous: number } {
  const real = defaultMigrationsDir();
  const files = readdirSync(real)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const dir = tempDir('corroborate-prev-migrations-');
  for (const f of files.slice(0, -1)) copyFileSync(join(real, f), join(dir, f));
  return { dir, previous: files.length - 1 };
}

describe('an encrypted sample case, worked on', { timeout: 180_000 }, () => {
  it('leaves none of ten known strings, and no plain SQLite header, in any file', async () => {
    const dir = tempDir('corroborate-at-rest-');
    const path = join(dir, 'sample.evidence');
    buildSampleCase(path, { passphrase: PASSPHRASE });
    const c = reopenCase(path, { passphrase: PASSPHRASE });
    expect(c.encrypted).toBe(true);

    // Edits, a source with a URL, two attachments (inline, and streamed through the staging file).
    const claim = listClaims(c, { limit: 1 }).items[0]!;
    updateClaim(c, { id: claim.id, ifUpdatedAt: claim.updatedAt, statement: EDITED });
    const source = createSource(c, {
      title: 'Leaked delivery schedule',
      kind: 'document',
      reliability: 'C',
      url: SOURCE_URL,
    });
    addAttachment(c, {
      sourceId: source.id,
      fileName: 'letter.txt',
      bytesBase64: Buffer.from(SMALL_ATTACHMENT).toString('base64'),
    });
    const big = Buffer.from(ATTACHMENT_TEXT.repeat(40_000)); // 2.6 MB: several chunks
    await addAttachmentFromStream(
      c,
      { sourceId: source.id, fileName: 'schedule.txt' },
      Readable.from([big.subarray(0, 1_000_000), big.subarray(1_000_000)]),
    );
    // Search, and a sort large enough to want a temporary b-tree.
    expect(searchCase(c, { query: 'Signatek' }).total).toBeGreaterThan(0);
    expect(listSources(c, { limit: 50, sort: { field: 'title' } }).items.length).toBeGreaterThan(1);
    backupTo(c.db, join(dir, 'sample.copy.evidence'));

    // While open, the -wal holds the latest pages: scanned as they are.
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(leaks([...filesUnder(dir), ...filesUnder(sqliteTmp), ...openDeletedFiles()])).toEqual([]);
    c.close();

    // The upgrade of a case made by the previous version: its pre-migration backup too.
    const { dir: prevDir, previous } = previousMigrations();
    const old = join(dir, 'previous.evidence');
    buildSampleCase(old, { passphrase: PASSPHRASE, migrationsDir: prevDir });
    const upgraded = reopenCase(old, { passphrase: PASSPHRASE });
    expect(upgraded.schemaVersion).toBe(previous + 1);
    expect(existsSync(`${old}.v${previous}.bak`)).toBe(true);
    expect(
      reopenCase(`${old}.v${previous}.bak`, { passphrase: PASSPHRASE, migrationsDir: prevDir }).meta.name,
    ).toBe(SAMPLE_CASE_NAME);
    upgraded.close();

    const files = [...filesUnder(dir), ...filesUnder(sqliteTmp)];
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      expect.arrayContaining([
        'previous.evidence',
        `previous.evidence.v${previous}.bak`,
        'sample.copy.evidence',
        'sample.evidence',
      ]),
    );
    expect(leaks(files)).toEqual([]);

    // The scan would see them if they were there: the same work on a plain case leaks them all.
    const plain = join(tempDir(), 'plain.evidence');
    buildSampleCase(plain);
    expect(leaks([plain]).length).toBeGreaterThan(5);
  });

  it('opens with the key derived once, as the app does after unlocking', () => {
    const path = join(tempDir(), 'sample.evidence');
    buildSampleCase(path, { passphrase: PASSPHRASE });
    const key = deriveCaseKey(PASSPHRASE, readSalt(path));
    const c = openCase(path, { key });
    expect(c.meta.name).toBe(SAMPLE_CASE_NAME);
    c.close();
  });
});
