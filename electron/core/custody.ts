// Chain of custody: a checkpoint fixes the audit head in a small printable record; verification
// later proves the history still contains it unchanged. The whole-file check that uses these is
// the integrity runner (integrity/run-integrity.ts).

import {
  type AuditVerification,
  AuditVerify,
  type CaseCounts,
  CHECKPOINT_FORMAT,
  type Checkpoint,
  type CheckpointCheck,
  CheckpointInput,
  type CheckpointRecord,
} from '../schema/custody';
import { auditHead, chainStart, GENESIS_HASH, verifyBatch } from './audit';
import { caseCounts } from './case-counts';
import type { CaseFile } from './db';
import { CoreError, fieldsOf, parseInput } from './errors';
import { nowIso } from './ids';
import { plural } from './words';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const short = (hash: string) => `${hash.slice(0, 16)}…`;

/** A hash in groups of four, two lines of eight: easy to read aloud and to compare on paper. */
export function groupedHash(hash: string, indent = ''): string {
  const groups = hash.match(/.{1,4}/g) ?? [];
  return `${groups.slice(0, 8).join(' ')}\n${indent}${groups.slice(8).join(' ')}`;
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

export function checkpointOf(input: {
  checkpoint?: CheckpointInput | undefined;
  checkpointText?: string | undefined;
}) {
  if (input.checkpoint) return input.checkpoint;
  if (input.checkpointText !== undefined) return parseCheckpointText(input.checkpointText);
  return null;
}

export interface ChainWalk {
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
export async function walkChain(
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
