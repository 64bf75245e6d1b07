// `npm run bench` — how much our layers cost over SQLite itself, at real sizes.
//   --quick           10k evidence links only (CI: checks the bench runs, not its times)
//   --sizes a,b,…     evidence links per size (default 10000,100000,1000000)
//   --seed n          the synthetic case's seed (default 7)
//   --json file       also write the figures as JSON
//   --ui              the renderer at 100k through the host in Chromium (see ui.ts)
//   --profile dir     write a V8 CPU profile of each size into dir (node --cpu-prof)
//   --keep            keep the temp folder with the generated case files
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchReport, formatSize, formatUi, type SizeResult, writeJson } from './report';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    seed: { type: 'string', default: '7' },
    json: { type: 'string' },
    ui: { type: 'boolean', default: false },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const here = fileURLToPath(new URL('.', import.meta.url));
const seed = Number(values.seed);
const sizes = values.quick
  ? [10_000]
  : values.sizes
    ? values.sizes.split(',').map((s) => Number(s.trim()))
    : [10_000, 100_000, 1_000_000];
if (sizes.some((n) => !Number.isInteger(n) || n < 20))
  throw new Error('--sizes takes whole numbers of at least 20');

function runChild(evidence: number, dir: string): Promise<SizeResult> {
  const out = join(dir, `result-${evidence}.json`);
  const execArgv = [...process.execArgv];
  if (values.profile) execArgv.push('--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`);
  const child = fork(
    join(here, 'size-child.ts'),
    ['--evidence', String(evidence), '--seed', String(seed), '--dir', dir, '--out', out],
    {
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (code === 0) done(JSON.parse(readFileSync(out, 'utf8')) as SizeResult);
      else fail(new Error(`the ${evidence} size failed (${signal ?? `exit ${code}`})`));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-'));
const report: BenchReport = {
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  seed,
  sizes: [],
};
try {
  for (const evidence of sizes) {
    const result = await runChild(evidence, dir);
    report.sizes.push(result);
    process.stdout.write(`\n${formatSize(result)}\n`);
    if (values.json) writeJson(values.json, report);
  }
  if (values.ui) {
    const { runUi } = await import('./ui');
    report.ui = await runUi({ seed, dir, log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`\n${formatUi(report.ui)}\n`);
  }
  if (values.json) writeJson(values.json, report);
} finally {
  if (values.keep) process.stderr.write(`case files kept in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
