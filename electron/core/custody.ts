// Chain of custody: a checkpoint fixes the audit head in a small printable record; verification
// later proves the history still contains it unchanged; the integrity run checks the whole file
// (database, history, checkpoint, every preserved attachment) and says so in plain words.
import { basename } from 'node:path';
import {
  type AuditVerification,
  AuditVerify,
  type CaseCounts,
  CHECKPOINT_FORMAT,
  type Checkpoint,
  type CheckpointCheck,
  CheckpointInput,
  type CheckpointRecord,
  type IntegrityProgress,
  type IntegrityReport,
  type IntegrityStep,
  type IntegrityStepName,
  IntegrityVerify,
  integrityStepLabels,
} from '../schema/custody';
import { verifyAttachments } from './attachments';
import { auditHead, chainStart, GENESIS_HASH, verifyBatch } from './audit';
import type { CaseFile } from './db';
import { CoreError, fieldsOf, parseInput } from './errors';
import { nowIso } from './ids';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const short = (hash: string) => `${hash.slice(0, 16)}…`;

/** A hash in groups of four, two lines of eight: easy to read aloud and to compare on paper. */
export function groupedHash(hash: string, indent = ''): string {
  const groups = hash.match(/.{1,4}/g) ?? [];
  return `${groups.slice(0, 8).join(' ')}\n${indent}${groups.slice(8).join(' ')}`;
}

export function caseCounts(c: CaseFile): CaseCounts {
  const live = (table: string) =>
    c.stmt(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number;
  return {
    deals: live('deals'),
    actors: live('actors'),
    sources: live('sources'),
    claims: live('claims'),
    evidence: live('evidence'),
    assessments: live('assessments'),
    attachments: live('attachments'),
    auditEvents: c.stmt('SELECT count(*) FROM audit_log').pluck().get() as number,
  };
}

/** `audit.checkpoint`: the audit head now, as a record and as printable text. */
export function takeCheckpoint(c: CaseFile): CheckpointRecord {
  const checkpoint = c.read((): Checkpoint => {
    const head = auditHead(c.db);
    return {
      format: CHECKPOINT_FORMAT,
      caseId: c.meta.caseId,
      caseName: c.meta.name,
      seq: head.seq,
      headHash: head.hash,
      at: nowIso(),
      counts: caseCounts(c),
    };
  });
  return { ...checkpoint, text: renderCheckpoint(checkpoint) };
}

function countsLines(counts: CaseCounts, indent: string): string {
  const records = [
    plural(counts.deals, 'deal'),
    plural(counts.actors, 'actor'),
    plural(counts.sources, 'source'),
    plural(counts.claims, 'claim'),
    plural(counts.evidence, 'evidence item'),
    plural(counts.assessments, 'assessment'),
  ].join(', ');
  return `${records}\n${indent}${plural(counts.attachments, 'attachment')}, ${plural(counts.auditEvents, 'audit event')}`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The checkpoint as a text file: readable on paper, and read back by `parseCheckpointText`. */
export function renderCheckpoint(cp: Checkpoint): string {
  const pad = ' '.repeat(13);
  return [
    'CORROBORATE AUDIT CHECKPOINT',
    `Format:      ${cp.format}`,
    '',
    `Case:        ${oneLine(cp.caseName)}`,
    `Case id:     ${cp.caseId}`,
    `Event:       ${cp.seq}`,
    `Head hash:   ${groupedHash(cp.headHash, pad)}`,
    `Taken at:    ${cp.at}`,
    `Counts:      ${countsLines(cp.counts, pad)}`,
    '',
    `This record fixes the case's history as of event ${cp.seq}: the hash above commits to that`,
    'event and to every event before it. Keep it apart from the case file (print it, photograph',
    'it, give it to a colleague). To check the case against it later:',
    '  - in Corroborate: Audit > Verify case integrity, with this checkpoint;',
    '  - without the app: npm run verify -- <case file> --checkpoint <this file>',
    '',
  ].join('\n');
}

function badCheckpoint(why: string): CoreError {
  return new CoreError('invalid_input', `Invalid input: checkpointText ${why}`, { checkpointText: why });
}

/** Reads a checkpoint back from its text (or from JSON). Throws `invalid_input` naming what is missing. */
export function parseCheckpointText(text: string): CheckpointInput {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let candidate: unknown;
  if (trimmed.startsWith('{')) {
    try {
      candidate = JSON.parse(trimmed);
    } catch {
      throw badCheckpoint('is not a checkpoint this app wrote (it is not valid JSON)');
    }
  } else {
    const field = (label: string) =>
      new RegExp(`^[ \\t]*${label}:[ \\t]*(.*)$`, 'mi').exec(trimmed)?.[1]?.trim();
    const caseId = field('Case id');
    const seq = field('Event');
    const hashAt = /^[ \t]*Head hash:/im.exec(trimmed);
    if (!caseId || !seq || !hashAt) {
      throw badCheckpoint(
        'is not a checkpoint this app wrote (its "Case id", "Event" or "Head hash" line is missing)',
      );
    }
    const after = trimmed.slice(hashAt.index + hashAt[0].length);
    const hex = /^[\s0-9a-fA-F]*/.exec(after)?.[0].replace(/\s+/g, '') ?? '';
    candidate = {
      caseId,
      seq: /^\d+$/.test(seq) ? Number(seq) : Number.NaN,
      headHash: hex.slice(0, 64),
      at: field('Taken at'),
    };
  }
  const parsed = CheckpointInput.safeParse(candidate);
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error);
    throw badCheckpoint(
      `is not a readable checkpoint (${Object.entries(fields)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')})`,
    );
  }
  return parsed.data;
}

function checkpointOf(input: {
  checkpoint?: CheckpointInput | undefined;
  checkpointText?: string | undefined;
}) {
  if (input.checkpoint) return input.checkpoint;
  if (input.checkpointText !== undefined) return parseCheckpointText(input.checkpointText);
  return null;
}

interface ChainWalk {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  brokenAt: number | null;
  reason: string | null;
}

/**
 * Walks the whole chain in batches, letting other work run between them (no statement stays
 * open across a pause, so the case remains usable).
 */
async function walkChain(
  c: CaseFile,
  onProgress?: (checked: number, total: number) => void,
): Promise<ChainWalk> {
  const total = auditHead(c.db).seq;
  const cursor = chainStart();
  for (;;) {
    const step = c.read(() => verifyBatch(c.db, cursor));
    const head = { seq: cursor.expected - 1, hash: cursor.prevHash };
    if (step.broken) {
      // A gap is named by the missing event, the seq a checkpoint reader looks for.
      const { brokenAt, reason, missing } = step.broken;
      return { ok: false, checked: cursor.checked, head, brokenAt: missing ?? brokenAt, reason };
    }
    onProgress?.(cursor.checked, Math.max(total, cursor.checked));
    if (step.done) return { ok: true, checked: cursor.checked, head, brokenAt: null, reason: null };
    await nextTurn();
  }
}

/** Whether the history still holds the checkpoint's event with the checkpoint's hash. */
export function checkCheckpoint(c: CaseFile, cp: CheckpointInput, chain?: ChainWalk): CheckpointCheck {
  const at = cp.at ?? null;
  const base = { seq: cp.seq, headHash: cp.headHash, at };
  const fail = (message: string): CheckpointCheck => ({ ok: false, ...base, message });
  if (cp.caseId !== c.meta.caseId) {
    return fail(
      `This checkpoint belongs to another case (case id ${cp.caseId}); this case's id is ${c.meta.caseId}.`,
    );
  }
  const head = auditHead(c.db).seq;
  const hash =
    cp.seq === 0
      ? GENESIS_HASH
      : (c.stmt('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(cp.seq) as string | undefined);
  if (hash === undefined) {
    return fail(
      `The history now ends at event ${head}, before the checkpoint's event ${cp.seq}: events recorded by then have been removed (the case was rolled back or truncated).`,
    );
  }
  if (hash !== cp.headHash) {
    return fail(
      `Event ${cp.seq} no longer has the hash the checkpoint recorded (${short(cp.headHash)} recorded, ${short(hash)} now): the history up to that event was rewritten.`,
    );
  }
  if (chain && !chain.ok && chain.brokenAt !== null && chain.brokenAt <= cp.seq) {
    return fail(
      `The history is broken at event ${chain.brokenAt}, at or before the checkpoint's event ${cp.seq}, so it cannot be shown to contain the checkpoint unchanged.`,
    );
  }
  const since = head - cp.seq;
  return {
    ok: true,
    ...base,
    message: `The history still contains event ${cp.seq} exactly as the checkpoint${at ? ` of ${at}` : ''} recorded it; ${plural(since, 'event has', 'events have')} been added since.`,
  };
}

function verification(chain: ChainWalk, checkpoint: CheckpointCheck | null): AuditVerification {
  if (!chain.ok) {
    return {
      ok: false,
      checked: chain.checked,
      brokenAt: chain.brokenAt ?? 0,
      reason: chain.reason ?? '',
      checkpoint,
    };
  }
  if (checkpoint && !checkpoint.ok) {
    return {
      ok: false,
      checked: chain.checked,
      brokenAt: checkpoint.seq,
      reason: checkpoint.message,
      checkpoint,
    };
  }
  return { ok: true, checked: chain.checked, head: chain.head, checkpoint };
}

/** `audit.verify`: the whole chain, and — when one is given — an earlier checkpoint. */
export async function verifyAudit(
  c: CaseFile,
  input: unknown,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  const cp = checkpointOf(parseInput(AuditVerify, input));
  const chain = await walkChain(c, onProgress);
  return verification(chain, cp ? c.read(() => checkCheckpoint(c, cp, chain)) : null);
}

// ---- The full integrity run ----

const running = new WeakMap<CaseFile, IntegrityProgress>();

/** `case.integrityProgress`: where the running "Verify case integrity" is, or null when none runs. */
export function integrityProgress(c: CaseFile): IntegrityProgress | null {
  return running.get(c) ?? null;
}

/** Share of the progress bar per step. */
const WEIGHT = { database: 0.1, audit: 0.3, attachments: 0.6 } as const;

/**
 * `case.verifyIntegrity`: quick_check, the audit chain, the checkpoint if given, and every
 * attachment's bytes, reporting progress as it goes (also to `case.integrityProgress`, for a UI
 * that polls), and ending in a plain-words report. Read-only: it changes nothing in the case.
 */
export async function verifyCaseIntegrity(
  c: CaseFile,
  input: unknown,
  onProgress?: (progress: IntegrityProgress) => void,
): Promise<IntegrityReport> {
  const cp = checkpointOf(parseInput(IntegrityVerify, input));
  if (running.has(c))
    throw new CoreError('conflict', 'A verification of this case is already running; wait for it to finish.');
  const report = (progress: IntegrityProgress) => {
    running.set(c, progress);
    onProgress?.(progress);
  };
  const startedAt = nowIso();
  const steps: IntegrityStep[] = [];
  const step = (
    name: IntegrityStepName,
    ok: boolean,
    summary: string,
    problems: string[] = [],
    skipped = false,
  ) => steps.push({ step: name, label: integrityStepLabels[name], ok, skipped, summary, problems });
  try {
    report({ step: 'database', message: 'Checking the database structure…', fraction: 0 });
    await nextTurn();
    // A step that cannot finish (a damaged page, say) is itself a finding; the others still run.
    const attempt = async (name: IntegrityStepName, run: () => Promise<void> | void) => {
      try {
        await run();
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        step(name, false, 'The check could not be completed.', [`The check could not be completed: ${why}`]);
      }
    };
    let chain: ChainWalk | null = null;

    await attempt('database', () => {
      const damage = quickCheck(c);
      step(
        'database',
        damage.length === 0,
        damage.length === 0
          ? "SQLite's quick_check found no damage in the case file."
          : 'SQLite found damage in the case file.',
        damage,
      );
    });

    await attempt('audit', async () => {
      const walked = await walkChain(c, (checked, total) =>
        report({
          step: 'audit',
          message: `Checking the audit history: ${count(checked)} of ${count(total)} events`,
          fraction: WEIGHT.database + (WEIGHT.audit * checked) / Math.max(total, 1),
        }),
      );
      chain = walked;
      step(
        'audit',
        walked.ok,
        walked.ok
          ? `Every event (${count(walked.checked)}) is present, in order, and matches its hash; the latest is event ${walked.head.seq}.`
          : `The history is broken at event ${walked.brokenAt}.`,
        walked.ok ? [] : [`At event ${walked.brokenAt}: ${walked.reason}.`],
      );
    });

    if (cp) {
      report({
        step: 'checkpoint',
        message: `Checking the checkpoint of event ${cp.seq}…`,
        fraction: WEIGHT.database + WEIGHT.audit,
      });
      await attempt('checkpoint', () => {
        const check = c.read(() => checkCheckpoint(c, cp, chain ?? undefined));
        step('checkpoint', check.ok, check.message, check.ok ? [] : [check.message]);
      });
    } else {
      step('checkpoint', true, 'No checkpoint was given, so none was checked.', [], true);
    }

    await attempt('attachments', async () => {
      const attachments = await verifyAttachments(c, {}, (p) =>
        report({
          step: 'attachments',
          message: `Checking attachments: ${count(p.done)} of ${count(p.total)}${p.fileName ? ` (${p.fileName})` : ''}`,
          fraction:
            WEIGHT.database +
            WEIGHT.audit +
            WEIGHT.attachments *
              (p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.total > 0 ? p.done / p.total : 1),
        }),
      );
      step(
        'attachments',
        attachments.ok,
        attachments.checked === 0
          ? 'The case holds no attachments.'
          : attachments.ok
            ? `Every attachment (${count(attachments.checked)}) still matches the fingerprint recorded when it was added.`
            : `${count(attachments.problems.length)} of ${plural(attachments.checked, 'attachment')} no longer match what was preserved.`,
        attachments.problems.map((p) => p.message),
      );
    });
    report({ step: 'attachments', message: 'Done.', fraction: 1 });

    const result: Omit<IntegrityReport, 'text'> = {
      ok: steps.every((s) => s.ok),
      caseId: c.meta.caseId,
      caseName: c.meta.name,
      fileName: basename(c.path),
      startedAt,
      finishedAt: nowIso(),
      auditHead: headOrGenesis(c),
      steps,
    };
    return { ...result, text: renderIntegrityReport(result) };
  } finally {
    running.delete(c);
  }
}

function headOrGenesis(c: CaseFile): { seq: number; hash: string } {
  try {
    return auditHead(c.db);
  } catch {
    return { seq: 0, hash: GENESIS_HASH };
  }
}

function quickCheck(c: CaseFile): string[] {
  try {
    const rows = (c.db.pragma('quick_check(100)') as { quick_check: string }[]).map((r) => r.quick_check);
    return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
  } catch (error) {
    return [`The check could not finish: ${(error as Error).message}`];
  }
}

/** The report as plain text: what was checked, what was found, in words an auditor can read. */
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
    r.ok
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
