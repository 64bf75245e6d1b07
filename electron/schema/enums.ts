// The enumerations of the data model (DESIGN.md "Data model" and "Rating scales"), shared by the
// migrations' CHECK constraints, the core, the contract and the renderer's labels.
import { z } from 'zod';

export const technologies = [
  'lawful_intercept',
  'cctv',
  'facial_recognition',
  'spyware',
  'dpi',
  'biometrics',
  'data_retention',
  'other',
] as const;
export const dealStatuses = ['rumoured', 'announced', 'signed', 'deployed', 'cancelled'] as const;
export const actorKinds = ['company', 'government', 'agency', 'person', 'organisation'] as const;
export const partyRoles = ['vendor', 'buyer', 'operator', 'financier', 'intermediary'] as const;
export const sourceKinds = [
  'article',
  'report',
  'document',
  'leak',
  'interview',
  'dataset',
  'official_record',
  'court_record',
  'social_post',
  'other',
] as const;
export const reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const claimStatuses = [
  'draft',
  'under_review',
  'verified',
  'disputed',
  'debunked',
  'unverifiable',
] as const;
export const stances = ['supports', 'contradicts', 'context'] as const;
export const confidenceLevels = ['low', 'moderate', 'high'] as const;

export const Technology = z.enum(technologies);
export const DealStatus = z.enum(dealStatuses);
export const ActorKind = z.enum(actorKinds);
export const PartyRole = z.enum(partyRoles);
export const SourceKind = z.enum(sourceKinds);
export const Reliability = z.enum(reliabilities);
export const ClaimStatus = z.enum(claimStatuses);
export const Stance = z.enum(stances);
export const ConfidenceLevel = z.enum(confidenceLevels);
/** Information credibility of one evidence item: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const Credibility = z.number().int().min(1).max(6);
/** ICD 203 likelihood: 1 almost no chance … 7 almost certain. */
export const Likelihood = z.number().int().min(1).max(7);

export type Technology = z.infer<typeof Technology>;
export type DealStatus = z.infer<typeof DealStatus>;
export type ActorKind = z.infer<typeof ActorKind>;
export type PartyRole = z.infer<typeof PartyRole>;
export type SourceKind = z.infer<typeof SourceKind>;
export type Reliability = z.infer<typeof Reliability>;
export type ClaimStatus = z.infer<typeof ClaimStatus>;
export type Stance = z.infer<typeof Stance>;
export type ConfidenceLevel = z.infer<typeof ConfidenceLevel>;

export const reliabilityLabels: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

export const credibilityLabels: Record<number, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

/** ICD 203 words and ranges, index = likelihood value. */
export const likelihoodLabels: Record<number, { words: string; range: string }> = {
  1: { words: 'almost no chance', range: '1–5%' },
  2: { words: 'very unlikely', range: '5–20%' },
  3: { words: 'unlikely', range: '20–45%' },
  4: { words: 'roughly even chance', range: '45–55%' },
  5: { words: 'likely', range: '55–80%' },
  6: { words: 'very likely', range: '80–95%' },
  7: { words: 'almost certain', range: '95–99%' },
};
