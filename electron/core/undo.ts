// Undo and redo, read from the audit log itself: the person's own recent changes to claims,
// sources, evidence, deals and actors form the undo stack; an undo is a new event that reverses
// one (a restore for a removal, the earlier state for an edit) and names the event it undoes, a
// redo names the undo it reverses. Nothing is rewritten, and the stacks survive a restart.
// Changes made in one call (a bulk edit, a merge) carry one `batch` and are undone together.
import type { TrashKind, UndoOutcome, UndoState } from '../schema/trash';
import { claimsTouchingSourceTree, refreshVerdicts } from './claim-verdicts';
import type { CaseFile } from './db';
import { CoreError } from './errors';
import { newId } from './ids';
import { getRecord, removeRecord, restoreRecord, updateRecord } from './records';
import { assertLinksLive, claimsMovedBy, kindOfEntity, kindTables } from './restore';
import { partyTable } from './tables';

type AnyTable = (typeof kindTables)[TrashKind];
/** What undo reverses: the Trash's kinds, and deal parties (a merge moves them). */
function tableOf(e: LoggedEvent): AnyTable {
  return e.kind ? kindTables[e.kind] : (partyTable as unknown as AnyTable);
}

/** How far back the stacks are read: deeper undo than this is not offered. */
const WINDOW = 2_000;

interface LoggedEvent {
  eventId: string;
  entity: string;
  action: string;
  kind: TrashKind | null;
  entityId: string;
  parent: string | null;
  payload: Record<string, unknown>;
}

type Group = LoggedEvent[];

const verbs: Record<string, string> = {
  create: 'Created',
  update: 'Edited',
  remove: 'Removed',
  restore: 'Restored',
};
const titleField: Record<TrashKind, string> = {
  claim: 'statement',
  source: 'title',
  evidence: 'excerpt',
  deal: 'title',
  actor: 'name',
};

function recentEvents(c: CaseFile): LoggedEvent[] {
  const rows = c
    .stmt(
      `SELECT event_id, action, entity, entity_id, parent, payload FROM audit_log
       WHERE actor = ? AND replica = ?
         AND (action = 'import' OR (entity IN ('claim', 'source', 'evidence', 'deal', 'actor', 'deal_party')
              AND action IN ('create', 'update', 'remove', 'restore')))
       ORDER BY seq DESC LIMIT ${WINDOW}`,
    )
    .all(c.meta.actor, c.meta.replica) as Record<string, string | null>[];
  return rows.reverse().map((r) => ({
    eventId: String(r.event_id),
    entity: String(r.entity),
    action: String(r.action),
    kind: kindOfEntity(String(r.entity)),
    entityId: String(r.entity_id),
    parent: r.parent ?? null,
    payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
  }));
}

/** Replays the person's recent events into the undo and redo stacks (a group is one step). */
function stacks(c: CaseFile): { undo: Group[]; redo: Group[] } {
  const undo: Group[] = [];
  const redo: Group[] = [];
  const events = recentEvents(c);
  for (let i = 0; i < events.length; ) {
    const first = events[i] as LoggedEvent;
    const batch = first.payload.batch;
    const group: Group = [first];
    i++;
    while (batch !== undefined && i < events.length && (events[i] as LoggedEvent).payload.batch === batch) {
      group.push(events[i] as LoggedEvent);
      i++;
    }
    if (first.action === 'import') {
      // An import is undone by its own means, never by Ctrl+Z, and what came before it may have moved.
      undo.length = 0;
      redo.length = 0;
    } else if (typeof first.payload.undoOf === 'string') {
      undo.pop();
      redo.push(group);
    } else if (typeof first.payload.redoOf === 'string') {
      redo.pop();
      undo.push(group);
    } else {
      undo.push(group);
      redo.length = 0;
    }
  }
  return { undo, redo };
}

function describeEvent(e: LoggedEvent): string {
  const label = tableOf(e).label;
  if (!e.kind) return `${verbs[e.action] ?? 'Changed'} ${label}`;
  if (typeof e.payload.mergedInto === 'string')
    return `Merged ${label} “${String(e.payload[titleField[e.kind]])}”`;
  const title = String(e.payload[titleField[e.kind]] ?? '');
  const short = title.length > 80 ? `${title.slice(0, 79)}…` : title;
  return `${verbs[e.action] ?? 'Changed'} ${label} “${short}”`;
}

/** The event that says what a group did: a merge's removal of the duplicate, else the first. */
function headline(group: Group): LoggedEvent {
  return group.find((e) => typeof e.payload.mergedInto === 'string') ?? (group[0] as LoggedEvent);
}

function describe(group: Group): string {
  const first = headline(group);
  if (group.length === 1 || typeof first.payload.mergedInto === 'string') return describeEvent(first);
  return `${verbs[first.action] ?? 'Changed'} ${group.length} ${tableOf(first).label}s`;
}

/** The change an undo event reversed, for describing what a redo will do again. */
function originalOf(c: CaseFile, group: Group): Group {
  const byId = c.stmt('SELECT action, entity, entity_id, parent, payload FROM audit_log WHERE event_id = ?');
  return group.map((u) => {
    const row = byId.get(u.payload.undoOf) as Record<string, string | null> | undefined;
    if (!row) return u;
    return {
      eventId: String(u.payload.undoOf),
      entity: String(row.entity),
      action: String(row.action),
      kind: kindOfEntity(String(row.entity)),
      entityId: String(row.entity_id),
      parent: row.parent ?? null,
      payload: JSON.parse(String(row.payload)),
    };
  });
}

export function undoState(c: CaseFile): UndoState {
  return c.read(() => {
    const { undo, redo } = stacks(c);
    const u = undo[undo.length - 1];
    const r = redo[redo.length - 1];
    return { undo: u ? describe(u) : null, redo: r ? describe(originalOf(c, r)) : null };
  });
}

/** The state a record had before this event: its previous event's payload, without the notes. */
function stateBefore(c: CaseFile, e: LoggedEvent): Record<string, unknown> {
  const prior = e.parent
    ? (c.stmt('SELECT payload FROM audit_log WHERE event_id = ?').pluck().get(e.parent) as string | undefined)
    : undefined;
  if (!prior) throw new CoreError('conflict', 'The earlier state of this record is not in its history.');
  const state = JSON.parse(prior) as Record<string, unknown>;
  const columns = Object.keys(tableOf(e).columns);
  return Object.fromEntries(
    columns.filter((k) => k !== 'updatedAt' && k !== 'createdAt').map((k) => [k, state[k]]),
  );
}

/** A live source still carrying evidence, or others derived from it, is not removed by an undo either. */
function assertRemovable(c: CaseFile, kind: TrashKind, id: string): void {
  if (kind !== 'source') return;
  const uses = c
    .stmt(
      `SELECT (SELECT count(*) FROM evidence WHERE source_id = ? AND deleted_at IS NULL)
            + (SELECT count(*) FROM sources WHERE derived_from = ? AND deleted_at IS NULL)`,
    )
    .pluck()
    .get(id, id) as number;
  if (uses > 0)
    throw new CoreError('conflict', 'This source now backs evidence or other sources, so it is kept.', {
      id: 'is a source still in use',
    });
}

/**
 * Whether the record still is as the event left it. Not by `updatedAt`: an undo of the next
 * change brings the state back under a new stamp. A removal's time may differ; that it is removed may not.
 */
function sameState(t: AnyTable, current: Record<string, unknown>, state: Record<string, unknown>): boolean {
  return Object.keys(t.columns).every((k) => {
    if (k === 'updatedAt') return true;
    if (k === 'deletedAt') return (current[k] === null) === ((state[k] ?? null) === null);
    return JSON.stringify(current[k] ?? null) === JSON.stringify(state[k] ?? null);
  });
}

/** A deal party may only be live while its deal and actor are; the Trash's kinds as restore checks them. */
function linksLive(c: CaseFile, e: LoggedEvent, state: Record<string, unknown>): void {
  if (e.kind) {
    assertLinksLive(c, e.kind, state);
    return;
  }
  if (state.deletedAt) return;
  assertLinksLive(c, 'claim', { dealId: state.dealId });
  const actor = getRecord(c, kindTables.actor, String(state.actorId));
  if (!actor || actor.deletedAt)
    throw new CoreError('conflict', 'The party’s actor is in the Trash. Restore the actor first.', {
      actorId: 'is a removed actor',
    });
}

/** Writes the reverse of one event; `note` says which event or undo it reverses. */
function reverse(c: CaseFile, e: LoggedEvent, note: Record<string, unknown>): UndoOutcome['action'] {
  const kind = e.kind;
  const t = tableOf(e);
  const current = getRecord(c, t, e.entityId);
  if (!current || !sameState(t, current, e.payload)) {
    throw new CoreError(
      'conflict',
      `The ${t.label} has changed since (“${describeEvent(e)}”), so undoing would overwrite that change. Nothing was changed.`,
    );
  }
  let action: UndoOutcome['action'];
  let next: Record<string, unknown>;
  if (e.action === 'remove') {
    linksLive(c, e, current);
    next = restoreRecord(c, t, current, note);
    action = 'restore';
  } else if (e.action === 'create' || e.action === 'restore') {
    if (kind) assertRemovable(c, kind, current.id);
    next = removeRecord(c, t, current, null, note);
    action = 'remove';
  } else {
    const before = stateBefore(c, e);
    linksLive(c, e, before);
    next = updateRecord(c, t, current, before as Partial<typeof current>, { note });
    action = 'update';
  }
  const moved = new Set(kind ? [...claimsMovedBy(kind, current), ...claimsMovedBy(kind, next)] : []);
  // A source's grade or origin moves the verdicts of every claim its tree backs.
  if (kind === 'source') for (const id of claimsTouchingSourceTree(c, current.id)) moved.add(id);
  if (moved.size) refreshVerdicts(c, moved);
  return action;
}

/** Null when there is nothing to undo (or redo): a key press with nothing behind it is no error. */
function apply(c: CaseFile, which: 'undo' | 'redo'): UndoOutcome | null {
  return c.write(() => {
    const s = stacks(c);
    const group = s[which].pop();
    if (!group) return null;
    const batch = group.length > 1 ? newId() : undefined;
    let action: UndoOutcome['action'] = 'update';
    // Reversed last first, so a group's later changes are unwound before its earlier ones.
    for (const e of [...group].reverse()) {
      const note = { [which === 'undo' ? 'undoOf' : 'redoOf']: e.eventId, ...(batch ? { batch } : {}) };
      action = reverse(c, e, note);
    }
    const first = headline(group);
    return {
      change: describe(which === 'undo' ? group : originalOf(c, group)),
      action,
      kind: first.entity,
      id: first.entityId,
      more: s[which].length > 0,
    };
  });
}

export const undoLast = (c: CaseFile): UndoOutcome | null => apply(c, 'undo');
export const redoLast = (c: CaseFile): UndoOutcome | null => apply(c, 'redo');
