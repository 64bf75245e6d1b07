import { EvidenceAdd, EvidenceUpdate, Remove } from '../schema/inputs';
import type { Evidence } from '../schema/records';
import { refreshVerdicts } from './claim-verdicts';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { newId, nowIso } from './ids';
import { insertRecord, removeRecord, requireRecord, updateRecord } from './records';
import { claimTable, evidenceTable, sourceTable } from './tables';

export function addEvidence(c: CaseFile, input: unknown): Evidence {
  const v = parseInput(EvidenceAdd, input);
  const at = nowIso();
  return c.write(() => {
    requireRecord(c, claimTable, v.claimId, { field: 'claimId' });
    requireRecord(c, sourceTable, v.sourceId, { field: 'sourceId' });
    const item = insertRecord(c, evidenceTable, {
      ...v,
      id: v.id ?? newId(),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    refreshVerdicts(c, [item.claimId]);
    return item;
  });
}

export function updateEvidence(c: CaseFile, input: unknown): Evidence {
  const { id, ifUpdatedAt, ...changes } = parseInput(EvidenceUpdate, input);
  return c.write(() => {
    const prev = requireRecord(c, evidenceTable, id);
    if (changes.claimId) requireRecord(c, claimTable, changes.claimId, { field: 'claimId' });
    if (changes.sourceId) requireRecord(c, sourceTable, changes.sourceId, { field: 'sourceId' });
    const next = updateRecord(c, evidenceTable, prev, changes, { ifUpdatedAt });
    // updateRecord hands back `prev` itself when nothing changed: then nothing may be written.
    if (next !== prev) refreshVerdicts(c, [prev.claimId, next.claimId]);
    return next;
  });
}

export function removeEvidence(c: CaseFile, input: unknown): Evidence {
  const { id, reason } = parseInput(Remove, input);
  return c.write(() => {
    const next = removeRecord(c, evidenceTable, requireRecord(c, evidenceTable, id), reason);
    refreshVerdicts(c, [next.claimId]);
    return next;
  });
}
