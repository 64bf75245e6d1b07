// What this installation last saw of each case: the case id and its audit head (a sequence
// number and a hash), nothing of its content. A copy whose history does not continue what this
// computer last had open (an older copy from a USB stick, a sync folder that kept the wrong
// version) is announced instead of opening as if nothing happened.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** What these checks read of an open case (structural, so this file does not depend on db.ts). */
interface OpenedCase {
  readonly db: Database.Database;
  readonly meta: { caseId: string; name: string };
}

import { CoreError } from './errors';
import type { AuditHead } from './wal-seal';

export interface SeenHeadsOptions {
  /** A folder of this installation's own (never the case's folder). */
  dir: string;
}

const FILE = 'seen-case-heads.json';

type Registry = Record<string, AuditHead>;

function load(dir: string): Registry {
  try {
    const data = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { cases?: unknown };
    const cases = data.cases;
    if (typeof cases !== 'object' || cases === null) return {};
    const out: Registry = {};
    for (const [id, head] of Object.entries(cases)) {
      const h = head as Partial<AuditHead>;
      if (typeof h?.seq === 'number' && typeof h.hash === 'string') out[id] = { seq: h.seq, hash: h.hash };
    }
    return out;
  } catch {
    return {}; // none yet, or unreadable: nothing to compare with
  }
}

/** Written only into a folder that exists: the caller's own (never made up here). */
function save(dir: string, registry: Registry): void {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return;
  const temp = join(dir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(temp, `${JSON.stringify({ version: 1, cases: registry })}\n`, { mode: 0o600 });
  renameSync(temp, join(dir, FILE));
}

function headOf(c: OpenedCase): AuditHead | null {
  return (
    (c.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      | AuditHead
      | undefined) ?? null
  );
}

/** The head this installation last saw of the case, if any. */
export function seenHead(dir: string, caseId: string): AuditHead | null {
  return load(dir)[caseId] ?? null;
}

/** Records the case's current head as the last seen here. Best effort: never fails a close. */
export function rememberHead(c: OpenedCase, options: SeenHeadsOptions): void {
  try {
    const head = headOf(c);
    if (!head || !c.meta.caseId) return;
    const registry = load(options.dir);
    registry[c.meta.caseId] = head;
    save(options.dir, registry);
  } catch {
    // a folder we cannot write: the next open compares with an older record, which is only safer
  }
}

/**
 * Compares the open case with what was last seen here. A continuation is remembered and passes;
 * an older or diverging copy is refused (CoreError `conflict`, reason `older_copy` or
 * `diverged_copy`) unless `accept`, when it opens with a notice saying what is missing.
 */
export function checkSeenHead(c: OpenedCase, options: SeenHeadsOptions, accept: boolean): string | null {
  const head = headOf(c);
  const seen = c.meta.caseId ? seenHead(options.dir, c.meta.caseId) : null;
  let problem: { reason: 'older_copy' | 'diverged_copy'; text: string } | null = null;
  if (head && seen) {
    const atSeen = c.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seen.seq) as
      | string
      | undefined;
    if (head.seq < seen.seq) {
      const missing = seen.seq - head.seq;
      problem = {
        reason: 'older_copy',
        text: `this copy is older than the one you last had open: ${missing} change${missing === 1 ? ' is' : 's are'} missing (it ends at change #${head.seq}; this computer last saw change #${seen.seq})`,
      };
    } else if (atSeen !== seen.hash) {
      problem = {
        reason: 'diverged_copy',
        text: `this copy's history is not a continuation of the one you last had open: its change #${seen.seq} differs from the one this computer saw, so changes made in the other copy are not in this one`,
      };
    }
  }
  if (problem && !accept) {
    throw new CoreError(
      'conflict',
      `${c.meta.name || 'The case'}: ${problem.text}. It was not opened and nothing was changed. Open the newer copy if you have it, or open this one anyway knowing what it lacks.`,
      undefined,
      problem.reason,
    );
  }
  rememberHead(c, options);
  return problem ? `Opened although ${problem.text}.` : null;
}
