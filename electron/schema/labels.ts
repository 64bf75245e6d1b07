// Words for the data model's enumerations, in ONE place for every screen, report and export: the
// renderer's lists and forms, the core's HTML report (exchange/report.ts) and anything else that
// names a status, a kind or a role to a person. The rating scales' words stay beside their scales
// (enums.ts, confidence.ts) and are re-exported here so one import serves.
import { verdictLabels } from './confidence';
import type {
  ActorKind,
  ClaimStatus,
  ConfidenceLevel,
  DealStatus,
  PartyRole,
  SourceKind,
  Stance,
  Technology,
} from './enums';
import { credibilityLabels, likelihoodLabels, reliabilityLabels } from './enums';
import type { Verdict } from './inputs';

export { credibilityLabels, likelihoodLabels, reliabilityLabels, verdictLabels };

/** The verdicts from weakest to strongest support, then contested: the order lists and filters show. */
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
