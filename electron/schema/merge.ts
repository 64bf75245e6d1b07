// Merging a duplicate into the record that stays: what pointed at the duplicate moves to the
// survivor, the duplicate goes to the Trash with a note naming the survivor; one undo reverses it.
import { z } from 'zod';
import { Id, limits, optionalText } from './inputs';

export const ActorsMerge = z
  .object({
    /** The actor that stays. */
    survivorId: Id,
    /** The duplicate: its deals move to the survivor, its name becomes one of the survivor's other names. */
    mergedId: Id,
    reason: optionalText(limits.title),
  })
  .strict()
  .refine((v) => v.survivorId !== v.mergedId, {
    message: 'must be another actor than survivorId',
    path: ['mergedId'],
  });

export interface MergeResult {
  survivorId: string;
  mergedId: string;
  /** Links (deal parties) moved to the survivor. */
  moved: number;
  /** Links the survivor already had (same deal and role): the duplicate's copy was removed. */
  dropped: number;
}
