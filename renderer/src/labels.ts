// Human words for every enumeration the screens show. The rating scales' words come from the shared
// schema so the renderer, reports and exports say the same thing.

import { verdictLabels } from '../../electron/schema/confidence';
import type {
  ActorKind,
  ClaimStatus,
  ConfidenceLevel,
  DealStatus,
  PartyRole,
  SourceKind,
  Stance,
  Technology,
} from '../../electron/schema/enums';
import { credibilityLabels, likelihoodLabels, reliabilityLabels } from '../../electron/schema/enums';
import type { Verdict } from '../../electron/schema/inputs';
import type { SearchKind } from '../../electron/schema/search';

export { credibilityLabels, likelihoodLabels, reliabilityLabels, verdictLabels };

export const verdictOrder: readonly Verdict[] = ['unsupported', 'single_source', 'corroborated', 'contested'];

export const claimStatusLabels: Record<ClaimStatus, string> = {
  draft: 'Draft',
  under_review: 'Under review',
  verified: 'Verified',
  disputed: 'Disputed',
  debunked: 'Debunked',
  unverifiable: 'Unverifiable',
};

export const stanceLabels: Record<Stance, string> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  context: 'Context',
};

export const stanceHeadings: Record<Stance, string> = {
  supports: 'Supporting evidence',
  contradicts: 'Contradicting evidence',
  context: 'Context',
};

export const sourceKindLabels: Record<SourceKind, string> = {
  article: 'Article',
  report: 'Report',
  document: 'Document',
  leak: 'Leak',
  interview: 'Interview',
  dataset: 'Dataset',
  official_record: 'Official record',
  court_record: 'Court record',
  social_post: 'Social media post',
  other: 'Other',
};

export const technologyLabels: Record<Technology, string> = {
  lawful_intercept: 'Lawful intercept',
  cctv: 'CCTV',
  facial_recognition: 'Facial recognition',
  spyware: 'Spyware',
  dpi: 'Deep packet inspection',
  biometrics: 'Biometrics',
  data_retention: 'Data retention',
  other: 'Other',
};

export const dealStatusLabels: Record<DealStatus, string> = {
  rumoured: 'Rumoured',
  announced: 'Announced',
  signed: 'Signed',
  deployed: 'Deployed',
  cancelled: 'Cancelled',
};

export const actorKindLabels: Record<ActorKind, string> = {
  company: 'Company',
  government: 'Government',
  agency: 'Agency',
  person: 'Person',
  organisation: 'Organisation',
};

export const partyRoleLabels: Record<PartyRole, string> = {
  vendor: 'Vendor',
  buyer: 'Buyer',
  operator: 'Operator',
  financier: 'Financier',
  intermediary: 'Intermediary',
};

export const confidenceLabels: Record<ConfidenceLevel, string> = {
  low: 'Low confidence',
  moderate: 'Moderate confidence',
  high: 'High confidence',
};

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
