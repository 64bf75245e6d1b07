// The corroboration model (DESIGN.md "Rating scales and the confidence model"). Pure: it takes the
// evidence and sources of one claim and returns a verdict with the lines and words that produced it,
// so the same answer can be computed for a list of 100k claims and explained in a detail pane.
// It lives in the shared layer so the renderer can recompute "what if this source is wrong" with
// the very same rules the core stores verdicts with.
import type { Reliability, Stance } from './enums';
import type { Verdict } from './inputs';
import type { CorroborationResult, IndependentLine, LineItem } from './records';

export interface ConfidenceSource {
  id: string;
  title: string;
  reliability: Reliability;
  derivedFrom: string | null;
}

export interface ConfidenceEvidence {
  id: string;
  sourceId: string;
  stance: Stance;
  credibility: number;
}

export const reliabilityWeight: Record<Reliability, number> = {
  A: 1.0,
  B: 0.8,
  C: 0.6,
  D: 0.4,
  E: 0.2,
  // "Cannot be judged" is not evidence of unreliability, so it sits just above E.
  F: 0.3,
};

export const credibilityWeight: Record<number, number> = {
  1: 1.0,
  2: 0.8,
  3: 0.6,
  4: 0.4,
  5: 0.2,
  6: 0.3,
};

export const verdictLabels: Record<Verdict, string> = {
  unsupported: 'Unsupported',
  single_source: 'Single source',
  corroborated: 'Corroborated',
  contested: 'Contested',
};

/** A line at least this strong on each side makes a claim contested, and on the other side blocks corroboration. */
const CONTEST_WEIGHT = 0.4;
/** Corroboration needs its strongest independent supporting line at least this strong … */
const CORROBORATE_WEIGHT = 0.6;
/**
 * … and at least one more independent supporting line at least this strong. A C-rated paper
 * reporting something as "possibly true" (C3 = 0.36) counts as a second, independent voice; an
 * unobtained, cited-only report (F3 = 0.18) or a doubtful item (C4 = 0.24) does not.
 */
const SECOND_LINE_WEIGHT = 0.3;
/** ICD 203 "very likely": from here up an assessment claims more than weak evidence can carry. */
const CONFIDENT_LIKELIHOOD = 6;
const UNKNOWN_SOURCE_TITLE = 'Unknown source';

type CountedStance = Exclude<Stance, 'context'>;

/**
 * The root of a source's line of origin. A cycle (which the API refuses, but imported or old data may
 * hold) resolves to its smallest id, so every member of the cycle lands in the same line whichever
 * member the walk started from. A parent missing from the map (removed, or not loaded) ends the
 * chain at the id it names, so two copies of a removed original still count as one line.
 */
export function lineRootOf(sourceId: string, sources: ReadonlyMap<string, ConfidenceSource>): string {
  const path: string[] = [];
  const indexOf = new Map<string, number>();
  let current = sourceId;
  for (;;) {
    const seenAt = indexOf.get(current);
    if (seenAt !== undefined) {
      return path.slice(seenAt).sort()[0] ?? current;
    }
    indexOf.set(current, path.length);
    path.push(current);
    const parent = sources.get(current)?.derivedFrom;
    if (!parent) return current;
    if (!sources.has(parent)) return parent;
    current = parent;
  }
}

/** Whether `sourceId.derivedFrom = newParent` would close a loop; an existing loop elsewhere ends the walk. */
export function wouldCreateCycle(
  sourceId: string,
  newParent: string | null,
  parentOf: (id: string) => string | null,
): boolean {
  const seen = new Set<string>();
  let current = newParent;
  while (current !== null && !seen.has(current)) {
    if (current === sourceId) return true;
    seen.add(current);
    current = parentOf(current);
  }
  return false;
}

export function corroborate(input: {
  evidence: readonly ConfidenceEvidence[];
  sources: ReadonlyMap<string, ConfidenceSource>;
  latestLikelihood: number | null;
}): CorroborationResult {
  const { evidence, sources, latestLikelihood } = input;

  // Many items share a source; walking its chain once per source keeps large claims cheap.
  const roots = new Map<string, string>();
  const rootOf = (sourceId: string): string => {
    let root = roots.get(sourceId);
    if (root === undefined) {
      root = lineRootOf(sourceId, sources);
      roots.set(sourceId, root);
    }
    return root;
  };

  const grouped: Record<CountedStance, Map<string, LineItem[]>> = {
    supports: new Map(),
    contradicts: new Map(),
  };
  let contextCount = 0;
  for (const e of evidence) {
    if (e.stance === 'context') {
      contextCount++;
      continue;
    }
    const source = sources.get(e.sourceId);
    // Evidence whose source is not loaded is still evidence, but nothing can be said of its
    // reliability, which is exactly what F means.
    const reliability: Reliability = source?.reliability ?? 'F';
    const item: LineItem = {
      evidenceId: e.id,
      sourceId: e.sourceId,
      sourceTitle: source?.title ?? UNKNOWN_SOURCE_TITLE,
      reliability,
      credibility: e.credibility,
      weight: itemWeight(reliability, e.credibility),
    };
    const byRoot = grouped[e.stance];
    const root = rootOf(e.sourceId);
    const items = byRoot.get(root);
    if (items) items.push(item);
    else byRoot.set(root, [item]);
  }

  const supporting = buildLines('supports', grouped.supports, sources);
  const contradicting = buildLines('contradicts', grouped.contradicts, sources);
  const supportWeights = supporting.map((l) => l.weight);
  const contradictWeights = contradicting.map((l) => l.weight);
  const verdict = verdictOf(supportWeights, contradictWeights);

  const fragileBecause: CorroborationResult['fragileBecause'] = [];
  // Single-source and unsupported verdicts are weak already; calling them fragile would say nothing new.
  if (verdict === 'corroborated' || verdict === 'contested') {
    supporting.forEach((line, i) => {
      const verdictWithout = verdictOf(without(supportWeights, i), contradictWeights);
      if (verdictWithout !== verdict)
        fragileBecause.push({ rootSourceId: line.rootSourceId, verdictWithout });
    });
    contradicting.forEach((line, i) => {
      const verdictWithout = verdictOf(supportWeights, without(contradictWeights, i));
      if (verdictWithout !== verdict)
        fragileBecause.push({ rootSourceId: line.rootSourceId, verdictWithout });
    });
  }
  const fragile = fragileBecause.length > 0;
  const overconfident =
    latestLikelihood !== null &&
    latestLikelihood >= CONFIDENT_LIKELIHOOD &&
    // An unsupported claim is flagged too: "almost certain" with no supporting line at all claims
    // even more than a single-source one.
    (verdict === 'unsupported' || verdict === 'single_source' || verdict === 'contested' || fragile);

  const explanation = explain({
    verdict,
    supporting,
    contradicting,
    contextCount,
    fragileBecause,
    overconfident,
    latestLikelihood,
    sources,
  });

  return {
    verdict,
    explanation,
    supporting,
    contradicting,
    warnings: { fragile, overconfident },
    fragileBecause,
  };
}

function itemWeight(reliability: Reliability, credibility: number): number {
  // An out-of-range credibility cannot be judged; the schema refuses it, old data might not.
  const c = credibilityWeight[credibility] ?? credibilityWeight[6] ?? 0.3;
  // Rounded so thresholds compare exactly: 0.6 × 1.0 must be 0.6, and 0.6 × 0.6 must print as 0.36.
  return Math.round(reliabilityWeight[reliability] * c * 100) / 100;
}

function verdictOf(supportWeights: readonly number[], contradictWeights: readonly number[]): Verdict {
  const contestingSupport = supportWeights.some((w) => w >= CONTEST_WEIGHT);
  const contestingContradiction = contradictWeights.some((w) => w >= CONTEST_WEIGHT);
  if (contestingSupport && contestingContradiction) return 'contested';
  if (corroborates(supportWeights) && !contestingContradiction) return 'corroborated';
  if (supportWeights.length > 0) return 'single_source';
  return 'unsupported';
}

/** Two independent lines that each count, the strongest of them strong. */
function corroborates(weights: readonly number[]): boolean {
  const counting = weights.filter((w) => w >= SECOND_LINE_WEIGHT);
  return counting.length >= 2 && counting.some((w) => w >= CORROBORATE_WEIGHT);
}

function without<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

function byTitle(a: string, b: string): number {
  return a.localeCompare(b);
}

function buildLines(
  stance: CountedStance,
  byRoot: ReadonlyMap<string, LineItem[]>,
  sources: ReadonlyMap<string, ConfidenceSource>,
): IndependentLine[] {
  const lines: IndependentLine[] = [];
  for (const [rootSourceId, unsorted] of byRoot) {
    // Sorted fully so the result does not depend on the order the evidence was stored in.
    const items = [...unsorted].sort(
      (a, b) =>
        b.weight - a.weight || byTitle(a.sourceTitle, b.sourceTitle) || byTitle(a.evidenceId, b.evidenceId),
    );
    const strongest = items[0];
    if (!strongest) continue;
    lines.push({
      rootSourceId,
      rootSourceTitle: sources.get(rootSourceId)?.title ?? strongest.sourceTitle,
      stance,
      weight: strongest.weight,
      items,
    });
  }
  return lines.sort(
    (a, b) =>
      b.weight - a.weight ||
      byTitle(a.rootSourceTitle, b.rootSourceTitle) ||
      byTitle(a.rootSourceId, b.rootSourceId),
  );
}

// ---- Plain words ----

function weightText(weight: number): string {
  return weight.toFixed(2);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "Reuters (B2, weight 0.64)", naming the copy when the line's strongest item comes from one. */
function describeLine(line: IndependentLine): string {
  const top = line.items[0];
  if (!top) return line.rootSourceTitle;
  const rating = `${top.reliability}${top.credibility}, weight ${weightText(line.weight)}`;
  if (top.sourceId === line.rootSourceId || top.sourceTitle === line.rootSourceTitle) {
    return `${line.rootSourceTitle} (${rating})`;
  }
  return `${line.rootSourceTitle}, as repeated by ${top.sourceTitle} (${rating})`;
}

function describeLines(lines: readonly IndependentLine[]): string {
  return joinWords(lines.map(describeLine));
}

function count(n: number, one: string, many: string): string {
  return n === 1 ? `One ${one}` : `${n} ${many}`;
}

function supportSentence(lines: readonly IndependentLine[]): string {
  return `${count(lines.length, 'independent line supports', 'independent lines support')} the claim: ${describeLines(lines)}.`;
}

/** Why sources that look separate were merged: the part of the verdict a reader is most likely to question. */
function derivationSentences(
  lines: readonly IndependentLine[],
  sources: ReadonlyMap<string, ConfidenceSource>,
): string[] {
  const sentences: string[] = [];
  for (const line of lines) {
    const titles = new Map<string, string>();
    for (const item of line.items) titles.set(item.sourceId, item.sourceTitle);
    if (!sources.has(line.rootSourceId)) {
      // The original is gone, so only its copies can be named; one copy alone merged nothing.
      const names = [...new Set(titles.values())].sort(byTitle);
      if (names.length > 1) {
        sentences.push(
          `${joinWords(names)} ${names.length === 2 ? 'both' : 'all'} repeat the same original, which is not in this case, so they count as one line.`,
        );
      }
      continue;
    }
    const rootHasEvidence = titles.delete(line.rootSourceId);
    const copies = [...titles.values()].sort(byTitle);
    if (copies.length === 0) continue;
    const both = copies.length === 2 ? 'both ' : 'all ';
    if (rootHasEvidence) {
      sentences.push(
        `${joinWords(copies)} ${copies.length === 1 ? 'repeats' : 'repeat'} ${line.rootSourceTitle}, so they count as one line.`,
      );
    } else if (copies.length === 1) {
      sentences.push(
        `${copies[0]} repeats ${line.rootSourceTitle}, so it counts as the ${line.rootSourceTitle} line.`,
      );
    } else {
      sentences.push(
        `${joinWords(copies)} ${both}repeat ${line.rootSourceTitle}, so they count as one line.`,
      );
    }
  }
  return sentences;
}

function explain(facts: {
  verdict: Verdict;
  supporting: readonly IndependentLine[];
  contradicting: readonly IndependentLine[];
  contextCount: number;
  fragileBecause: CorroborationResult['fragileBecause'];
  overconfident: boolean;
  latestLikelihood: number | null;
  sources: ReadonlyMap<string, ConfidenceSource>;
}): string[] {
  const { verdict, supporting, contradicting, sources } = facts;
  const out: string[] = [];
  const strongSupport = supporting.filter((l) => l.weight >= CORROBORATE_WEIGHT).length;
  const countingSupport = supporting.filter((l) => l.weight >= SECOND_LINE_WEIGHT).length;
  const contestingContradiction = contradicting.some((l) => l.weight >= CONTEST_WEIGHT);
  const contradictCount = count(contradicting.length, 'line contradicts', 'lines contradict');

  switch (verdict) {
    case 'unsupported':
      out.push('No evidence supports the claim.');
      if (contradicting.length > 0) out.push(`${contradictCount} it: ${describeLines(contradicting)}.`);
      break;
    case 'single_source':
      if (supporting.length === 1) {
        out.push(`Only one independent line supports the claim: ${describeLines(supporting)}.`);
      } else {
        out.push(supportSentence(supporting));
        out.push(
          strongSupport === 0
            ? `None of them weighs ${weightText(CORROBORATE_WEIGHT)} or more; corroboration needs one line that strong.`
            : `Only ${countingSupport} of them weighs ${weightText(SECOND_LINE_WEIGHT)} or more; corroboration needs a second independent line that strong.`,
        );
      }
      if (contradicting.length > 0 && contestingContradiction) {
        out.push(
          `${contradictCount} it (${describeLines(contradicting)}), but the support is too weak (below ${weightText(CONTEST_WEIGHT)}) to call the claim contested.`,
        );
      } else if (contradicting.length > 0) {
        out.push(
          `${contradictCount} it, too weakly to count (below ${weightText(CONTEST_WEIGHT)}): ${describeLines(contradicting)}.`,
        );
      }
      break;
    case 'corroborated':
      out.push(supportSentence(supporting));
      out.push(
        `The strongest weighs ${weightText(supporting[0]?.weight ?? 0)} (${weightText(CORROBORATE_WEIGHT)} or more needed) and ${countingSupport} weigh ${weightText(SECOND_LINE_WEIGHT)} or more, enough to corroborate.`,
      );
      if (contradicting.length > 0) {
        out.push(
          `${contradictCount} it, too weakly to contest it (below ${weightText(CONTEST_WEIGHT)}): ${describeLines(contradicting)}.`,
        );
      }
      break;
    case 'contested':
      out.push(
        `Evidence weighing ${weightText(CONTEST_WEIGHT)} or more points both ways, so the claim is contested.`,
      );
      out.push(supportSentence(supporting));
      out.push(`${contradictCount} it: ${describeLines(contradicting)}.`);
      break;
  }

  // A root can carry both a supporting and a contradicting line; its merge is explained once.
  out.push(...new Set(derivationSentences([...supporting, ...contradicting], sources)));

  if (facts.contextCount > 0) {
    out.push(
      `${count(facts.contextCount, 'context item is', 'context items are')} recorded; context never counts for or against the claim.`,
    );
  }

  if (facts.fragileBecause.length > 0) {
    const titleOf = new Map(
      [...supporting, ...contradicting].map((l) => [l.rootSourceId, l.rootSourceTitle]),
    );
    const cases = facts.fragileBecause.map(
      (f) =>
        `without ${titleOf.get(f.rootSourceId) ?? f.rootSourceId} it would be "${verdictLabels[f.verdictWithout]}"`,
    );
    out.push(`The verdict is fragile: ${cases.join('; ')}.`);
  }

  if (facts.overconfident) {
    const reasons: string[] = [];
    if (verdict === 'unsupported') reasons.push('no evidence in the case supports it');
    if (verdict === 'single_source') reasons.push('no second strong independent line backs it');
    if (verdict === 'contested') reasons.push('strong evidence contradicts it');
    if (facts.fragileBecause.length > 0) reasons.push('removing a single line would change the verdict');
    const words = facts.latestLikelihood === CONFIDENT_LIKELIHOOD ? 'very likely' : 'almost certain';
    out.push(
      `The latest assessment calls the claim ${words}, more than the evidence carries: ${joinWords(reasons)}.`,
    );
  }

  return out;
}
