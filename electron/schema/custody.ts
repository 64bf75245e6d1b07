// Chain of custody: checkpoints of the audit head, verification against them, and the full
// integrity run ("Verify case integrity") with its progress and plain-words report.
import { z } from 'zod';

export const CHECKPOINT_FORMAT = 'corroborate-checkpoint/1';

export const caseCountKeys = [
  'deals',
  'actors',
  'sources',
  'claims',
  'evidence',
  'assessments',
  'attachments',
  'auditEvents',
] as const;
export type CaseCounts = Record<(typeof caseCountKeys)[number], number>;

/** A small record of the audit head, to keep apart from the case (printed, photographed, mailed). */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  caseId: string;
  caseName: string;
  /** The seq of the newest event when the checkpoint was taken. */
  seq: number;
  /** That event's hash: it commits to every event before it. */
  headHash: string;
  at: string;
  counts: CaseCounts;
}

/** `audit.checkpoint`'s answer: the record and its printable text (save it as a .txt file). */
export interface CheckpointRecord extends Checkpoint {
  text: string;
}

const Hex64 = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, { message: 'must be a sha256 hash (64 hexadecimal characters)' });

/** What verification needs of a checkpoint; any other field (counts, text…) is accepted and ignored. */
export const CheckpointInput = z.object({
  caseId: z.string().trim().min(1, { message: 'is required' }).max(100),
  seq: z.number().int().min(0),
  headHash: Hex64,
  at: z.string().max(40).optional(),
  caseName: z.string().max(1_000).optional(),
});
export type CheckpointInput = z.input<typeof CheckpointInput>;

/** A checkpoint as an object, or as the text `audit.checkpoint` produced (pasted or read from its file). */
const AgainstCheckpoint = {
  checkpoint: CheckpointInput.optional(),
  checkpointText: z.string().max(100_000).optional(),
};

export const AuditVerify = z.object(AgainstCheckpoint).strict().default({});
/** The integrity run's steps, in the order they run. */
export const integrityStepNames = [
  'sidecars',
  'database',
  'foreign_keys',
  'audit',
  'checkpoint',
  'records',
  'verdicts',
  'search',
  'attachments',
] as const;
export type IntegrityStepName = (typeof integrityStepNames)[number];

export const integrityStepLabels: Record<IntegrityStepName, string> = {
  sidecars: 'Side files (-wal, -shm)',
  database: 'Database structure',
  foreign_keys: 'Links between records',
  audit: 'Audit history',
  checkpoint: 'Checkpoint',
  records: 'Records against their history',
  verdicts: 'Stored verdicts',
  search: 'Search index',
  attachments: 'Attachments',
};

/**
 * The one integrity run ("Verify case integrity", `npm run verify`, the host): every step by
 * default; `steps` runs only those named (the others are reported as skipped).
 */
export const IntegrityVerify = z
  .object({
    ...AgainstCheckpoint,
    steps: z.array(z.enum(integrityStepNames)).min(1).max(20).optional(),
  })
  .strict()
  .default({});

export interface CheckpointCheck {
  ok: boolean;
  seq: number;
  headHash: string;
  /** When the checkpoint was taken, as it says. */
  at: string | null;
  /** Plain words: what was found. */
  message: string;
}

/**
 * `audit.verify`'s answer. A failed checkpoint makes the whole answer fail, with `brokenAt` the
 * checkpoint's seq: history at or before it was rewritten, or rolled back past it.
 */
export type AuditVerification =
  | { ok: true; checked: number; head: { seq: number; hash: string }; checkpoint: CheckpointCheck | null }
  | { ok: false; checked: number; brokenAt: number; reason: string; checkpoint: CheckpointCheck | null };

export interface IntegrityProgress {
  step: IntegrityStepName;
  /** Plain words for under the progress bar, e.g. "Checking attachments: 3 of 12 (report.pdf)". */
  message: string;
  /** 0 … 1 over the whole run. */
  fraction: number;
}

export interface IntegrityStep {
  step: IntegrityStepName;
  label: string;
  ok: boolean;
  /** Not run: e.g. no checkpoint was given, or not asked for. Skipped steps count as passed. */
  skipped: boolean;
  /** One sentence. */
  summary: string;
  /** Each problem found, in plain words (naming the event, the attachment…). */
  problems: string[];
}

export interface IntegrityReport {
  ok: boolean;
  caseId: string;
  caseName: string;
  /** The case file's name (not its folder). */
  fileName: string;
  startedAt: string;
  finishedAt: string;
  auditHead: { seq: number; hash: string };
  steps: IntegrityStep[];
  /** The user stopped the run: the steps not reached are listed as skipped, and `ok` is false. */
  cancelled: boolean;
  /** The whole report as plain text, to show, save or print. */
  text: string;
}
