// Merging duplicate actors: the duplicate's deal parties move to the survivor (a party the survivor
// already has in that role is removed instead), the duplicate's names become the survivor's other
// names, and the duplicate is removed with a note naming the survivor. One transaction, one batch,
// so one undo puts everything back.

import { ActorsMerge, type MergeResult } from '../schema/merge';
import type { DealParty } from '../schema/records';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { newId } from './ids';
import { fromRow, removeRecord, requireRecord, updateRecord } from './records';
import { actorTable, partyTable } from './tables';

export function mergeActors(c: CaseFile, input: unknown): MergeResult {
  const { survivorId, mergedId, reason } = parseInput(ActorsMerge, input);
  return c.write(() => {
    const survivor = requireRecord(c, actorTable, survivorId, { field: 'survivorId' });
    const merged = requireRecord(c, actorTable, mergedId, { field: 'mergedId' });
    const batch = newId();
    const note = { batch };
    const partiesOf = c.stmt(
      'SELECT * FROM deal_parties WHERE actor_id = ? AND deleted_at IS NULL ORDER BY id',
    );
    const theirs = (partiesOf.all(mergedId) as Record<string, unknown>[]).map(
      (r) => fromRow(partyTable, r) as DealParty,
    );
    const ours = new Set(
      (partiesOf.all(survivorId) as Record<string, unknown>[]).map((r) => {
        const p = fromRow(partyTable, r) as DealParty;
        return `${p.dealId}|${p.role}`;
      }),
    );
    let moved = 0;
    let dropped = 0;
    for (const party of theirs) {
      if (ours.has(`${party.dealId}|${party.role}`)) {
        removeRecord(c, partyTable, party, `Merged into ${survivor.name}`, note);
        dropped++;
      } else {
        updateRecord(c, partyTable, party, { actorId: survivorId }, { note });
        moved++;
      }
    }
    const names = [merged.name, ...merged.aliases, ...survivor.aliases];
    const aliases = [...new Set(names.filter((n) => n !== survivor.name))];
    updateRecord(c, actorTable, survivor, { aliases }, { note });
    removeRecord(c, actorTable, merged, reason ?? `Merged into ${survivor.name}`, {
      ...note,
      mergedInto: survivorId,
    });
    return { survivorId, mergedId, moved, dropped };
  });
}
