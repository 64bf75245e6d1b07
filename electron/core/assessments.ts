import { AssessmentAdd } from '../schema/inputs';
import type { Assessment } from '../schema/records';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { newId } from './ids';
import { insertRecord, requireRecord } from './records';
import { assessmentTable, claimTable } from './tables';

/** Assessments are append-only: a new judgement is added beside the old, never over it. */
export function addAssessment(c: CaseFile, input: unknown): Assessment {
  const v = parseInput(AssessmentAdd, input);
  const at = c.now();
  return c.write(() => {
    requireRecord(c, claimTable, v.claimId, { field: 'claimId' });
    const row = insertRecord(c, assessmentTable, {
      ...v,
      id: v.id ?? newId(),
      author: v.author ?? c.meta.actor,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    const { updatedAt: _u, deletedAt: _d, ...assessment } = row;
    return assessment;
  });
}
