import { DealCreate, DealList, DealSetParties, DealUpdate, Remove } from '../schema/inputs';
import type { Actor, Deal, DealParty, Page, PartyView } from '../schema/records';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { newId, nowIso } from './ids';
import { listFilters } from './list-filters';
import { fromRow, insertRecord, listAggregate, removeRecord, requireRecord, updateRecord } from './records';
import { actorTable, dealTable, partyTable } from './tables';

export function createDeal(c: CaseFile, input: unknown): Deal {
  const v = parseInput(DealCreate, input);
  const at = nowIso();
  return c.write(() =>
    insertRecord(c, dealTable, { ...v, id: v.id ?? newId(), createdAt: at, updatedAt: at, deletedAt: null }),
  );
}

export function updateDeal(c: CaseFile, input: unknown): Deal {
  const { id, ifUpdatedAt, ...changes } = parseInput(DealUpdate, input);
  return c.write(() => updateRecord(c, dealTable, requireRecord(c, dealTable, id), changes, { ifUpdatedAt }));
}

export function removeDeal(c: CaseFile, input: unknown): Deal {
  const { id, reason } = parseInput(Remove, input);
  return c.write(() => removeRecord(c, dealTable, requireRecord(c, dealTable, id), reason));
}

export function getDeal(c: CaseFile, id: string): Deal {
  return requireRecord(c, dealTable, id, { includeRemoved: true });
}

export function listParties(c: CaseFile, dealId: string): PartyView[] {
  const rows = c
    .stmt(
      `SELECT p.*, a.name AS actor_name, a.kind AS actor_kind, a.country AS actor_country
       FROM deal_parties p JOIN actors a ON a.id = p.actor_id
       WHERE p.deal_id = ? AND p.deleted_at IS NULL ORDER BY p.role, a.name`,
    )
    .all(dealId) as Record<string, unknown>[];
  return rows.map((row) => ({
    ...fromRow(partyTable, row),
    actor: {
      id: row.actor_id as string,
      name: row.actor_name as string,
      kind: row.actor_kind as Actor['kind'],
      country: (row.actor_country as string | null) ?? null,
    },
  }));
}

/** Replaces a deal's parties: removed ones are tombstoned, new ones added, each change audited. */
export function setParties(c: CaseFile, input: unknown): PartyView[] {
  const { dealId, parties } = parseInput(DealSetParties, input);
  c.write(() => {
    requireRecord(c, dealTable, dealId, { field: 'dealId' });
    parties.forEach((p, i) => {
      requireRecord(c, actorTable, p.actorId, { field: `parties.${i}.actorId` });
    });
    const wanted = new Set(parties.map((p) => `${p.actorId}|${p.role}`));
    const current = listParties(c, dealId);
    for (const party of current) {
      if (!wanted.has(`${party.actorId}|${party.role}`)) {
        const { actor: _actor, ...record } = party;
        removeRecord(c, partyTable, record);
      }
    }
    const have = new Set(current.map((p) => `${p.actorId}|${p.role}`));
    const at = nowIso();
    for (const key of wanted) {
      if (have.has(key)) continue;
      const [actorId, role] = key.split('|') as [string, DealParty['role']];
      insertRecord(c, partyTable, {
        id: newId(),
        dealId,
        actorId,
        role,
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      });
    }
  });
  return listParties(c, dealId);
}

export function listDeals(c: CaseFile, input: unknown): Page<Deal> {
  const v = parseInput(DealList, input);
  const f = v.filters ?? {};
  const q = listFilters().anyOf('t.technology', f.technology).anyOf('t.status', f.status);
  if (f.country) q.add('t.country = ? COLLATE NOCASE', f.country);
  if (f.year !== undefined) q.add('t.year = ?', f.year);
  return listAggregate(c, dealTable, v, {
    sorts: {
      created: 't.id',
      updated: 't.updated_at',
      title: 't.title',
      year: 'coalesce(t.year, 0)',
      country: "coalesce(t.country, '')",
    },
    where: q.where,
    params: q.params,
  });
}
