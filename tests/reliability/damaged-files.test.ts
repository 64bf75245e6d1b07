// Bytes flipped in a case file: in its header, in table and index pages, and in its write-ahead
// log. Whatever is hit, the app must never show damaged data as if it were whole: opening refuses
// with an `integrity` error naming the file and what failed (and offering the newest backup) and
// writes nothing, or the file opens and the deep check (`case.verifyIntegrity`) names the damage, or the
// flip changed nothing the case holds. A silent change is the failure.
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type ApiWithFile as Api, callOn, createApi } from '../../electron/api/create-api';
import { openCase } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import { runIntegrity } from '../../electron/core/integrity/run-integrity';
import { fileHash } from '../support/temp-case';
import { healthProblems } from './support/health';
import { baseSeed, longMode, seeded } from './support/random';

const FLIPS_PER_TARGET = longMode ? 300 : 40;
const seed = baseSeed();

let dir: string;
let base: string;
let baseDump: string;

/**
 * Every row of every table, for "nothing changed" comparisons. The search index's own tables are
 * left to FTS5's integrity-check (part of case.verifyIntegrity): some of their bytes are position hints that
 * a flip can change without changing what any search finds.
 */
function dump(db: Database.Database): string {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all();
  return JSON.stringify(out);
}

async function fill(api: Api, claims: number): Promise<void> {
  const src = (await api.call('sources.create', {
    title: 'Tender records',
    kind: 'official_record',
    reliability: 'A',
  })) as {
    ok: true;
    value: { id: string };
  };
  for (let i = 0; i < claims; i++) {
    const claim = (await api.call('claims.create', {
      statement: `Claim ${i}: Oniks-Line supplied the monitoring centre`,
      tags: [`t${i % 7}`],
    })) as { ok: true; value: { id: string } };
    await api.call('evidence.add', {
      claimId: claim.value.id,
      sourceId: src.value.id,
      stance: i % 5 === 0 ? 'contradicts' : 'supports',
      excerpt: `excerpt ${i} `.repeat(15),
      credibility: (i % 6) + 1,
    });
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corroborate-damage-'));
  base = join(dir, 'base.evidence');
  const api = createApi(base, { create: true, actor: 'tester' });
  await fill(api, 300);
  api.close();
  const db = new Database(base, { readonly: true });
  baseDump = dump(db);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = 'refused' | 'named by case.verifyIntegrity' | 'unchanged' | 'SILENT CHANGE';

/** Opens a damaged copy the way the app does, and classifies what the user would see. */
async function tryOpen(path: string, reference: string): Promise<{ outcome: Outcome; detail: string }> {
  const before = { main: fileHash(path), wal: fileHash(`${path}-wal`) };
  const sidecars = readdirSync(dir).filter((f) => f.startsWith('x.evidence'));
  let file: ReturnType<typeof openCase>;
  try {
    file = openCase(path);
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    // A refused file is left exactly as it was: same bytes, no side files added.
    expect({ main: fileHash(path), wal: fileHash(`${path}-wal`) }, error.message).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('x.evidence'))).toEqual(sidecars);
    expect(error.message).toContain('x.evidence');
    expect(['integrity', 'conflict']).toContain(error.code);
    expect(error.reason).toBeTruthy();
    return { outcome: 'refused', detail: `${error.code}/${error.reason}` };
  }
  try {
    let data: string;
    try {
      data = dump(file.db);
    } catch (error) {
      // Reading the damaged rows fails loudly; the deep check must say so too.
      expect((await runIntegrity(file, {})).ok).toBe(false);
      return { outcome: 'named by case.verifyIntegrity', detail: (error as Error).message };
    }
    const check = await runIntegrity(file, {});
    if (!check.ok)
      return { outcome: 'named by case.verifyIntegrity', detail: check.steps.find((s) => !s.ok)?.step ?? '' };
    if (data === reference) return { outcome: 'unchanged', detail: '' };
    return { outcome: 'SILENT CHANGE', detail: 'opened, passed every check, but holds different data' };
  } finally {
    file.close();
  }
}

function pagesOf(path: string): Map<string, number[]> {
  const db = new Database(path, { readonly: true });
  try {
    const pages = new Map<string, number[]>();
    for (const r of db.prepare('SELECT name, pageno, pagetype FROM dbstat').all() as {
      name: string;
      pageno: number;
      pagetype: string;
    }[]) {
      const key = `${r.name}:${r.pagetype}`;
      pages.set(key, [...(pages.get(key) ?? []), r.pageno]);
    }
    return pages;
  } finally {
    db.close();
  }
}

const clean = (path: string) => {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
};

describe('flipped bytes in the main file', () => {
  it('every byte of the 100-byte header: refused, or harmless', async () => {
    const bytes = readFileSync(base);
    const path = join(dir, 'x.evidence');
    const tally: Record<string, number[]> = {};
    for (let offset = 0; offset < 100; offset++) {
      for (const mask of [0x01, 0x80]) {
        const damaged = Buffer.from(bytes);
        damaged[offset]! ^= mask;
        clean(path);
        writeFileSync(path, damaged);
        const { outcome, detail } = await tryOpen(path, baseDump);
        expect(outcome, `header byte ${offset} ^ ${mask}`).not.toBe('SILENT CHANGE');
        const key = `${outcome}${detail ? ` ${detail}` : ''}`;
        tally[key] = [...(tally[key] ?? []), offset];
      }
    }
    clean(path);
    console.info(
      `header flips: ${Object.entries(tally)
        .map(([k, v]) => `${k}: ${v.length}`)
        .join(', ')}`,
    );
  });

  it.each([
    ['claims', 'leaf'],
    ['claims', 'internal'],
    ['evidence', 'leaf'],
    ['claims_statement', 'leaf'],
    ['evidence_claim', 'leaf'],
    ['audit_log', 'leaf'],
    ['claim_verdicts', 'leaf'],
    ['search_fts_data', 'leaf'],
  ])(`random single-bit flips in %s (%s pages): refused or named, never silent`, async (table, kind) => {
    const pages = pagesOf(base).get(`${table}:${kind}`);
    expect(pages?.length, `${table} has ${kind} pages`).toBeGreaterThan(0);
    const bytes = readFileSync(base);
    const pageSize = bytes.readUInt16BE(16);
    const rng = seeded(seed ^ table.length ^ kind.length);
    const path = join(dir, 'x.evidence');
    const tally: Record<string, number> = {};
    for (let i = 0; i < FLIPS_PER_TARGET; i++) {
      const page = rng.pick(pages!);
      const offset = (page - 1) * pageSize + rng.int(0, pageSize - 1);
      const damaged = Buffer.from(bytes);
      damaged[offset]! ^= 1 << rng.int(0, 7);
      clean(path);
      writeFileSync(path, damaged);
      const { outcome } = await tryOpen(path, baseDump);
      expect(outcome, `page ${page}, byte ${offset - (page - 1) * pageSize} (seed ${seed})`).not.toBe(
        'SILENT CHANGE',
      );
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
    clean(path);
    console.info(`${table} ${kind} page flips: ${JSON.stringify(tally)}`);
  });
});

describe('flipped bytes in the write-ahead log', () => {
  let main: Buffer;
  let wal: Buffer;
  let shm: Buffer;
  let frames: number;
  let walDump: string;

  beforeAll(async () => {
    // A case whose recent work is still in its WAL: as after a crash, before any checkpoint.
    const path = join(dir, 'wal-source.evidence');
    const api = createApi(path, { create: true, actor: 'tester' });
    api.file.db.pragma('wal_autocheckpoint = 0');
    await fill(api, 40);
    copyFileSync(path, join(dir, 'wal-copy.evidence'));
    copyFileSync(`${path}-wal`, join(dir, 'wal-copy.evidence-wal'));
    // The WAL index, as a crash leaves it: it records how far the log was committed.
    copyFileSync(`${path}-shm`, join(dir, 'wal-copy.evidence-shm'));
    walDump = dump(api.file.db);
    api.close();
    main = readFileSync(join(dir, 'wal-copy.evidence'));
    wal = readFileSync(join(dir, 'wal-copy.evidence-wal'));
    shm = readFileSync(join(dir, 'wal-copy.evidence-shm'));
    frames = (wal.length - 32) / (24 + main.readUInt16BE(16));
    expect(Number.isInteger(frames) && frames > 100).toBe(true);
  });

  const install = (path: string, walBytes: Buffer, withIndex = false) => {
    clean(path);
    writeFileSync(path, main);
    writeFileSync(`${path}-wal`, walBytes);
    if (withIndex) writeFileSync(`${path}-shm`, shm);
  };

  it('the undamaged copy opens with every change, with or without its WAL index', async () => {
    const path = join(dir, 'x.evidence');
    install(path, wal);
    expect((await tryOpen(path, walDump)).outcome).toBe('unchanged');
    install(path, wal, true);
    expect((await tryOpen(path, walDump)).outcome).toBe('unchanged');
    clean(path);
  });

  it('a WAL holding the frames of a rolled-back transaction is not mistaken for damage', async () => {
    const source = join(dir, 'rollback-source.evidence');
    const api = createApi(source, { create: true, actor: 'tester' });
    const db = api.file.db;
    db.pragma('wal_autocheckpoint = 0');
    await fill(api, 5);
    // A small page cache makes a large transaction spill its pages into the WAL before it ends;
    // rolled back, they stay there (same salt, no commit), and the next commit overwrites only some.
    db.pragma('cache_size = 8');
    expect(() =>
      api.file.write(() => {
        db.prepare("INSERT INTO case_meta (key, value) VALUES ('filler', ?)").run('z'.repeat(2_000_000));
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    await api.call('claims.create', { statement: 'Written after the rollback' });
    const path = join(dir, 'x.evidence');
    clean(path);
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(`${source}${suffix}`, `${path}${suffix}`);
    const expected = dump(db);
    api.close();
    expect((await tryOpen(path, expected)).outcome).toBe('unchanged');
    clean(path);
  });

  it('a flip in the last frame: refused when the WAL index a crash leaves is there', async () => {
    const path = join(dir, 'x.evidence');
    const frameSize = 24 + main.readUInt16BE(16);
    const rng = seeded(seed ^ 0xb2);
    const tally: Record<string, number> = {};
    for (let i = 0; i < 10; i++) {
      const damaged = Buffer.from(wal);
      damaged[32 + (frames - 1) * frameSize + rng.int(0, frameSize - 1)]! ^= 1 << rng.int(0, 7);
      install(path, damaged, true);
      const { outcome, detail } = await tryOpen(path, walDump);
      expect(`${outcome} ${detail}`).toBe('refused integrity/wal_damaged');
      // Without the index the flip looks exactly like a write torn by a power cut.
      install(path, damaged);
      const bare = (await tryOpen(path, walDump)).outcome;
      tally[bare] = (tally[bare] ?? 0) + 1;
    }
    clean(path);
    console.info(`last-frame flips without the WAL index: ${JSON.stringify(tally)}`);
  });

  it('flips in the WAL header and in its frames: refused before SQLite can drop committed work', async () => {
    const rng = seeded(seed ^ 0xa1);
    const path = join(dir, 'x.evidence');
    const frameSize = 24 + main.readUInt16BE(16);
    const tally: Record<string, number> = {};
    const silentFrames: number[] = [];
    const trials = FLIPS_PER_TARGET * 3;
    for (let i = 0; i < trials; i++) {
      const offset = i < trials / 6 ? rng.int(0, 31) : rng.int(32, wal.length - 1);
      const damaged = Buffer.from(wal);
      damaged[offset]! ^= 1 << rng.int(0, 7);
      install(path, damaged);
      const { outcome, detail } = await tryOpen(path, walDump);
      const frame = offset < 32 ? 0 : Math.floor((offset - 32) / frameSize) + 1;
      if (outcome === 'SILENT CHANGE') silentFrames.push(frame);
      if (outcome === 'refused') expect(detail).toBe('integrity/wal_damaged');
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
    clean(path);
    console.info(
      `WAL flips (${frames} frames): ${JSON.stringify(tally)}; silent only in frame(s) ${silentFrames.join(',') || 'none'}`,
    );
    // The one blind spot: the very last frame of a WAL, where a flip looks exactly like a write
    // torn by a power cut (SQLite drops it either way). Everywhere else, damage is refused.
    expect(silentFrames.filter((f) => f !== frames)).toEqual([]);
  });
});

describe('the newest backup is offered', () => {
  it('a damaged case names its newest whole backup, which opens', async () => {
    const path = join(dir, 'offered.evidence');
    copyFileSync(base, path);
    // The app's own backups: two taken before upgrades, the later one newer.
    copyFileSync(base, `${path}.v1.bak`);
    const older = new Date(Date.now() - 86_400_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(`${path}.v1.bak`, older, older);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    copyFileSync(base, `${path}.v1.${stamp}.bak`);
    writeFileSync(`${path}.v1.bak.partial`, 'an interrupted backup');

    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const root = pagesOf(path).get('claims:internal')![0]!;
    bytes.fill(0xa5, (root - 1) * pageSize, (root - 1) * pageSize + 64);
    writeFileSync(path, bytes);

    let error: CoreError | null = null;
    try {
      openCase(path).close();
    } catch (e) {
      error = e as CoreError;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect(error!.code).toBe('integrity');
    expect(error!.reason).toBe('corrupt');
    expect(error!.message).toMatch(
      /^offered\.evidence is damaged: .+\. It was not opened and nothing in it was changed\./,
    );
    expect(error!.message).toContain(`The newest backup is offered.evidence.v1.${stamp}.bak`);

    const api = createApi(`${path}.v1.${stamp}.bak`);
    try {
      expect(await healthProblems(api.file)).toEqual([]);
      const listed = await callOn(api.file, 'case.backups', {});
      expect(listed.ok).toBe(true);
    } finally {
      api.close();
    }
    expect(existsSync(`${path}.v1.bak.partial`)).toBe(true);
  });
});
