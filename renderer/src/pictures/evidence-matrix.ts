// The evidence matrix (the ACH view) of one deal: its claims as columns, its independent lines of
// origin as rows, each cell the stance and grade of the evidence ("+B2", "−C4"). Lines, weights and
// verdicts all come from the confidence model itself (electron/schema/confidence.ts), never from a
// copy of its rules, so "what if this source is wrong" shows exactly what dropping it would do.

import { type ConfidenceSource, corroborate, lineRootOf } from '../../../electron/schema/confidence';
import type { Reliability, Stance } from '../../../electron/schema/enums';
import type { Verdict } from '../../../electron/schema/inputs';
import type { MatrixClaim, MatrixPicture } from '../../../electron/schema/pictures';
import type { CorroborationResult } from '../../../electron/schema/records';
import { stanceLabels } from '../labels';
import { stanceSigns } from './palette';

export interface CellItem {
  evidenceId: string;
  sourceId: string;
  sourceTitle: string;
  stance: Stance;
  reliability: Reliability;
  credibility: number;
  /** The model's weight of this item; context counts for nothing and weighs 0. */
  weight: number;
  /** "+B2", "−C4", "○F6". */
  text: string;
  excerpt: string;
  locator: string | null;
}

export interface MatrixCell {
  items: CellItem[];
  /** Distinct marks, strongest first: "+B2 −C4". */
  text: string;
  /** Strongest support minus strongest contradiction. */
  score: number;
}

export type DiagnosticityLevel = 'high' | 'medium' | 'low';

export interface MatrixRow {
  /** The line's root source: the original every member repeats. */
  rootId: string;
  title: string;
  reliability: Reliability;
  /** Sources of this line that carry evidence here (the root and its copies). */
  members: { id: string; title: string }[];
  confidential: boolean;
  cells: Map<string, MatrixCell>;
  /** How differently this line bears on the deal's claims, 0–1; null with fewer than two claims. */
  diagnosticity: number | null;
  level: DiagnosticityLevel | null;
  strength: number;
  coverage: number;
  /** Verdicts that change if this line alone is dropped (the fragile warning, per line). */
  impact: number;
}

export interface MatrixColumn {
  claim: MatrixClaim;
  verdict: Verdict;
  fragile: boolean;
  /** The recomputed verdict differs from the stored one: the picture is out of date. */
  stale: boolean;
}

export interface EvidenceMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
}

const MAX_MARKS = 3;

function sourcesOf(picture: MatrixPicture): Map<string, ConfidenceSource> {
  return new Map(
    picture.sources.map((s) => [
      s.id,
      { id: s.id, title: s.title, reliability: s.reliability, derivedFrom: s.derivedFrom },
    ]),
  );
}

/** Each claim's corroboration with the evidence of the dropped lines taken out. */
export function verdictsWithout(
  picture: MatrixPicture,
  dropped: ReadonlySet<string>,
): Map<string, CorroborationResult> {
  const sources = sourcesOf(picture);
  const roots = new Map<string, string>();
  const rootOf = (id: string) => {
    let r = roots.get(id);
    if (r === undefined) {
      r = lineRootOf(id, sources);
      roots.set(id, r);
    }
    return r;
  };
  const byClaim = new Map<string, MatrixPicture['evidence']>();
  for (const e of picture.evidence) {
    if (dropped.size > 0 && dropped.has(rootOf(e.sourceId))) continue;
    const list = byClaim.get(e.claimId);
    if (list) list.push(e);
    else byClaim.set(e.claimId, [e]);
  }
  const out = new Map<string, CorroborationResult>();
  for (const claim of picture.claims) {
    out.set(
      claim.id,
      corroborate({
        evidence: byClaim.get(claim.id) ?? [],
        sources,
        latestLikelihood: claim.latestLikelihood,
      }),
    );
  }
  return out;
}

export interface VerdictChange {
  claimId: string;
  statement: string;
  before: Verdict;
  after: Verdict;
}

/** The claims whose verdict moves when the given lines are dropped. */
export function whatIf(
  picture: MatrixPicture,
  dropped: ReadonlySet<string>,
  baseline?: Map<string, CorroborationResult>,
): VerdictChange[] {
  if (dropped.size === 0) return [];
  const before = baseline ?? verdictsWithout(picture, new Set());
  const after = verdictsWithout(picture, dropped);
  const changes: VerdictChange[] = [];
  for (const claim of picture.claims) {
    const b = before.get(claim.id)?.verdict;
    const a = after.get(claim.id)?.verdict;
    if (b && a && a !== b)
      changes.push({ claimId: claim.id, statement: claim.statement, before: b, after: a });
  }
  return changes;
}

export function levelOf(diagnosticity: number): DiagnosticityLevel {
  if (diagnosticity >= 0.35) return 'high';
  if (diagnosticity >= 0.15) return 'medium';
  return 'low';
}

const stanceOrder: Record<Stance, number> = { supports: 0, contradicts: 1, context: 2 };

export function cellOf(items: CellItem[]): MatrixCell {
  const sorted = [...items].sort(
    (a, b) =>
      stanceOrder[a.stance] - stanceOrder[b.stance] || b.weight - a.weight || a.text.localeCompare(b.text),
  );
  const marks = [...new Set(sorted.map((i) => i.text))];
  const text =
    marks.length > MAX_MARKS
      ? `${marks.slice(0, MAX_MARKS).join(' ')} +${marks.length - MAX_MARKS}`
      : marks.join(' ');
  const best = (stance: Stance) =>
    Math.max(0, ...items.filter((i) => i.stance === stance).map((i) => i.weight));
  return { items: sorted, text, score: Math.round((best('supports') - best('contradicts')) * 100) / 100 };
}

/**
 * A line that bears on every claim alike tells little about which of them is true (ACH's
 * diagnosticity); one that supports some and is silent on or contradicts others tells more. Half the
 * range of its per-claim scores (support +w, contradiction −w, silence 0) measures that, from 0 to 1.
 */
export function diagnosticityOf(scores: readonly number[]): number | null {
  if (scores.length < 2) return null;
  return Math.round(((Math.max(...scores) - Math.min(...scores)) / 2) * 100) / 100;
}

export function buildMatrix(picture: MatrixPicture): EvidenceMatrix {
  const sources = sourcesOf(picture);
  const baseline = verdictsWithout(picture, new Set());
  const weightOf = new Map<string, number>();
  for (const result of baseline.values()) {
    for (const line of [...result.supporting, ...result.contradicting]) {
      for (const item of line.items) weightOf.set(item.evidenceId, item.weight);
    }
  }
  const columns: MatrixColumn[] = picture.claims.map((claim) => {
    const result = baseline.get(claim.id) as CorroborationResult;
    return {
      claim,
      verdict: result.verdict,
      fragile: result.warnings.fragile,
      stale: result.verdict !== claim.verdict,
    };
  });

  const grouped = new Map<string, { members: Map<string, string>; items: Map<string, CellItem[]> }>();
  for (const e of picture.evidence) {
    const root = lineRootOf(e.sourceId, sources);
    const source = sources.get(e.sourceId);
    const reliability = source?.reliability ?? 'F';
    const grade = `${reliability}${e.credibility}`;
    let row = grouped.get(root);
    if (!row) {
      row = { members: new Map(), items: new Map() };
      grouped.set(root, row);
    }
    row.members.set(e.sourceId, source?.title ?? 'Unknown source');
    const item: CellItem = {
      evidenceId: e.id,
      sourceId: e.sourceId,
      sourceTitle: source?.title ?? 'Unknown source',
      stance: e.stance,
      reliability,
      credibility: e.credibility,
      weight: e.stance === 'context' ? 0 : (weightOf.get(e.id) ?? 0),
      text: `${stanceSigns[e.stance]}${grade}`,
      excerpt: e.excerpt,
      locator: e.locator,
    };
    const list = row.items.get(e.claimId);
    if (list) list.push(item);
    else row.items.set(e.claimId, [item]);
  }

  const confidential = new Map(picture.sources.map((s) => [s.id, s.confidential]));
  const rows: MatrixRow[] = [];
  for (const [rootId, g] of grouped) {
    const cells = new Map<string, MatrixCell>();
    for (const [claimId, items] of g.items) cells.set(claimId, cellOf(items));
    const scores = picture.claims.map((claim) => cells.get(claim.id)?.score ?? 0);
    const diagnosticity = diagnosticityOf(scores);
    const root = sources.get(rootId);
    const members = [...g.members]
      .map(([id, title]) => ({ id, title }))
      .sort((a, b) => a.title.localeCompare(b.title));
    const impact = whatIf(picture, new Set([rootId]), baseline).length;
    rows.push({
      rootId,
      // A root that is not in the case (removed) is known only through its copies.
      title: root?.title ?? `Original of ${members.map((m) => m.title).join(', ')}`,
      reliability: root?.reliability ?? 'F',
      members,
      confidential: [rootId, ...g.members.keys()].some((id) => confidential.get(id) === true),
      cells,
      diagnosticity,
      level: diagnosticity === null ? null : levelOf(diagnosticity),
      strength: Math.max(0, ...[...cells.values()].flatMap((c) => c.items.map((i) => i.weight))),
      coverage: cells.size,
      impact,
    });
  }
  return { columns, rows: sortRows(rows, 'impact', 'desc') };
}

export type RowSort = 'title' | 'diagnosticity' | 'impact' | 'strength' | 'coverage';

export function sortRows(rows: readonly MatrixRow[], by: RowSort, direction: 'asc' | 'desc'): MatrixRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const key = (r: MatrixRow): number => {
    switch (by) {
      case 'diagnosticity':
        return r.diagnosticity ?? -1;
      case 'impact':
        return r.impact;
      case 'strength':
        return r.strength;
      case 'coverage':
        return r.coverage;
      default:
        return 0;
    }
  };
  return [...rows].sort(
    (a, b) =>
      (by === 'title' ? sign * a.title.localeCompare(b.title) : sign * (key(a) - key(b))) ||
      a.title.localeCompare(b.title) ||
      a.rootId.localeCompare(b.rootId),
  );
}

/** "Supports, B2 (weight 0.64): Reuters" — a cell item in words. */
export function itemWords(item: CellItem): string {
  const weight = item.stance === 'context' ? 'context, not weighed' : `weight ${item.weight.toFixed(2)}`;
  return `${stanceLabels[item.stance]}, ${item.reliability}${item.credibility} (${weight}): ${item.sourceTitle}`;
}
