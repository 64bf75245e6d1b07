import { wouldCreateCycle } from '../schema/confidence';
import type { Stance } from '../schema/enums';
import { Remove, SourceCreate, SourceList, SourceUpdate } from '../schema/inputs';
import type { Page, Source, SourceDetail } from '../schema/records';
import { claimsTouchingSourceTree, refreshVerdicts } from './claim-verdicts';
import type { CaseFile } from './db';
import { CoreError, parseInput } from './errors';
import { newId, nowIso } from './ids';
import { listFilters } from './list-filters';
import { insertRecord, listAggregate, removeRecord, requireRecord, updateRecord } from './records';
import { sourceTable } from './tables';

function checkOrigin(c: CaseFile, id: string, derivedFrom: string | null): void {
  if (!derivedFrom) return;
  requireRecord(c, sourceTable, derivedFrom, { field: 'derivedFrom' });
  const parentOf = c.stmt('SELECT derived_from FROM sources WHERE id = ?').pluck();
  if (wouldCreateCycle(id, derivedFrom, (s) => (parentOf.get(s) as string | null | undefined) ?? null)) {
    throw new CoreError(
      'invalid_input',
      'Invalid input: derivedFrom would make a source derive from itself (directly or through others)',
      { derivedFrom: 'would make a source derive from itself (directly or through others)' },
    );
  }
}

export function createSource(c: CaseFile, input: unknown): Source {
  const v = parseInput(SourceCreate, input);
  const at = nowIso();
  const id = v.id ?? newId();
  return c.write(() => {
    checkOrigin(c, id, v.derivedFrom);
    return insertRecord(c, sourceTable, { ...v, id, createdAt: at, updatedAt: at, deletedAt: null });
  });
}

export function updateSource(c: CaseFile, input: unknown): Source {
  const { id, ifUpdatedAt, ...changes } = parseInput(SourceUpdate, input);
  return c.write(() => {
    const prev = requireRecord(c, sourceTable, id);
    if (changes.derivedFrom !== undefined) checkOrigin(c, id, changes.derivedFrom);
    const next = updateRecord(c, sourceTable, prev, changes, { ifUpdatedAt });
    if (
      next.reliability !== prev.reliability ||
      next.derivedFrom !== prev.derivedFrom ||
      next.title !== prev.title
    ) {
      refreshVerdicts(c, claimsTouchingSourceTree(c, id));
    }
    return next;
  });
}

/** A source that still backs live evidence is not removed: the evidence would silently lose its weight. */
export function removeSource(c: CaseFile, input: unknown): Source {
  const { id, reason } = parseInput(Remove, input);
  return c.write(() => {
    const prev = requireRecord(c, sourceTable, id);
    const uses = c
      .stmt('SELECT count(*) FROM evidence WHERE source_id = ? AND deleted_at IS NULL')
      .pluck()
      .get(id) as number;
    if (uses > 0) {
      throw new CoreError(
        'conflict',
        `This source still backs ${uses} evidence item(s). Remove that evidence first.`,
      );
    }
    const derived = c
      .stmt('SELECT count(*) FROM sources WHERE derived_from = ? AND deleted_at IS NULL')
      .pluck()
      .get(id) as number;
    if (derived > 0) {
      throw new CoreError(
        'conflict',
        `${derived} other source(s) are marked as derived from this one. Change them first.`,
      );
    }
    return removeRecord(c, sourceTable, prev, reason);
  });
}

export function getSource(c: CaseFile, id: string): SourceDetail {
  return c.read(() => {
    const source = requireRecord(c, sourceTable, id, { includeRemoved: true });
    const brief = (sid: string | null) =>
      sid
        ? ((c
            .stmt('SELECT id, title, reliability FROM sources WHERE id = ?')
            .get(sid) as SourceDetail['derivedFrom']) ?? null)
        : null;
    const derivatives = c
      .stmt(
        'SELECT id, title, reliability FROM sources WHERE derived_from = ? AND deleted_at IS NULL ORDER BY title',
      )
      .all(id) as SourceDetail['derivatives'];
    const uses = (
      c
        .stmt(
          `SELECT e.id AS evidence_id, e.claim_id, c.statement, e.stance, e.credibility, e.excerpt, e.locator
           FROM evidence e JOIN claims c ON c.id = e.claim_id
           WHERE e.source_id = ? AND e.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY c.statement`,
        )
        .all(id) as Record<string, unknown>[]
    ).map((r) => ({
      evidenceId: r.evidence_id as string,
      claimId: r.claim_id as string,
      statement: r.statement as string,
      stance: r.stance as Stance,
      credibility: r.credibility as number,
      excerpt: r.excerpt as string,
      locator: (r.locator as string | null) ?? null,
    }));
    return { source, derivedFrom: brief(source.derivedFrom), derivatives, uses };
  });
}

export function listSources(c: CaseFile, input: unknown): Page<Source> {
  const v = parseInput(SourceList, input);
  const f = v.filters ?? {};
  const q = listFilters().anyOf('t.kind', f.kind).anyOf('t.reliability', f.reliability);
  if (f.confidential !== undefined) q.add('t.confidential = ?', f.confidential ? 1 : 0);
  return listAggregate(c, sourceTable, v, {
    sorts: {
      created: 't.id',
      updated: 't.updated_at',
      title: 't.title',
      reliability: 't.reliability',
      publishedAt: "coalesce(t.published_at, '')",
    },
    where: q.where,
    params: q.params,
  });
}
