// The bench must not rot: its synthetic cases are the same for the same seed, and a tiny run goes
// through every operation and reports each with a ratio against raw SQLite. Times are never
// asserted (they belong to the machine, not to the code).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CaseGenerator } from '../../scripts/bench/generate';
import type { BenchReport } from '../../scripts/bench/report';
import { planted, searchTerms } from '../../scripts/bench/words';

const root = resolve(import.meta.dirname, '..', '..');

function fingerprint(seed: number, evidence: number): string {
  const hash = createHash('sha256');
  for (const rec of new CaseGenerator(seed, evidence).records()) hash.update(JSON.stringify(rec));
  return hash.digest('hex');
}

describe('the synthetic case generator', () => {
  it('gives the same records for the same seed, and others for another seed', () => {
    expect(fingerprint(11, 2_000)).toBe(fingerprint(11, 2_000));
    expect(fingerprint(11, 2_000)).not.toBe(fingerprint(12, 2_000));
  });

  it('keeps the proportions and the claim with many evidence items', () => {
    const gen = new CaseGenerator(3, 10_000);
    expect(gen.counts).toMatchObject({ evidence: 10_000, claims: 1_000, sources: 500 });
    const records = [...gen.records()];
    expect(records).toHaveLength(gen.totalRecords);
    const perClaim = new Map<string, number>();
    for (const r of records) {
      if (r.method === 'evidence.add')
        perClaim.set(r.input.claimId, (perClaim.get(r.input.claimId) ?? 0) + 1);
    }
    expect(perClaim.get(gen.claimId(0))).toBe(200);
    // Every id is a distinct UUIDv7, so two runs of the bench write the same keys.
    const ids = records.map((r) => r.input.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('writes mixed Cyrillic and Latin text with the searched words planted', () => {
    const gen = new CaseGenerator(5, 10_000);
    const excerpts = Array.from({ length: 10_000 }, (_, i) => gen.evidence(i).excerpt);
    const share = (re: RegExp) => excerpts.filter((t) => re.test(t)).length / excerpts.length;
    expect(share(/[а-яё]{3}/i)).toBeGreaterThan(0.4);
    expect(share(/\b[a-z]{3}/i)).toBeGreaterThan(0.4);
    // Names and places cross scripts inside one excerpt, as they do in real reporting.
    expect(share(/(?=.*[а-яё]{3})(?=.*\b[a-z]{3})/is)).toBeGreaterThan(0.2);
    expect(share(/SORM|СОРМ/)).toBeGreaterThan(0.3);
    expect(share(/Signatek|Сигнатек/)).toBeLessThan(0.03);
    expect(excerpts.filter((t) => t.includes(planted.rare.en) || t.includes(planted.rare.ru))).toHaveLength(
      1,
    );
    expect(searchTerms.rare).toBe('Муйнак');
  });
});

describe('npm run bench at a tiny size', () => {
  it('times every operation on both sides and prints each with its ratio', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-smoke-'));
    try {
      const json = join(dir, 'bench.json');
      const stdout = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'scripts', 'bench', 'bench.ts'),
          '--sizes',
          '400',
          '--seed',
          '3',
          '--json',
          json,
        ],
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 170_000 },
      );
      const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
      expect(report.sizes).toHaveLength(1);
      const size = report.sizes[0]!;
      const names = size.ops.map((o) => o.name);
      for (const expected of [
        /^bulk import, core bulk path/,
        /^open a case/,
        /^claims\.get/,
        /^claims\.list page 1/,
        /^claims\.list page at row/,
        /^search\.query rare/,
        /^search\.query mid/,
        /^search\.query prefix/,
        /^search\.query common/,
        /^claims\.create/,
        /^claims\.update/,
        /^audit\.verify/,
      ]) {
        expect(
          names.some((n) => expected.test(n)),
          `${expected} in ${names.join(' | ')}`,
        ).toBe(true);
      }
      for (const o of size.ops) {
        expect(o.ours, o.name).toBeGreaterThan(0);
        if (o.raw !== null) {
          expect(o.ratio, o.name).toBeGreaterThan(0);
          // The printed table carries the same row with its ratio.
          const line = stdout.split('\n').find((l) => l.startsWith(o.name));
          expect(line, o.name).toMatch(/\d\.?\d*×/);
        }
      }
      expect(size.peakRssMb).toBeGreaterThan(0);
      expect(stdout).toMatch(/peak RSS\s+\d+ MB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
