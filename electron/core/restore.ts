// Restoring a removed record and listing the Trash. A restore is a new `restore` event; the removal
// stays in the history. A record comes back only when what it points at is live, so a restored
// claim never shows a removed deal and restored evidence never weighs a removed source.
import type { Page } from '../schema/records';
import { RecordsRestore, type TrashItem, type TrashKind, TrashList } from '../schema/trash';
import { refreshVerdicts } from './claim-verdicts';
import type { CaseFile } from './db';
import { CoreError, parseInput } from './errors';
import { getRecord, listRows, restoreRecord, type Table } from './records';
import { actorTable, claimTable, dealTable, evidenceTable, sourceTable } from './tables';

type Removable = { id: string; updatedAt: string; deletedAt: string | null };

export const kindTables: Record<TrashKind, Table<Removable>> = {
  claim: claimTable as unknown as Table<Removable>,
  source: sourceTable as unknown as Table<Removable>,
  evidence: evidenceTable as unknown as Table<Removable>,
  deal: dealTable as unknown as Table<Removable>,
  actor: actorTable as unknown as Table<Removable>,
};

export function kindOfEntity(entity: string): TrashKind | null {
  for (const [kind, t] of Object.entries(kindTables)) if (t.entity === entity) return kind as TrashKind;
  return null;
}

/** The column a person knows each kind by. Fixed names, never input. */
const titleColumn: Record<TrashKind, string> = {
  claim: 'statement',
  source: 'title',
  evidence: 'excerpt',
  deal: 'title',
  actor: 'name',
};

/** What each kind points at: a record may only be live while these are. */
const links: Record<TrashKind, { field: string; kind: TrashKind }[]> = {
  claim: [{ field: 'dealId', kind: 'deal' }],
  evidence: [
    { field: 'claimId', kind: 'claim' },
    { field: 'sourceId', kind: 'source' },
  ],
  source: [{ field: 'derivedFrom', kind: 'source' }],
  deal: [],
  actor: [],
};

/** Refuses, naming the field, a state that would point at a removed or missing record. */
export function assertLinksLive(c: CaseFile, kind: TrashKind, state: Record<string, unknown>): void {
  for (const link of links[kind]) {
    const target = state[link.field];
    if (typeof target !== 'string') continue;
    const rec = getRecord(c, kindTables[link.kind], target);
    if (!rec || rec.deletedAt) {
      const label = kindTables[link.kind].label;
      throw new CoreError(
        'conflict',
        rec
          ? `It points at a ${label} that is in the Trash. Restore the ${label} first.`
          : `It points at a ${label} that does not exist.`,
        { [link.field]: rec ? `is a removed ${label}` : `is no ${label} of this case` },
      );
    }
  }
}

/** Claims whose verdict moves when a record of this kind comes or goes. */
export function claimsMovedBy(kind: TrashKind, state: Record<string, unknown>): string[] {
  if (kind === 'claim') return [String(state.id)];
  if (kind === 'evidence') return [String(state.claimId)];
  return [];
}

export function restoreOne(c: CaseFile, kind: TrashKind, id: string, note: Record<string, unknown> = {}) {
  const t = kindTables[kind];
  const prev = getRecord(c, t, id);
  if (!prev)
    throw new CoreError('not_found', `No ${t.label} with id ${id}.`, { id: `is no ${t.label} of this case` });
  if (!prev.deletedAt)
    throw new CoreError('conflict', `This ${t.label} is not in the Trash.`, {
      id: `is a ${t.label} that is not removed`,
    });
  assertLinksLive(c, kind, prev);
  const next = restoreRecord(c, t, prev, note);
  const moved = claimsMovedBy(kind, next);
  if (moved.length) refreshVerdicts(c, moved);
  return next;
}

export function restoreRecordCall(c: CaseFile, input: unknown) {
  const { kind, id } = parseInput(RecordsRestore, input);
  return c.write(() => restoreOne(c, kind, id));
}

export function listTrash(c: CaseFile, input: unknown): Page<TrashItem> {
  const { kind, limit, cursor } = parseInput(TrashList, input);
  const t = kindTables[kind];
  return c.read(() => {
    const page = listRows(c, {
      from: `${t.table} t`,
      where: ['t.deleted_at IS NOT NULL'],
      params: [],
      sortExpr: 't.deleted_at',
      direction: 'desc',
      limit,
      cursor,
      includeRemoved: true,
      select: `t.id, t.${titleColumn[kind]} AS title, t.deleted_at,
        (SELECT a.actor FROM audit_log a WHERE a.entity_id = t.id AND a.action = 'remove' ORDER BY a.seq DESC LIMIT 1) AS removed_by,
        (SELECT json_extract(a.payload, '$.removalReason') FROM audit_log a WHERE a.entity_id = t.id AND a.action = 'remove' ORDER BY a.seq DESC LIMIT 1) AS reason`,
    });
    return {
      ...page,
      items: page.items.map((row) => ({
        kind,
        id: String(row.id),
        title: String(row.title),
        removedAt: String(row.deleted_at),
        removedBy: (row.removed_by as string | null) ?? null,
        reason: typeof row.reason === 'string' ? row.reason : null,
      })),
    };
  });
}
