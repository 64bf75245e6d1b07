// Killing the app while it upgrades a case: the case is left at the old schema or the new one,
// never a mix, and the pre-migration backup, whenever it exists, is a whole copy of the old case.
// The upgrade is a test migration added after the real ones: slow on purpose (a large INSERT from
// a recursive CTE between a new column and a new index), so kills land in every phase: the
// backup, the migration transaction and the checkpoint after it.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createApi } from '../../electron/api/create-api';
import { verifyChain } from '../../electron/core/audit';
import { findBackups } from '../../electron/core/backups';
import { APPLICATION_ID, openCase } from '../../electron/core/db';
import { defaultMigrationsDir, loadMigrations } from '../../electron/core/migrations';
import { prebuild, spawnTs, stopAll } from './support/children';
import { healthProblems } from './support/health';
import { baseSeed, longMode, seeded } from './support/random';

const TRIALS = longMode ? 40 : 12;
const FILLER_ROWS = 250_000;

let dir: string;
let migrations: string;
let base: string;
let oldVersion: number;
let newVersion: number;
let baseClaims: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corroborate-migrate-'));
  await prebuild('migrate-child.ts');
  const real = defaultMigrationsDir();
  oldVersion = loadMigrations(real).at(-1)!.version;
  newVersion = oldVersion + 1;
  migrations = join(dir, 'migrations');
  cpSync(real, migrations, { recursive: true });
  writeFileSync(
    join(migrations, `${String(newVersion).padStart(4, '0')}_slow_upgrade.sql`),
    `ALTER TABLE claims ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE filler (n INTEGER PRIMARY KEY, pad TEXT NOT NULL) STRICT;
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${FILLER_ROWS})
INSERT INTO filler SELECT n, printf('%.120c', 'x') FROM c;
CREATE INDEX claims_reviewed ON claims (reviewed, id);
`,
  );
  base = join(dir, 'base.evidence');
  const api = createApi(base, { create: true, actor: 'tester' });
  const source = (await api.call('sources.create', {
    title: 'Leaked contract',
    kind: 'leak',
    reliability: 'B',
  })) as {
    ok: true;
    value: { id: string };
  };
  for (let i = 0; i < 300; i++) {
    const claim = (await api.call('claims.create', {
      statement: `Signatek supplied SORM equipment, item ${i}`,
    })) as {
      ok: true;
      value: { id: string };
    };
    await api.call('evidence.add', {
      claimId: claim.value.id,
      sourceId: source.value.id,
      stance: 'supports',
      excerpt: `Annex ${i}: `.padEnd(4_000, 'delivery of interception equipment; '),
      credibility: 2,
    });
  }
  baseClaims = api.file.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
  api.close();
});

afterAll(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

interface Schema {
  version: number;
  appId: number;
  hasColumn: boolean;
  hasFiller: boolean;
  fillerRows: number;
  hasIndex: boolean;
  claims: number;
  integrity: string;
}

/** What is in the file, read as a plain SQLite database (not through the app's own checks). */
function readSchema(path: string): Schema {
  const db = new Database(path);
  try {
    const names = new Set(db.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[]);
    const columns = (db.pragma('table_info(claims)') as { name: string }[]).map((c) => c.name);
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      appId: db.pragma('application_id', { simple: true }) as number,
      hasColumn: columns.includes('reviewed'),
      hasFiller: names.has('filler'),
      fillerRows: names.has('filler')
        ? (db.prepare('SELECT count(*) FROM filler').pluck().get() as number)
        : 0,
      hasIndex: names.has('claims_reviewed'),
      claims: db.prepare('SELECT count(*) FROM claims').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('SIGKILL during a migration', () => {
  it(`${TRIALS} kills in every phase: old schema or new, never a mix; the backup whole whenever it exists`, async () => {
    const seed = baseSeed();
    const rng = seeded(seed);
    // One uninterrupted upgrade first, to know how long the phases take here.
    const calibration = join(dir, 'calibration.evidence');
    copyFileSync(base, calibration);
    const full = spawnTs('migrate-child.ts', [calibration, migrations]);
    const done = JSON.parse(await full.waitFor((l) => l.includes('"opened"'), 120_000)) as {
      opened: number;
      ms: number;
    };
    await full.exited;
    expect(done.opened).toBe(newVersion);

    const outcomes: Record<string, number> = {};
    for (let trial = 0; trial < TRIALS; trial++) {
      const path = join(dir, `trial-${trial}.evidence`);
      copyFileSync(base, path);
      const child = spawnTs('migrate-child.ts', [path, migrations]);
      await child.waitFor((l) => l.includes('"opening"'));
      const delay = rng.int(0, Math.round(done.ms * 1.1));
      await sleep(delay);
      await child.kill();
      const finished = child.lines.some((l) => l.includes('"opened"'));

      const s = readSchema(path);
      const label = `trial ${trial} (kill after ${delay} ms of ~${done.ms}, seed ${seed})`;
      expect(s.integrity, label).toBe('ok');
      expect(s.appId, label).toBe(APPLICATION_ID);
      expect(s.claims, label).toBe(baseClaims);
      if (s.version === oldVersion) {
        expect(
          [s.hasColumn, s.hasFiller, s.hasIndex],
          `${label}: old version, but part of the upgrade is there`,
        ).toEqual([false, false, false]);
      } else {
        expect(s.version, label).toBe(newVersion);
        expect([s.hasColumn, s.hasFiller, s.fillerRows, s.hasIndex], label).toEqual([
          true,
          true,
          FILLER_ROWS,
          true,
        ]);
      }
      if (finished) expect(s.version, label).toBe(newVersion);

      // The backup: required once the upgrade committed; when it exists at all it is whole.
      const backup = `${path}.v${oldVersion}.bak`;
      if (s.version === newVersion)
        expect(existsSync(backup), `${label}: upgraded without a backup`).toBe(true);
      if (existsSync(backup)) {
        const b = readSchema(backup);
        expect([b.version, b.integrity, b.claims, b.hasColumn, b.hasFiller], label).toEqual([
          oldVersion,
          'ok',
          baseClaims,
          false,
          false,
        ]);
        const copy = openCase(backup);
        try {
          expect(await healthProblems(copy), label).toEqual([]);
        } finally {
          copy.close();
        }
      }
      // An interrupted backup leaves at most its `.partial`, which is never offered as a backup.
      expect(
        findBackups(path)
          .map((b) => b.fileName)
          .filter((n) => n.includes('partial')),
      ).toEqual([]);

      const phase =
        s.version === newVersion
          ? 'upgraded'
          : existsSync(backup)
            ? 'old, backup taken'
            : 'old, no backup yet';
      outcomes[phase] = (outcomes[phase] ?? 0) + 1;

      // Every third trial, and whenever a kill left an unfinished backup: opening again finishes
      // the job, with a whole backup beside it, and removes the unfinished one, saying so.
      const partials = readdirSync(dir).filter(
        (n) => n.startsWith(`trial-${trial}.`) && n.includes('.partial'),
      );
      if (trial % 3 === 0 || partials.length > 0) {
        const again = openCase(path, { migrationsDir: migrations });
        try {
          expect(again.schemaVersion).toBe(newVersion);
          expect(verifyChain(again.db).ok).toBe(true);
          for (const name of partials) expect(again.notices.join('\n'), label).toContain(name);
        } finally {
          again.close();
        }
        expect(
          readdirSync(dir).filter((n) => n.startsWith(`trial-${trial}.`) && n.includes('.partial')),
          label,
        ).toEqual([]);
        const backups = findBackups(path);
        expect(backups.length, label).toBeGreaterThan(0);
        expect(backups.every((b) => b.looksValid && b.version === oldVersion)).toBe(true);
      }
      for (const f of readdirSync(dir).filter((n) => n.startsWith(`trial-${trial}.`)))
        rmSync(join(dir, f), { force: true });
    }
    console.info(`migration kills (upgrade ~${done.ms} ms, seed ${seed}): ${JSON.stringify(outcomes)}`);
    // The kills must have landed on both sides of the commit for the test to mean anything.
    expect(Object.keys(outcomes).length).toBeGreaterThan(1);
  });
});
