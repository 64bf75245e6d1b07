// The shapes the core returns. Plain data, so every transport can carry them as JSON.

import type { DealRow } from './deal-row';
import type {
  ActorKind,
  ClaimStatus,
  ConfidenceLevel,
  PartyRole,
  Reliability,
  SourceKind,
  Stance,
} from './enums';
import type { Verdict } from './inputs';

export interface Timestamps {
  createdAt: string;
  updatedAt: string;
  /** Set when removed: the record is kept (a tombstone), hidden from lists unless asked for. */
  deletedAt: string | null;
}

export interface Deal extends Timestamps, DealRow {
  valueAmount: number | null;
  valueCurrency: string | null;
  summary: string | null;
}

export interface Actor extends Timestamps {
  id: string;
  name: string;
  kind: ActorKind;
  country: string | null;
  aliases: string[];
}

export interface DealParty extends Timestamps {
  id: string;
  dealId: string;
  actorId: string;
  role: PartyRole;
}

export interface Source extends Timestamps {
  id: string;
  title: string;
  kind: SourceKind;
  url: string | null;
  author: string | null;
  publisher: string | null;
  publishedAt: string | null;
  accessedAt: string | null;
  language: string | null;
  reliability: Reliability;
  reliabilityNote: string | null;
  confidential: boolean;
  derivedFrom: string | null;
  notes: string | null;
}

export interface Claim extends Timestamps {
  id: string;
  statement: string;
  dealId: string | null;
  status: ClaimStatus;
  tags: string[];
}

export interface Evidence extends Timestamps {
  id: string;
  claimId: string;
  sourceId: string;
  stance: Stance;
  excerpt: string;
  prefix: string | null;
  suffix: string | null;
  locator: string | null;
  credibility: number;
  note: string | null;
}

export interface Assessment {
  id: string;
  claimId: string;
  likelihood: number;
  confidence: ConfidenceLevel;
  rationale: string;
  author: string;
  createdAt: string;
}

export interface AuditEvent {
  seq: number;
  eventId: string;
  at: string;
  actor: string;
  replica: string;
  action: string;
  entity: string;
  entityId: string;
  parent: string | null;
  payload: unknown;
  prevHash: string;
  hash: string;
  /**
   * Set when the recorded time is implausible: more than a day ahead of this machine's clock, or
   * before the case existed. Order never depends on it (the sequence number is the order).
   */
  timeFlag?: 'ahead_of_clock' | 'before_case';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

// ---- The corroboration model's explanation (confidence.ts) ----

export interface LineItem {
  evidenceId: string;
  sourceId: string;
  sourceTitle: string;
  reliability: Reliability;
  credibility: number;
  weight: number;
}

/** One independent line: a root source and every source derived from it. */
export interface IndependentLine {
  rootSourceId: string;
  rootSourceTitle: string;
  stance: Exclude<Stance, 'context'>;
  /** The weight of the line's strongest item. */
  weight: number;
  items: LineItem[];
}

export interface CorroborationResult {
  verdict: Verdict;
  /** Plain-words reasons, one per line, that produced the verdict. */
  explanation: string[];
  supporting: IndependentLine[];
  contradicting: IndependentLine[];
  warnings: {
    /** Removing any single line would change the verdict. */
    fragile: boolean;
    /** The latest likelihood is "very likely" or above on a single-source, contested or fragile claim. */
    overconfident: boolean;
  };
  /** For a fragile verdict: which line's removal changes it, and to what. */
  fragileBecause: { rootSourceId: string; verdictWithout: Verdict }[];
}

export interface EvidenceView extends Evidence {
  sourceTitle: string;
  sourceReliability: Reliability;
  sourceConfidential: boolean;
}

export interface ClaimDetail {
  claim: Claim;
  deal: Pick<Deal, 'id' | 'title'> | null;
  evidence: EvidenceView[];
  corroboration: CorroborationResult;
  assessments: Assessment[];
  /** With `trail: true`: the newest events of the claim, its evidence and assessments (as audit.list). */
  trail?: Page<AuditEvent>;
}

export interface ClaimListItem extends Claim {
  verdict: Verdict;
  evidenceCount: number;
}

// Output shapes of the detail methods (the contract and the renderer use them; the core fills them).
export interface ActorDetail {
  actor: Actor;
  deals: (DealRow & { role: string })[];
}

export interface PartyView extends DealParty {
  actor: Pick<Actor, 'id' | 'name' | 'kind' | 'country'>;
}

export interface SourceUse {
  evidenceId: string;
  claimId: string;
  statement: string;
  stance: Stance;
  credibility: number;
  excerpt: string;
  locator: string | null;
}

export interface SourceDetail {
  source: Source;
  derivedFrom: Pick<Source, 'id' | 'title' | 'reliability'> | null;
  derivatives: Pick<Source, 'id' | 'title' | 'reliability'>[];
  uses: SourceUse[];
}

/** One of the app's own backups of a case (taken before a migration). */
export interface BackupInfo {
  path: string;
  fileName: string;
  /** Schema version the backup was written at, from the name. */
  version: number;
  /** When it was taken: from the name when it carries a time, else the file's modification time. */
  takenAt: string;
  size: number;
  /** Its header is that of a Corroborate case file (a cheap check; open it to be sure). */
  looksValid: boolean;
}
