// Input schemas of every write and read. The core parses with them, the contract publishes them,
// and the renderer's forms validate with the very same objects.
import { z } from 'zod';
import {
  ActorKind,
  ClaimStatus,
  ConfidenceLevel,
  Credibility,
  DealStatus,
  Likelihood,
  PartyRole,
  Reliability,
  SourceKind,
  Stance,
  Technology,
} from './enums';

/** Limits are stated so a caller learns them from the error, not from a crash. */
export const limits = {
  name: 500,
  title: 2_000,
  short: 200,
  url: 4_000,
  statement: 20_000,
  /** Excerpts, notes, summaries, rationales: long verbatim material is allowed up to 1 MB. */
  long: 1_000_000,
  tags: 50,
  aliases: 50,
  listLimit: 500,
} as const;

const wellFormed = (s: string) => s.isWellFormed();
const notWellFormed = { message: 'contains an unpaired surrogate (broken Unicode)' };
// SQLite's length() stops at a NUL, so the database's "not blank" checks would see such text as
// empty and refuse it with a constraint error; say so plainly instead. NUL elsewhere is kept.
const noLeadingNul = (s: string) => !s.startsWith('\u0000');
const leadingNul = { message: 'must not start with a NUL character' };

export const Id = z.uuid({ message: 'must be a record id (UUID)' });

export const requiredText = (max: number) =>
  z
    .string({ message: 'is required' })
    .trim()
    .min(1, { message: 'is required' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine(wellFormed, notWellFormed)
    .refine(noLeadingNul, leadingNul);

/** Optional text: empty or blank becomes null, so "cleared" and "never set" are the same. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine(wellFormed, notWellFormed)
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

/** A date as precise as it is known: 2019, 2019-03 or 2019-03-21 (UTC date-times are accepted too). */
export const PartialDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T[\d:.]+Z)?)?)?$/, {
    message: 'must be a date like 2019, 2019-03 or 2019-03-21',
  })
  .nullish()
  .transform((v) => v ?? null);

const Url = z
  .string()
  .trim()
  .max(limits.url, { message: `must be at most ${limits.url} characters` })
  // The URL parser accepts a lone surrogate, but it could not be stored as written.
  .refine(wellFormed, notWellFormed)
  // Only web addresses: a stored `javascript:` or `file:` URL would be a trap for whoever clicks it.
  .refine((v) => v === '' || (URL.canParse(v) && /^https?:$/i.test(new URL(v).protocol)), {
    message: 'must be a web address starting with http:// or https://',
  })
  .nullish()
  .transform((v) => (v ? v : null));

const Country = optionalText(limits.short);
const Year = z
  .number()
  .int()
  .min(1900)
  .max(2100)
  .nullish()
  .transform((v) => v ?? null);
const Currency = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, { message: 'must be a three-letter currency code like USD' })
  .nullish()
  .transform((v) => v ?? null);
const TextList = (max: number, itemMax: number) =>
  z
    .array(requiredText(itemMax))
    .max(max, { message: `at most ${max} entries` })
    .transform((list) => [...new Set(list)])
    // The default must be the outermost wrapper: partialOf() strips it so that an update which
    // does not name the list leaves it alone (a default inside the transform wiped it to []).
    .default([]);

/** Optimistic concurrency: when given, the update is refused as `conflict` if the record moved on. */
const IfUpdatedAt = z.string().optional();

const dealFields = {
  title: requiredText(limits.title),
  technology: Technology,
  country: Country,
  status: DealStatus,
  year: Year,
  valueAmount: z
    .number()
    .finite()
    .nonnegative()
    .nullish()
    .transform((v) => v ?? null),
  valueCurrency: Currency,
  summary: optionalText(limits.long),
};
export const DealCreate = z.object({ id: Id.optional(), ...dealFields }).strict();
export const DealUpdate = z.object({ id: Id, ifUpdatedAt: IfUpdatedAt, ...partialOf(dealFields) }).strict();

const actorFields = {
  name: requiredText(limits.name),
  kind: ActorKind,
  country: Country,
  aliases: TextList(limits.aliases, limits.name),
};
export const ActorCreate = z.object({ id: Id.optional(), ...actorFields }).strict();
export const ActorUpdate = z.object({ id: Id, ifUpdatedAt: IfUpdatedAt, ...partialOf(actorFields) }).strict();

export const Party = z.object({ actorId: Id, role: PartyRole }).strict();
export const DealSetParties = z
  .object({ dealId: Id, parties: z.array(Party).max(200, { message: 'at most 200 parties' }) })
  .strict();

const sourceFields = {
  title: requiredText(limits.title),
  kind: SourceKind,
  url: Url,
  author: optionalText(limits.title),
  publisher: optionalText(limits.title),
  publishedAt: PartialDate,
  accessedAt: PartialDate,
  language: optionalText(35),
  reliability: Reliability,
  reliabilityNote: optionalText(limits.long),
  confidential: z.boolean().default(false),
  derivedFrom: Id.nullish().transform((v) => v ?? null),
  notes: optionalText(limits.long),
};
export const SourceCreate = z.object({ id: Id.optional(), ...sourceFields }).strict();
export const SourceUpdate = z
  .object({ id: Id, ifUpdatedAt: IfUpdatedAt, ...partialOf(sourceFields) })
  .strict();

const claimFields = {
  statement: requiredText(limits.statement),
  dealId: Id.nullish().transform((v) => v ?? null),
  status: ClaimStatus.default('draft'),
  tags: TextList(limits.tags, limits.short),
};
export const ClaimCreate = z.object({ id: Id.optional(), ...claimFields }).strict();
export const ClaimUpdate = z
  .object({
    id: Id,
    ifUpdatedAt: IfUpdatedAt,
    ...partialOf(claimFields),
    /** Why a claim flagged overconfident, fragile, contested or single-source is marked Verified anyway. */
    confirmReason: optionalText(limits.title),
  })
  .strict();

const evidenceFields = {
  claimId: Id,
  sourceId: Id,
  stance: Stance,
  excerpt: requiredText(limits.long),
  prefix: optionalText(limits.title),
  suffix: optionalText(limits.title),
  locator: optionalText(limits.title),
  credibility: Credibility,
  note: optionalText(limits.long),
};
export const EvidenceAdd = z.object({ id: Id.optional(), ...evidenceFields }).strict();
export const EvidenceUpdate = z
  .object({ id: Id, ifUpdatedAt: IfUpdatedAt, ...partialOf(evidenceFields) })
  .strict();

export const AssessmentAdd = z
  .object({
    id: Id.optional(),
    claimId: Id,
    likelihood: Likelihood,
    confidence: ConfidenceLevel,
    rationale: requiredText(limits.long),
    /** Defaults to the case's current actor. */
    author: optionalText(limits.name),
  })
  .strict();

export const ById = z.object({ id: Id }).strict();
/** A claim's detail; `trail: true` brings its audit trail (its own events and its evidence's) in the same answer. */
export const ClaimGet = z.object({ id: Id, trail: z.boolean().default(false) }).strict();
export const Remove = z.object({ id: Id, reason: optionalText(limits.title) }).strict();

const Sort = <T extends readonly [string, ...string[]]>(fields: T) =>
  z
    // No default direction: each field has its natural one (newest first for `updated`).
    .object({ field: z.enum(fields), direction: z.enum(['asc', 'desc']).optional() })
    .strict()
    .optional();

const list = <F extends z.ZodRawShape, S extends readonly [string, ...string[]]>(filters: F, sorts: S) =>
  z
    .object({
      query: z.string().max(limits.short).refine(wellFormed, notWellFormed).optional(),
      filters: z.object(filters).strict().optional(),
      sort: Sort(sorts),
      limit: z.number().int().min(1).max(limits.listLimit).default(50),
      cursor: z.string().max(2_000).optional(),
      includeRemoved: z.boolean().default(false),
    })
    .strict()
    .default({ limit: 50, includeRemoved: false });

const oneOrMany = <T extends z.ZodType>(t: T) => z.array(t).max(20).optional();

export const Verdict = z.enum(['unsupported', 'single_source', 'corroborated', 'contested']);
export type Verdict = z.infer<typeof Verdict>;

export const DealList = list(
  {
    technology: oneOrMany(Technology),
    status: oneOrMany(DealStatus),
    country: z.string().max(limits.short).optional(),
    year: z.number().int().optional(),
  },
  ['created', 'updated', 'title', 'year', 'country'] as const,
);
export const ActorList = list(
  { kind: oneOrMany(ActorKind), country: z.string().max(limits.short).optional() },
  ['created', 'updated', 'name'] as const,
);
export const SourceList = list(
  {
    kind: oneOrMany(SourceKind),
    reliability: oneOrMany(Reliability),
    confidential: z.boolean().optional(),
  },
  ['created', 'updated', 'title', 'reliability', 'publishedAt'] as const,
);
export const ClaimList = list(
  {
    status: oneOrMany(ClaimStatus),
    dealId: Id.optional(),
    tag: z.string().max(limits.short).optional(),
    verdict: oneOrMany(Verdict),
    sourceId: Id.optional(),
  },
  ['created', 'updated', 'statement', 'status'] as const,
);

export type DealCreate = z.input<typeof DealCreate>;
export type DealUpdate = z.input<typeof DealUpdate>;
export type ActorCreate = z.input<typeof ActorCreate>;
export type ActorUpdate = z.input<typeof ActorUpdate>;
export type SourceCreate = z.input<typeof SourceCreate>;
export type SourceUpdate = z.input<typeof SourceUpdate>;
export type ClaimCreate = z.input<typeof ClaimCreate>;
export type ClaimUpdate = z.input<typeof ClaimUpdate>;
export type EvidenceAdd = z.input<typeof EvidenceAdd>;
export type EvidenceUpdate = z.input<typeof EvidenceUpdate>;
export type AssessmentAdd = z.input<typeof AssessmentAdd>;
export type DealListInput = z.input<typeof DealList>;
export type ActorListInput = z.input<typeof ActorList>;
export type SourceListInput = z.input<typeof SourceList>;
export type ClaimListInput = z.input<typeof ClaimList>;

/** Every field optional, without defaults: an update changes only what it names. */
function partialOf<T extends z.ZodRawShape>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const inner = schema instanceof z.ZodDefault ? schema.unwrap() : schema;
    out[key] = (inner as z.ZodType).optional();
  }
  return out as { [K in keyof T]: z.ZodOptional<T[K]> };
}
