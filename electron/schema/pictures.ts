// The three pictures (deal network, timeline, evidence matrix): their inputs, the plain data the core
// returns for them, and the network's filter rule. The rule lives here, not in the core or the
// renderer, so a headless caller filtering through the contract and the screen filtering instantly
// in memory can never disagree about which deals a filter shows.
import { z } from 'zod';
import type { DealRow } from './deal-row';
import type { ActorKind, DealStatus, PartyRole, Reliability, Stance, Technology } from './enums';
import { Technology as TechnologyEnum } from './enums';
import { Id, limits, Verdict, type Verdict as VerdictType } from './inputs';

const Year = z.number().int().min(1900).max(2100);

export const NetworkFilters = z
  .object({
    /** A deal matches when its own country or one of its parties' countries is listed (case-insensitive). */
    countries: z.array(z.string().trim().min(1).max(limits.short)).max(50).optional(),
    technologies: z.array(TechnologyEnum).max(20).optional(),
    /** Inclusive; a deal without a year never matches a year filter. */
    yearFrom: Year.optional(),
    yearTo: Year.optional(),
    /** A deal matches when at least one of its live claims has one of these verdicts. */
    verdicts: z.array(Verdict).max(20).optional(),
  })
  .strict();
export type NetworkFilters = z.input<typeof NetworkFilters>;

export const PicturesNetwork = z.object({ filters: NetworkFilters.optional() }).strict().default({});
export const PicturesTimeline = z
  .object({
    /** Most evidence items returned (dated first, earliest first); the answer says when more were left out. */
    limit: z.number().int().min(1).max(20_000).default(5_000),
  })
  .strict()
  .default({ limit: 5_000 });
export const PicturesMatrix = z.object({ dealId: Id }).strict();

/** Layout, not evidence: a few finite numbers per node. Bounded so a broken client cannot fill the file. */
const Coordinate = z.number().finite().min(-1e7).max(1e7);
export const pictureNames = ['network'] as const;
export const SavePositions = z
  .object({
    picture: z.enum(pictureNames).default('network'),
    positions: z
      .array(z.object({ id: Id, x: Coordinate, y: Coordinate }).strict())
      .min(1, { message: 'must hold at least one position' })
      .max(10_000, { message: 'at most 10000 positions per call' }),
  })
  .strict();

// ---- What the core returns ----

export type VerdictCounts = Record<VerdictType, number>;

export interface NetworkDeal extends DealRow {
  claimCount: number;
  verdictCounts: VerdictCounts;
  /** The verdict of its weakest live claim; null for a deal with no claims. */
  weakestVerdict: VerdictType | null;
}

export interface NetworkActor {
  id: string;
  name: string;
  kind: ActorKind;
  country: string | null;
  /** Distinct live claims about the deals this actor is party to. */
  claimCount: number;
  dealCount: number;
}

export interface NetworkParty {
  id: string;
  dealId: string;
  actorId: string;
  role: PartyRole;
}

export interface NodePosition {
  id: string;
  x: number;
  y: number;
}

export interface NetworkPicture {
  deals: NetworkDeal[];
  actors: NetworkActor[];
  parties: NetworkParty[];
  /** Stored layout of the nodes that have one (possibly of nodes now filtered out). */
  positions: NodePosition[];
  /** The case before filtering, to offer filter choices and say "12 of 40 deals". */
  facets: {
    countries: string[];
    technologies: Technology[];
    years: number[];
    total: { deals: number; actors: number };
  };
}

export interface StatusStep {
  status: DealStatus;
  /** When the case recorded this status (the audit event), not when it happened in the world. */
  recordedAt: string;
}

export interface TimelineDeal extends DealRow {
  claimCount: number;
  statusHistory: StatusStep[];
}

export interface TimelineEvidence {
  id: string;
  claimId: string;
  claimStatement: string;
  dealId: string | null;
  sourceId: string;
  sourceTitle: string;
  stance: Stance;
  reliability: Reliability;
  credibility: number;
  /** The source's publication date, as precise as known (2019, 2019-03, 2019-03-21); null when unknown. */
  date: string | null;
}

export interface TimelinePicture {
  deals: TimelineDeal[];
  /** Live evidence, dated first (earliest first), then undated: at most `limit` items. */
  evidence: TimelineEvidence[];
  /** Live evidence whose source has no publication date (returned or not): it cannot be placed on the axis. */
  undatedEvidence: number;
  /** Evidence left out beyond `limit`. */
  omittedEvidence: number;
}

export interface MatrixClaim {
  id: string;
  statement: string;
  status: string;
  /** The stored verdict; the matrix recomputes it from the same model and must agree. */
  verdict: VerdictType;
  latestLikelihood: number | null;
}

export interface MatrixEvidence {
  id: string;
  claimId: string;
  sourceId: string;
  stance: Stance;
  credibility: number;
  excerpt: string;
  locator: string | null;
}

export interface MatrixSource {
  id: string;
  title: string;
  reliability: Reliability;
  derivedFrom: string | null;
  confidential: boolean;
}

export interface MatrixPicture {
  deal: DealRow;
  claims: MatrixClaim[];
  evidence: MatrixEvidence[];
  /** Every source the evidence rests on, with all its `derivedFrom` ancestors (lines of origin need them). */
  sources: MatrixSource[];
}

// ---- The network filter rule (shared by core and renderer) ----

/**
 * From weakest to strongest basis for a published sentence. Contested sits below single-source:
 * strong evidence against a claim is a worse footing than one uncontradicted line.
 */
export const verdictWeakness: readonly VerdictType[] = [
  'unsupported',
  'contested',
  'single_source',
  'corroborated',
];

export function emptyVerdictCounts(): VerdictCounts {
  return { unsupported: 0, single_source: 0, corroborated: 0, contested: 0 };
}

export function weakestOf(counts: VerdictCounts): VerdictType | null {
  return verdictWeakness.find((v) => counts[v] > 0) ?? null;
}

export interface FilteredNetwork {
  deals: NetworkDeal[];
  actors: NetworkActor[];
  parties: NetworkParty[];
}

export function hasNetworkFilters(f: NetworkFilters | undefined): boolean {
  if (!f) return false;
  return Boolean(
    f.countries?.length ||
      f.technologies?.length ||
      f.verdicts?.length ||
      f.yearFrom !== undefined ||
      f.yearTo !== undefined,
  );
}

/**
 * The deals a filter keeps, their parties, and the actors party to them. With no filter every
 * actor stays, including those not yet linked to any deal; with one, only the actors of kept deals.
 */
export function filterNetwork(
  net: Pick<NetworkPicture, 'deals' | 'actors' | 'parties'>,
  filters: NetworkFilters | undefined,
): FilteredNetwork {
  if (!hasNetworkFilters(filters) || !filters)
    return { deals: net.deals, actors: net.actors, parties: net.parties };
  const countries = new Set((filters.countries ?? []).map((c) => c.trim().toLowerCase()));
  const technologies = new Set(filters.technologies ?? []);
  const verdicts = filters.verdicts ?? [];
  const actorCountry = new Map(net.actors.map((a) => [a.id, a.country?.trim().toLowerCase() ?? null]));
  const partiesOf = new Map<string, NetworkParty[]>();
  for (const p of net.parties) {
    const list = partiesOf.get(p.dealId);
    if (list) list.push(p);
    else partiesOf.set(p.dealId, [p]);
  }
  const keep = (d: NetworkDeal): boolean => {
    if (technologies.size > 0 && !technologies.has(d.technology)) return false;
    if (filters.yearFrom !== undefined && (d.year === null || d.year < filters.yearFrom)) return false;
    if (filters.yearTo !== undefined && (d.year === null || d.year > filters.yearTo)) return false;
    if (verdicts.length > 0 && !verdicts.some((v) => d.verdictCounts[v] > 0)) return false;
    if (countries.size > 0) {
      const own = d.country?.trim().toLowerCase();
      const viaParty = (partiesOf.get(d.id) ?? []).some((p) => {
        const c = actorCountry.get(p.actorId);
        return c != null && countries.has(c);
      });
      if (!(own && countries.has(own)) && !viaParty) return false;
    }
    return true;
  };
  const deals = net.deals.filter(keep);
  const dealIds = new Set(deals.map((d) => d.id));
  const parties = net.parties.filter((p) => dealIds.has(p.dealId));
  const actorIds = new Set(parties.map((p) => p.actorId));
  return { deals, actors: net.actors.filter((a) => actorIds.has(a.id)), parties };
}
