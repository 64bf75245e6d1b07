// The open-time checks of a case's side files as one step with the integrity runner's shape
// ({ ok, summary, problems }): `npm run verify` runs exactly what openCase runs before SQLite may
// read a log (wal-check.ts for damage, sidecars.ts for belonging), so it never passes a case the
// app refuses. Reads bytes only; writes and creates nothing.
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { inspectSidecars, type SidecarReport, sidecarError } from './sidecars';
import { checkWal, type WalDamage } from './wal-check';
import type { AuditHead } from './wal-seal';

export interface SidecarCheck {
  ok: boolean;
  summary: string;
  problems: string[];
  report: SidecarReport;
  damage: WalDamage | null;
}

function pageSizeOf(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(18);
    if (readSync(fd, header, 0, 18, 0) < 18) return 4096;
    const raw = header.readUInt16BE(16);
    return raw === 1 ? 65536 : raw;
  } finally {
    closeSync(fd);
  }
}

const headText = (h: AuditHead | null) =>
  h ? `change #${h.seq} (${h.hash.slice(0, 12)}…)` : 'not readable from the bytes';

export function sidecarCheck(path: string): SidecarCheck {
  const report = inspectSidecars(path);
  const damage = checkWal(`${path}-wal`, pageSizeOf(path));
  const problems: string[] = [];
  if (damage) problems.push(`${basename(path)}-wal is damaged: ${damage.detail}.`);
  const refusal = sidecarError(path, report);
  if (refusal) problems.push(refusal.message);
  const found = [report.wal, report.shm, ...report.strays].filter((f) => f !== null);
  const lines = found.map((f) => {
    const log =
      'committedFrames' in f ? `, ${f.committedFrames} committed frame(s), ${f.writes} sealed write(s)` : '';
    return `${f.name} (${f.size} bytes${log})`;
  });
  const summary =
    found.length === 0
      ? 'No side files: the case file is complete on its own.'
      : [
          `Side files found: ${lines.join('; ')}.`,
          problems.length === 0
            ? 'They belong to this case file at this moment.'
            : 'They do NOT belong to this case file as it is.',
          `Audit head without them: ${headText(report.headWithout)}; with them: ${problems.length === 0 ? headText(report.headWith) : 'not applied'}.`,
        ].join(' ');
  return { ok: problems.length === 0, summary, problems, report, damage };
}
