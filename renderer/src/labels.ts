// Human words for what the screens show. The enumerations' words live in the shared schema
// (electron/schema/labels.ts) so the renderer, reports and exports say the same thing.

import type { SearchKind } from '../../electron/schema/search';

export {
  actorKindLabels,
  claimStatusLabels,
  confidenceLabels,
  credibilityLabels,
  dealStatusLabels,
  likelihoodLabels,
  partyRoleLabels,
  reliabilityLabels,
  sourceKindLabels,
  stanceHeadings,
  stanceLabels,
  technologyLabels,
  verdictLabels,
  verdictOrder,
} from '../../electron/schema/labels';

import { credibilityLabels, likelihoodLabels, reliabilityLabels } from '../../electron/schema/labels';

export const searchKindLabels: Record<SearchKind, string> = {
  claim: 'Claims',
  source: 'Sources',
  evidence: 'Evidence',
  deal: 'Deals',
  actor: 'Actors',
};

export const entityLabels: Record<string, string> = {
  case: 'case',
  claim: 'claim',
  source: 'source',
  evidence: 'evidence',
  deal: 'deal',
  actor: 'actor',
  deal_party: 'deal party',
  assessment: 'assessment',
  attachment: 'attachment',
};

export const actionLabels: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  remove: 'Removed',
  restore: 'Restored',
  add: 'Added',
  set: 'Set',
  resolve: 'Resolved',
  export: 'Exported',
  import: 'Imported',
};

/** "Removed evidence", "Created claim": one audit event in words. */
export function describeEvent(action: string, entity: string): string {
  return `${actionLabels[action] ?? action} ${entityLabels[entity] ?? entity}`;
}

/** Full English wording of a grade such as "B2", used as its accessible name. */
export function gradeWords(reliability: keyof typeof reliabilityLabels, credibility: number): string {
  // "Truth cannot be judged" reads badly after "information"; the scale's meaning is kept.
  const info =
    credibility === 6 ? 'cannot be judged' : (credibilityLabels[credibility] ?? 'of unknown credibility');
  return `Source ${reliabilityLabels[reliability].toLowerCase()}, information ${info.toLowerCase()}`;
}

export function likelihoodWords(value: number): string {
  const l = likelihoodLabels[value];
  return l ? `${l.words} (${l.range})` : `likelihood ${value}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : dateTime.format(t);
}

export function formatMoney(amount: number | null, currency: string | null): string {
  if (amount === null) return '';
  try {
    return new Intl.NumberFormat(undefined, {
      style: currency ? 'currency' : 'decimal',
      ...(currency ? { currency } : {}),
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

/** "very likely" → "Very likely": a scale's words at the start of a line. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
