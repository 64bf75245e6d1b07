// Crash trials: a child process writes through the contract as fast as it can and is killed with
// SIGKILL at a random moment; then the case must open, be whole, hold every acknowledged write with
// its values, and hold nothing half-made. Trials run in chains on the same file, so each child also
// starts by recovering the previous child's crash. Replay a failure with RELIABILITY_SEED=<seed>.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openCase } from '../../electron/core/db';
import type { CoreError } from '../../electron/core/errors';
import { ackProblems } from './support/acks';
import { prebuild, spawnTs, stopAll } from './support/children';
import { healthProblems } from './support/health';
import { baseSeed, longMode, seeded } from './support/random';

const CHAINS = longMode ? 6 : 5;
const TRIALS_PER_CHAIN = longMode ? 50 : 10;
const CREATION_TRIALS = longMode ? 40 : 10;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corroborate-crash-'));
  await prebuild('crash-child.ts');
});
afterAll(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

const seed = baseSeed();

interface Totals {
  trials: number;
  calls: number;
  ackedWrites: number;
  refused: number;
  inFlightCommitted: number;
  recoveredWal: number;
  largestWal: number;
}

/** The same trials on a plain case and on an encrypted one (SQLCipher pages, encrypted WAL). */
const variants: [string, { passphrase?: string }][] = [
  ['a plain case', {}],
  ['an encrypted case', { passphrase: 'crash-trial-passphrase-0417' }],
];

describe.each(variants)('SIGKILL at a random moment, on %s', (variant, secret) => {
  const env: Record<string, string> = secret.passphrase ? { CORROBORATE_PASSPHRASE: secret.passphrase } : {};
  const tag = secret.passphrase ? 'enc-' : '';
  it(`${CHAINS * TRIALS_PER_CHAIN} kills mid-work: the case opens whole, with every acknowledged write (seed ${seed})`, async () => {
    const rng = seeded(seed);
    const totals: Totals = {
      trials: 0,
      calls: 0,
      ackedWrites: 0,
      refused: 0,
      inFlightCommitted: 0,
      recoveredWal: 0,
      largestWal: 0,
    };
    const failures: string[] = [];
    for (let chain = 0; chain < CHAINS; chain++) {
      const path = join(dir, `${tag}chain-${chain}.evidence`);
      for (let trial = 0; trial < TRIALS_PER_CHAIN; trial++) {
        const childSeed = rng.int(1, 2 ** 31);
        const child = spawnTs('crash-child.ts', [path, String(childSeed)], { env });
        await child.waitFor((l) => l.includes('"ready"'));
        // Mostly within the first burst of writes; sometimes long enough for WAL checkpoints.
        await sleep(rng.chance(0.2) ? rng.int(400, 1_500) : rng.int(0, 400));
        const exit = await child.kill();
        expect(exit.signal, child.stderr()).toBe('SIGKILL');
        const wal = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
        totals.largestWal = Math.max(totals.largestWal, wal);
        if (wal > 0) totals.recoveredWal++;

        const label = `chain ${chain} trial ${trial} (child seed ${childSeed})`;
        let file: ReturnType<typeof openCase>;
        try {
          file = openCase(path, secret);
        } catch (error) {
          const e = error as CoreError;
          failures.push(`${label}: the case did not open after the kill: ${e.code} ${e.reason} ${e.message}`);
          break;
        }
        try {
          const { problems, summary } = ackProblems(file, child.lines);
          const health = await healthProblems(file);
          for (const p of [...problems, ...health]) failures.push(`${label}: ${p}`);
          totals.trials++;
          totals.calls += summary.acked;
          totals.ackedWrites += summary.ackedWrites;
          totals.refused += summary.refused;
          if (summary.inFlightEvents > 0) totals.inFlightCommitted++;
        } finally {
          file.close();
        }
        if (failures.length > 0) break;
      }
      if (failures.length > 0) break;
    }
    console.info(`crash trials on ${variant} (seed ${seed}): ${JSON.stringify(totals)}`);
    expect(failures).toEqual([]);
    expect(totals.trials).toBe(CHAINS * TRIALS_PER_CHAIN);
    // The trials must actually have interrupted work, not idle children.
    expect(totals.ackedWrites).toBeGreaterThan(totals.trials * 5);
  });

  it(`${CREATION_TRIALS} kills while a new case is being created: no case, or a whole one`, async () => {
    const rng = seeded(seed ^ 0x5eed);
    // How long creating a case takes here, so the kills spread over it.
    const calibration = spawnTs('crash-child.ts', [join(dir, `${tag}calibration.evidence`), '1', '0'], {
      env,
    });
    const { openMs } = JSON.parse(await calibration.waitFor((l) => l.includes('"ready"'))) as {
      openMs: number;
    };
    await calibration.exited;
    const outcomes: Record<string, number> = {};
    for (let trial = 0; trial < CREATION_TRIALS; trial++) {
      const path = join(dir, `${tag}new-${trial}.evidence`);
      const child = spawnTs('crash-child.ts', [path, String(rng.int(1, 2 ** 31))], { env });
      await child.waitFor((l) => l.includes('"opening"'));
      await sleep(rng.int(0, Math.round(openMs * 1.2)));
      await child.kill();
      let outcome = 'no case';
      if (existsSync(path)) {
        // Before atomic creation, a kill here left an empty file or one with a hot rollback
        // journal, refused ever after as "empty" or "damaged".
        const file = openCase(path, secret);
        try {
          expect(await healthProblems(file)).toEqual([]);
        } finally {
          file.close();
        }
        outcome = 'a whole case';
      }
      // Creating it again (what the user does next) works and clears what the crash left.
      openCase(path, { create: true, ...secret }).close();
      expect(readdirSync(dir).filter((f) => f.startsWith(`${tag}new-${trial}.evidence.creating`))).toEqual(
        [],
      );
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    console.info(`creation kills on ${variant} (creating takes ~${openMs} ms): ${JSON.stringify(outcomes)}`);
  });
});
