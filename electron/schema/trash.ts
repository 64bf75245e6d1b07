// Removed records are kept: the Trash lists them per kind with who removed them, when and why, and
// restore brings one back. Undo and redo walk the current person's own changes, each a new event.
import { z } from 'zod';
import { Id } from './inputs';

/** The kinds a person removes and restores one at a time. */
export const trashKinds = ['claim', 'source', 'evidence', 'deal', 'actor'] as const;
export type TrashKind = (typeof trashKinds)[number];

const Kind = z.enum(trashKinds, { message: `must be one of ${trashKinds.join(', ')}` });

export const RecordsRestore = z.object({ kind: Kind, id: Id }).strict();

export const TrashList = z
  .object({
    kind: Kind,
    limit: z.number().int().min(1).max(500).default(100),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export interface TrashItem {
  kind: TrashKind;
  id: string;
  /** How the user knows it: a claim's statement, a source's title, an excerpt, a name. */
  title: string;
  removedAt: string;
  /** Who removed it, as the audit log says. */
  removedBy: string | null;
  reason: string | null;
}

/** What an undo or redo did, in words the toast can show. */
export interface UndoOutcome {
  /** The change that was undone (or redone), e.g. "Removed claim “…”". */
  change: string;
  /** What was done to reverse it: restore, remove or update. */
  action: 'restore' | 'remove' | 'update';
  /** The kind of record (claim, source, evidence, deal, actor, deal_party). */
  kind: string;
  id: string;
  /** Whether another undo (or redo) is waiting. */
  more: boolean;
}

/** What Ctrl+Z and Ctrl+Shift+Z would do now, for the menu and the toast. */
export interface UndoState {
  undo: string | null;
  redo: string | null;
}
