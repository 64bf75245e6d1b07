import { ActorCreate, ActorList, ActorUpdate, Remove } from '../schema/inputs';
import type { Actor, ActorDetail, Page } from '../schema/records';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { newId, nowIso } from './ids';
import { listFilters } from './list-filters';
import { fromRow, insertRecord, listAggregate, removeRecord, requireRecord, updateRecord } from './records';
import { actorTable, dealTable } from './tables';

export function createActor(c: CaseFile, input: unknown): Actor {
  const v = parseInput(ActorCreate, input);
  const at = nowIso();
  return c.write(() =>
    insertRecord(c, actorTable, { ...v, id: v.id ?? newId(), createdAt: at, updatedAt: at, deletedAt: null }),
  );
}

export function updateActor(c: CaseFile, input: unknown): Actor {
  const { id, ifUpdatedAt, ...changes } = parseInput(ActorUpdate, input);
  return c.write(() =>
    updateRecord(c, actorTable, requireRecord(c, actorTable, id), changes, { ifUpdatedAt }),
  );
}

export function removeActor(c: CaseFile, input: unknown): Actor {
  const { id, reason } = parseInput(Remove, input);
  return c.write(() => removeRecord(c, actorTable, requireRecord(c, actorTable, id), reason));
}

export function getActor(c: CaseFile, id: string): ActorDetail {
  const actor = requireRecord(c, actorTable, id, { includeRemoved: true });
  const rows = c
    .stmt(
      `SELECT d.*, p.role AS party_role FROM deal_parties p JOIN deals d ON d.id = p.deal_id
       WHERE p.actor_id = ? AND p.deleted_at IS NULL AND d.deleted_at IS NULL ORDER BY d.year, d.title`,
    )
    .all(id) as Record<string, unknown>[];
  const deals = rows.map((row) => {
    const d = fromRow(dealTable, row);
    return {
      id: d.id,
      title: d.title,
      technology: d.technology,
      country: d.country,
      status: d.status,
      year: d.year,
      role: row.party_role as string,
    };
  });
  return { actor, deals };
}

export function listActors(c: CaseFile, input: unknown): Page<Actor> {
  const v = parseInput(ActorList, input);
  const f = v.filters ?? {};
  const q = listFilters().anyOf('t.kind', f.kind);
  if (f.country) q.add('t.country = ? COLLATE NOCASE', f.country);
  return listAggregate(c, actorTable, v, {
    sorts: { created: 't.id', updated: 't.updated_at', name: 't.name' },
    where: q.where,
    params: q.params,
  });
}
