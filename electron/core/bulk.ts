// Bulk edits: every named record changed in one transaction, each with its own audit event, all
// sharing one `batch` so that one undo reverses them together. A record that is missing or removed
// refuses the whole edit, naming its place in `ids`; nothing is written then.
import { type BulkResult, ClaimsBulkUpdate, SourcesBulkUpdate } from '../schema/bulk';
import type { Claim, Source } from '../schema/records';
import { claimsTouchingSourceTree, refreshVerdicts } from './claim-verdicts';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { newId } from './ids';
import { confirmPublishing, type PublishFlag, publishFlags } from './publish-care';
import { requireRecord, updateRecord } from './records';
import { claimTable, sourceTable } from './tables';

export function bulkUpdateSources(c: CaseFile, input: unknown): BulkResult {
  const { ids, ...set } = parseInput(SourcesBulkUpdate, input);
  const changes: Partial<Source> = {};
  if (set.reliability !== undefined) changes.reliability = set.reliability;
  if (set.reliabilityNote !== undefined) changes.reliabilityNote = set.reliabilityNote;
  const batch = newId();
  return c.write(() => {
    const result: BulkResult = { changed: 0, unchanged: 0 };
    const moved = new Set<string>();
    ids.forEach((id, i) => {
      const prev = requireRecord(c, sourceTable, id, { field: `ids.${i}` });
      const next = updateRecord(c, sourceTable, prev, changes, { note: { batch } });
      if (next === prev) result.unchanged++;
      else {
        result.changed++;
        if (next.reliability !== prev.reliability)
          for (const claim of claimsTouchingSourceTree(c, id)) moved.add(claim);
      }
    });
    if (moved.size) refreshVerdicts(c, moved);
    return result;
  });
}

export function bulkUpdateClaims(c: CaseFile, input: unknown): BulkResult {
  const { ids, status, addTags = [], removeTags = [], confirmReason } = parseInput(ClaimsBulkUpdate, input);
  const batch = newId();
  return c.write(() => {
    const result: BulkResult = { changed: 0, unchanged: 0 };
    const prevs = ids.map((id, i) => requireRecord(c, claimTable, id, { field: `ids.${i}` }));
    // Marking flagged claims Verified asks once for the whole selection, with every flag named.
    let confirmed: { flags: PublishFlag[]; reason: string } | null = null;
    if (status === 'verified') {
      const flags = new Set<PublishFlag>();
      for (const p of prevs) if (p.status !== 'verified') for (const f of publishFlags(c, p.id)) flags.add(f);
      confirmed = confirmPublishing([...flags], confirmReason, 'Marking them Verified', 'confirmReason');
    }
    for (const prev of prevs) {
      const changes: Partial<Claim> = {};
      if (status !== undefined) changes.status = status;
      if (addTags.length || removeTags.length) {
        const tags = prev.tags.filter((t) => !removeTags.includes(t));
        for (const t of addTags) if (!tags.includes(t)) tags.push(t);
        changes.tags = tags;
      }
      const flagged =
        confirmed && status === 'verified' && prev.status !== 'verified' ? publishFlags(c, prev.id) : [];
      const note =
        flagged.length && confirmed
          ? { batch, publishConfirmation: { flags: flagged, reason: confirmed.reason } }
          : { batch };
      const next = updateRecord(c, claimTable, prev, changes, { note });
      if (next === prev) result.unchanged++;
      else result.changed++;
    }
    return result;
  });
}
