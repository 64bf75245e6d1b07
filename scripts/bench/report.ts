// The bench's output: one table per size (ours, raw, ratio, the target at 1M) and the
// same figures as JSON for CI artefacts and for comparing runs.
import { writeFileSync } from 'node:fs';
import type { CaseCounts } from './generate';

export interface OpResult {
  name: string;
  /** Median milliseconds of one run through our layers. */
  ours: number;
  /** Median milliseconds of the same work with raw better-sqlite3; null when there is no raw equivalent. */
  raw: number | null;
  ratio: number | null;
  /** The same medians in CPU time (user + system): steadier than wall time on a shared machine. */
  oursCpu: number;
  rawCpu: number | null;
  cpuRatio: number | null;
  runs: number;
  /** A derived figure worth printing (events/s, rows/s). */
  extra?: string;
  /** The target, stated for the 1M size. */
  target?: string;
  met?: boolean;
}

export interface SizeResult {
  evidence: number;
  seed: number;
  counts: CaseCounts & { auditEvents: number; records: number };
  files: { oursMb: number; rawMb: number };
  ops: OpResult[];
  /** The same work on an encrypted case; `ours` is encrypted, `raw` the plain case of the same run. */
  encrypted?: OpResult[];
  peakRssMb: number;
  wallSeconds: number;
}

export interface BenchReport {
  startedAt: string;
  node: string;
  cpus: number;
  seed: number;
  sizes: SizeResult[];
  ui?: UiResult;
}

export interface UiResult {
  evidence: number;
  firstRowsMs: number;
  openClaimMs: number;
  evidenceShown: number;
  frames: number;
  slowFrames: number;
  worstFrameMs: number;
  note?: string;
}

const fmtMs = (ms: number): string => {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
};

export const fmtRatio = (r: number | null): string =>
  r === null || !Number.isFinite(r) ? '—' : `${r.toFixed(r < 10 ? 2 : 1)}×`;

const fmtCount = (n: number): string =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n);

function pad(s: string, n: number, right = false): string {
  const len = [...s].length;
  return len >= n ? s : right ? ' '.repeat(n - len) + s : s + ' '.repeat(n - len);
}

export function formatSize(r: SizeResult): string {
  const c = r.counts;
  const head =
    `${fmtCount(r.evidence)} evidence links — ${c.claims} claims, ${c.sources} sources, ${c.deals} deals, ${c.actors} actors, ` +
    `${c.assessments} assessments; ${c.auditEvents} audit events; case file ${r.files.oursMb.toFixed(1)} MB, raw ${r.files.rawMb.toFixed(1)} MB`;
  const rows: string[][] = [['operation', 'ours', 'raw', 'ratio', 'cpu ratio', 'note', 'target (1M)']];
  for (const op of r.ops) {
    rows.push([
      op.name,
      fmtMs(op.ours),
      op.raw === null ? '—' : fmtMs(op.raw),
      fmtRatio(op.ratio),
      fmtRatio(op.cpuRatio),
      op.extra ?? '',
      op.target ? `${op.target} ${op.met ? 'met' : 'MISSED'}` : '',
    ]);
  }
  rows.push([
    'peak RSS',
    `${r.peakRssMb.toFixed(0)} MB`,
    '',
    '',
    '',
    '',
    `< 300 MB ${r.peakRssMb < 300 ? 'met' : 'MISSED'}`,
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...(row[i] ?? '')].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => pad(cell, widths[i] as number, i >= 1 && i <= 4))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const encrypted = r.encrypted?.length ? `\n\n${formatEncrypted(r.encrypted)}` : '';
  return `${head}\n${lines.join('\n')}${encrypted}\n(${r.wallSeconds.toFixed(0)} s for this size)`;
}

/** The encrypted rows: encrypted, plain (same run), their ratio, and the goal. */
export function formatEncrypted(ops: OpResult[]): string {
  const rows: string[][] = [
    ['encrypted case (SQLCipher 4)', 'encrypted', 'plain', 'ratio', 'cpu ratio', 'note', 'goal'],
  ];
  for (const op of ops)
    rows.push([
      op.name,
      fmtMs(op.ours),
      op.raw === null ? '—' : fmtMs(op.raw),
      fmtRatio(op.ratio),
      fmtRatio(op.cpuRatio),
      op.extra ?? '',
      op.target ? `${op.target} ${op.met ? 'met' : 'MISSED'}` : '',
    ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...(row[i] ?? '')].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => pad(cell, widths[i] as number, i >= 1 && i <= 4))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

export function formatUi(u: UiResult): string {
  return [
    `renderer at ${fmtCount(u.evidence)} evidence links (host + Chromium):`,
    `  first rows of the claims list   ${fmtMs(u.firstRowsMs)}`,
    `  open a claim with ${u.evidenceShown} evidence   ${fmtMs(u.openClaimMs)}`,
    `  scroll to the end               ${u.slowFrames} of ${u.frames} frames over 50 ms (worst ${fmtMs(u.worstFrameMs)})`,
    ...(u.note ? [`  note: ${u.note}`] : []),
  ].join('\n');
}

export function writeJson(path: string, report: BenchReport): void {
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
