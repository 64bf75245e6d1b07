// Bulk edits on lists: many records changed in one audited transaction (one event per record, all
// sharing one `batch`, so one undo reverses them together).
import { z } from 'zod';
import { ClaimStatus, Reliability } from './enums';
import { Id, limits, optionalText, requiredText } from './inputs';

/** At most this many records in one bulk edit: a page of a list, several times over. */
export const BULK_MAX = 1000;

const Ids = z
  .array(Id)
  .min(1, { message: 'must name at least one record' })
  .max(BULK_MAX, { message: `at most ${BULK_MAX} records at once` })
  .refine((ids) => new Set(ids).size === ids.length, { message: 'names a record more than once' });

const Tags = z.array(requiredText(limits.short)).max(limits.tags, { message: `at most ${limits.tags} tags` });

const atLeastOne = (fields: string[]) => (v: Record<string, unknown>) =>
  fields.some((f) => v[f] !== undefined && !(Array.isArray(v[f]) && (v[f] as unknown[]).length === 0));

export const SourcesBulkUpdate = z
  .object({
    ids: Ids,
    reliability: Reliability.optional(),
    reliabilityNote: optionalText(limits.long).optional(),
  })
  .strict()
  .refine(atLeastOne(['reliability', 'reliabilityNote']), {
    message: 'says nothing to change (give reliability or reliabilityNote)',
    path: ['reliability'],
  });

export const ClaimsBulkUpdate = z
  .object({
    ids: Ids,
    status: ClaimStatus.optional(),
    addTags: Tags.optional(),
    removeTags: Tags.optional(),
    /** As claims.update: why flagged claims are marked Verified anyway. */
    confirmReason: optionalText(limits.title),
  })
  .strict()
  .refine(atLeastOne(['status', 'addTags', 'removeTags']), {
    message: 'says nothing to change (give status, addTags or removeTags)',
    path: ['status'],
  });

export interface BulkResult {
  /** Records that changed (one audit event each). */
  changed: number;
  /** Records that already were as asked: no event. */
  unchanged: number;
}
