// Exchange: what goes in and out of a case. The inputs of preview / import / export / report, the

// record shapes of our own case JSON (parsed with the same field rules as the forms), and the
// plan a preview returns, row by row.
import { z } from 'zod';
import { PartyRole, Reliability, SourceKind } from './enums';
import {
  ActorCreate,
  AssessmentAdd,
  ClaimCreate,
  DealCreate,
  EvidenceAdd,
  Id,
  limits,
  requiredText,
  SourceCreate,
} from './inputs';
import { sourceColumnFieldNames } from './source-fields';

export const importKinds = [
  'case-json',
  'csl-json',
  'bibtex',
  'ris',
  'csv-sources',
  'csv-claims',
  'claimreview',
] as const;
export type ImportKind = (typeof importKinds)[number];

export const importKindLabels: Record<ImportKind, string> = {
  'case-json': 'Corroborate case (JSON)',
  'csl-json': 'CSL-JSON (Zotero, reference managers)',
  bibtex: 'BibTeX / BibLaTeX',
  ris: 'RIS',
  'csv-sources': 'Spreadsheet of sources (CSV)',
  'csv-claims': 'Spreadsheet of claims (CSV)',
  claimreview: 'ClaimReview JSON-LD',
};

/** Text is limited so one call cannot exhaust memory; 64 MiB holds any real bibliography or case. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

/** Which record field a CSV column fills; null keeps the column out of the fields (sources: in notes). */
export const sourceColumnFields = sourceColumnFieldNames;
export const claimColumnFields = ['id', 'statement', 'status', 'tags', 'deal'] as const;

export const ImportOptions = z
  .object({
    /** CSV: header text → field (or null to leave it out of the fields). Overrides the automatic mapping. */
    columns: z
      .record(z.string().max(limits.short), z.enum([...sourceColumnFields, ...claimColumnFields]).nullable())
      .optional(),
    /** Reliability given to sources that arrive without one (reference managers never carry one). */
    defaultReliability: Reliability.default('F'),
    /** Kind given to CSV sources without a kind column. */
    defaultKind: SourceKind.default('document'),
  })
  .strict()
  .default({ defaultReliability: 'F', defaultKind: 'document' });

const importFields = {
  kind: z.enum(importKinds),
  /** The file's text, when the caller already decoded it. */
  text: z
    .string()
    .max(MAX_IMPORT_CHARS, { message: `must be at most ${MAX_IMPORT_CHARS} characters` })
    .optional(),
  /** The file's bytes (base64), so the core can detect encodings and report undecodable lines. */
  bytesBase64: z
    .string()
    .max(Math.ceil((MAX_IMPORT_CHARS * 4) / 3) + 4, { message: 'is larger than 64 MiB' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' })
    .optional(),
  fileName: z.string().max(limits.short).optional(),
  options: ImportOptions,
};
/**
 * A path for the trusted callers (the main process after a dialog, the command line): absolute,
 * because a relative one resolves against whatever folder the process runs in. POSIX `/…`,
 * Windows `C:\…` or `\\server\share…`.
 */
const OutPath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, { message: 'must be an absolute path' });
/**
 * Paths are for the main process and the command line only (chosen in a native dialog or typed
 * by the user): the contract's schemas below leave them out, so a renderer can never name a file
 * or folder for the app to read or write.
 */
const localFiles = {
  /** case-json: the companion folder of an export, holding attachment bytes named by their sha256. */
  attachmentsDir: OutPath.optional(),
};
const oneBody = (v: { text?: string | undefined; bytesBase64?: string | undefined }) =>
  (v.text === undefined) !== (v.bytesBase64 === undefined);
const oneBodyMessage = { message: 'give either text or bytesBase64', path: ['text'] };

export const ExchangePreviewCall = z.object(importFields).strict().refine(oneBody, oneBodyMessage);
export const ExchangePreview = z
  .object({ ...importFields, ...localFiles })
  .strict()
  .refine(oneBody, oneBodyMessage);

export const Resolution = z.enum(['ours', 'theirs']);
export type Resolution = z.infer<typeof Resolution>;

const importChoices = {
  /** One choice per record listed as a conflict (by record id): keep ours, or take theirs. */
  resolutions: z.record(Id, Resolution).default({}),
  /** Rows the preview rejected block the import unless the user chose to leave them out. */
  skipRejected: z.boolean().default(false),
  /** The planId the preview showed: the import refuses if the plan is no longer the same. */
  expectedPlanId: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { message: 'must be a planId from a preview' })
    .optional(),
};
export const ExchangeImportCall = z
  .object({ ...importFields, ...importChoices })
  .strict()
  .refine(oneBody, oneBodyMessage);
export const ExchangeImport = z
  .object({ ...importFields, ...localFiles, ...importChoices })
  .strict()
  .refine(oneBody, oneBodyMessage);

export const exportFormats = ['case-json', 'claims-csv', 'evidence-csv', 'sources-csl'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const exportFields = {
  format: z.enum(exportFormats),
  /** Confidential sources keep their real identity only when the user explicitly asks (audited). */
  includeConfidential: z.boolean().default(false),
};
export const ExchangeExportCall = z.object(exportFields).strict();
export const ExchangeExport = z
  .object({
    ...exportFields,
    /** Write here instead of returning the text. An existing file is never overwritten. */
    path: OutPath.optional(),
    /** case-json: copy attachment bytes into this (new or empty) folder with a sha256 manifest. */
    attachmentsDir: OutPath.optional(),
  })
  .strict();

const Selection = {
  dealId: Id.optional(),
  claimIds: z.array(Id).min(1).max(10_000).optional(),
};
const oneSelection = (v: { dealId?: string | undefined; claimIds?: string[] | undefined }) =>
  (v.dealId === undefined) !== (v.claimIds === undefined);
const oneSelectionMessage = { message: 'choose either a deal or a set of claims', path: ['dealId'] };

const reportFields = {
  ...Selection,
  title: z.string().trim().max(limits.title).optional(),
  includeConfidential: z.boolean().default(false),
};
export const ExchangeReportCall = z.object(reportFields).strict().refine(oneSelection, oneSelectionMessage);
export const ExchangeReport = z
  .object({ ...reportFields, path: OutPath.optional() })
  .strict()
  .refine(oneSelection, oneSelectionMessage);

export const ExchangeClaimReview = z
  .object({
    ...Selection,
    /** The organisation publishing the reviews (schema.org `author`). */
    publisher: z
      .object({ name: requiredText(limits.name), url: z.url().max(limits.url).optional() })
      .strict(),
    /** Where the reviews are published; each review's url is this plus `#claim-<id>`. */
    reviewUrl: z.url().max(limits.url).optional(),
    includeConfidential: z.boolean().default(false),
  })
  .strict()
  .refine(oneSelection, oneSelectionMessage);

export type ExchangePreviewInput = z.input<typeof ExchangePreview>;
export type ExchangeImportInput = z.input<typeof ExchangeImport>;
export type ExchangeExportInput = z.input<typeof ExchangeExport>;
export type ExchangeReportInput = z.input<typeof ExchangeReport>;
export type ExchangeClaimReviewInput = z.input<typeof ExchangeClaimReview>;

// ---- Records as our case JSON carries them: the form rules plus identity and timestamps ----

const Timestamp = z.iso.datetime({ message: 'must be an ISO-8601 UTC time' });
const stamps = { id: Id, createdAt: Timestamp, updatedAt: Timestamp, deletedAt: Timestamp.nullable() };

export const caseRecordSchemas = {
  deal: DealCreate.extend(stamps),
  actor: ActorCreate.extend(stamps),
  deal_party: z.object({ ...stamps, dealId: Id, actorId: Id, role: PartyRole }).strict(),
  source: SourceCreate.extend(stamps),
  claim: ClaimCreate.extend(stamps),
  evidence: EvidenceAdd.extend(stamps),
  assessment: AssessmentAdd.extend({ ...stamps, author: requiredText(limits.name) }),
  attachment: z
    .object({
      ...stamps,
      sourceId: Id,
      fileName: requiredText(limits.title),
      mediaType: z.string().max(limits.short),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a sha256 in hex' }),
      addedBy: z.string().max(limits.name),
    })
    .strict(),
} as const;

export type RecordEntity = keyof typeof caseRecordSchemas;
export const recordEntities = Object.keys(caseRecordSchemas) as RecordEntity[];

/** Our case JSON's identity: a reader refuses any other name or a newer version. */
export const CASE_FORMAT = 'corroborate-case';
export const CASE_FORMAT_VERSION = 1;

// ---- The plan a preview returns ----

export const planActions = ['create', 'update', 'duplicate', 'conflict', 'rejected'] as const;
export type PlanAction = (typeof planActions)[number];

export const planActionLabels: Record<PlanAction, string> = {
  create: 'New',
  update: 'Update',
  duplicate: 'Already in the case (skipped)',
  conflict: 'Changed on both sides (your choice)',
  rejected: 'Rejected',
};

export interface FieldChange {
  field: string;
  ours: unknown;
  theirs: unknown;
}

export interface PlanRow {
  /** Position in the file, 1-based; for CSV the spreadsheet row (the header is row 1). */
  row: number;
  /** The line the row starts on, when the format has lines. */
  line: number | null;
  /** How the file names the row: `sources[3]`, `@article{key}`, `TY JOUR #4`. */
  ref: string;
  entity: RecordEntity;
  /** The record it creates, updates or matches; null for a row that has none. */
  id: string | null;
  /** Title, name or statement, shortened. */
  label: string;
  action: PlanAction;
  /** Why: for rejected, duplicate, update and conflict rows. */
  reason: string | null;
  /** For rejected rows: field → what is wrong with it. */
  fields?: Record<string, string>;
  /** For update and conflict rows: what differs. */
  changes?: FieldChange[];
  /** Things taken with a change: a date kept in notes, a value shortened. */
  warnings?: string[];
}

export interface ColumnMapping {
  column: number;
  header: string;
  /** The field it fills, or null: kept in the source's notes (sources) or not imported (claims). */
  field: string | null;
}

export interface PlanTotals {
  rows: number;
  create: number;
  update: number;
  duplicate: number;
  conflict: number;
  rejected: number;
}

export interface ImportPlan {
  kind: ImportKind;
  fileName: string | null;
  fileSha256: string;
  /** Identifies this exact plan; pass it to exchange.import as expectedPlanId. */
  planId: string;
  totals: PlanTotals;
  rows: PlanRow[];
  /** CSV only: how each column was read. */
  columns: ColumnMapping[] | null;
  /** File-level observations: encoding, line endings, blocks that are not records. */
  notes: string[];
  /** A problem with the whole file (not JSON, truncated, newer format): nothing can be imported. */
  fatal: { line: number | null; message: string } | null;
}

export interface ImportResult {
  planId: string;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  resolved: { ours: number; theirs: number };
  /** The audit event that records the import as a whole (file hash, plan, choices). */
  importEvent: { seq: number; hash: string };
  auditHead: { seq: number; hash: string };
}

export interface ImportProgress {
  phase: 'read' | 'plan' | 'apply';
  done: number;
  total: number;
}

/** What `exchange.progress` answers while a preview or import runs. */
export interface RunningExchange extends ImportProgress {
  operation: 'preview' | 'import';
}

export interface ExportResult {
  format: ExportFormat;
  fileName: string;
  mediaType: string;
  /** The exported text, when no path was given. */
  text: string | null;
  path: string | null;
  sha256: string;
  bytes: number;
  counts: Record<string, number>;
  /** Confidential sources whose identifying fields were replaced by a pseudonym. */
  redactedSources: number;
  attachments: { dir: string; files: number; manifest: string } | null;
  /** The audit event that records this export. */
  exportEvent: { seq: number; hash: string };
}

export interface ReportResult {
  html: string;
  fileName: string;
  path: string | null;
  sha256: string;
  claims: number;
  redactedSources: number;
  checkpoint: { seq: number; headHash: string };
}

export interface ClaimReviewResult {
  jsonLd: string;
  reviews: number;
  /** Claims left out, with why (only verified, disputed and debunked claims are published). */
  skipped: { claimId: string; reason: string }[];
}
