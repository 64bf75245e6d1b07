// The integrity report as plain text: what was checked and what was found, in words an auditor
// can read, save or print.

import type { IntegrityReport } from '../../schema/custody';
import { groupedHash } from '../custody';
import { plural } from '../words';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function renderIntegrityReport(r: Omit<IntegrityReport, 'text'>): string {
  const problems = r.steps.reduce((n, s) => n + s.problems.length, 0);
  const lines = [
    'CORROBORATE CASE INTEGRITY REPORT',
    '',
    `Case:        ${oneLine(r.caseName)}`,
    `Case id:     ${r.caseId}`,
    `Case file:   ${r.fileName}`,
    `Checked:     ${r.startedAt} to ${r.finishedAt}`,
    `Audit head:  event ${r.auditHead.seq}, hash ${groupedHash(r.auditHead.hash, ' '.repeat(24))}`,
    '',
    r.cancelled
      ? 'RESULT: CANCELLED. The check was stopped before it finished; nothing is proven about the steps not run.'
      : r.ok
        ? 'RESULT: PASSED. Every check found the case exactly as it was recorded.'
        : `RESULT: FAILED. ${plural(problems, 'problem')} found; each is listed below.`,
    '',
  ];
  for (const s of r.steps) {
    const mark = s.skipped ? 'SKIPPED' : s.ok ? 'PASSED ' : 'FAILED ';
    lines.push(`[${mark}] ${s.label}: ${s.summary}`);
    for (const p of s.problems) lines.push(`          - ${p}`);
  }
  lines.push('');
  return lines.join('\n');
}
