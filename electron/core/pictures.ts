// What the three pictures need from a case, each in a handful of set-based queries so a case of
// thousands of deals answers at once. The pictures only read, except for the network's layout,
// which is kept in picture_positions (see migrations/0002: layout, not evidence, so not audited).

import type { DealRow } from '../schema/deal-row';
import type { ActorKind, DealStatus, PartyRole, Reliability, Stance } from '../schema/enums';
import type { Verdict } from '../schema/inputs';
import {
  emptyVerdictCounts,
  filterNetwork,
  type MatrixPicture,
  type NetworkActor,
  type NetworkDeal,
  type NetworkParty,
  type NetworkPicture,
  type NodePosition,
  PicturesMatrix,
  PicturesNetwork,
  PicturesTimeline,
  SavePositions,
  type StatusStep,
  type TimelineDeal,
  type TimelinePicture,
  weakestOf,
} from '../schema/pictures';
import type { CaseFile } from './db';
import { CoreError, parseInput } from './errors';
import { nowIso } from './ids';
import { LATEST_FIRST_SQL } from './recorded-order';
import { requireRecord } from './records';
import { dealTable } from './tables';

const EXCERPT_PREVIEW = 280;

export function networkPicture(c: CaseFile, input: unknown): NetworkPicture {
  const { filters } = parseInput(PicturesNetwork, input);
  return c.read(() => {
    const dealRows = c
      .stmt(
        `SELECT d.id, d.title, d.technology, d.country, d.status, d.year,
                count(cl.id) AS claims,
                coalesce(sum(coalesce(v.verdict, 'unsupported') = 'unsupported' AND cl.id IS NOT NULL), 0) AS unsupported,
                coalesce(sum(v.verdict = 'single_source'), 0) AS single_source,
                coalesce(sum(v.verdict = 'corroborated'), 0) AS corroborated,
                coalesce(sum(v.verdict = 'contested'), 0) AS contested
         FROM deals d
         LEFT JOIN claims cl ON cl.deal_id = d.id AND cl.deleted_at IS NULL
         LEFT JOIN claim_verdicts v ON v.claim_id = cl.id
         WHERE d.deleted_at IS NULL
         GROUP BY d.id ORDER BY d.title, d.id`,
      )
      .all() as (Record<Verdict, number> &
      DealRow & {
        claims: number;
      })[];
    const deals: NetworkDeal[] = dealRows.map((r) => {
      const verdictCounts = emptyVerdictCounts();
      for (const v of Object.keys(verdictCounts) as Verdict[]) verdictCounts[v] = r[v];
      return {
        id: r.id,
        title: r.title,
        technology: r.technology,
        country: r.country,
        status: r.status,
        year: r.year,
        claimCount: r.claims,
        verdictCounts,
        weakestVerdict: weakestOf(verdictCounts),
      };
    });

    const parties = (
      c
        .stmt(
          `SELECT p.id, p.deal_id, p.actor_id, p.role FROM deal_parties p
           JOIN deals d ON d.id = p.deal_id AND d.deleted_at IS NULL
           JOIN actors a ON a.id = p.actor_id AND a.deleted_at IS NULL
           WHERE p.deleted_at IS NULL ORDER BY p.deal_id, p.role, p.id`,
        )
        .all() as { id: string; deal_id: string; actor_id: string; role: PartyRole }[]
    ).map((r): NetworkParty => ({ id: r.id, dealId: r.deal_id, actorId: r.actor_id, role: r.role }));

    // An actor's claims are those about the deals it is party to, each counted once.
    const actors = (
      c
        .stmt(
          `SELECT a.id, a.name, a.kind, a.country,
                  (SELECT count(DISTINCT p.deal_id) FROM deal_parties p JOIN deals d ON d.id = p.deal_id
                   WHERE p.actor_id = a.id AND p.deleted_at IS NULL AND d.deleted_at IS NULL) AS deals,
                  (SELECT count(DISTINCT cl.id) FROM deal_parties p
                   JOIN deals d ON d.id = p.deal_id AND d.deleted_at IS NULL
                   JOIN claims cl ON cl.deal_id = p.deal_id AND cl.deleted_at IS NULL
                   WHERE p.actor_id = a.id AND p.deleted_at IS NULL) AS claims
           FROM actors a WHERE a.deleted_at IS NULL ORDER BY a.name, a.id`,
        )
        .all() as {
        id: string;
        name: string;
        kind: ActorKind;
        country: string | null;
        deals: number;
        claims: number;
      }[]
    ).map(
      (r): NetworkActor => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        country: r.country,
        claimCount: r.claims,
        dealCount: r.deals,
      }),
    );

    const positions = c
      .stmt("SELECT node_id AS id, x, y FROM picture_positions WHERE picture = 'network' ORDER BY node_id")
      .all() as NodePosition[];

    const countries = new Set<string>();
    for (const d of deals) if (d.country) countries.add(d.country);
    for (const a of actors) if (a.country) countries.add(a.country);
    const facets: NetworkPicture['facets'] = {
      countries: [...countries].sort((a, b) => a.localeCompare(b)),
      technologies: [...new Set(deals.map((d) => d.technology))].sort(),
      years: [...new Set(deals.flatMap((d) => (d.year === null ? [] : [d.year])))].sort((a, b) => a - b),
      total: { deals: deals.length, actors: actors.length },
    };
    const kept = filterNetwork({ deals, actors, parties }, filters);
    return { ...kept, positions, facets };
  });
}

/** Consecutive events that left the status as it was collapse into one step. */
function statusHistories(c: CaseFile): Map<string, StatusStep[]> {
  const rows = c
    .stmt(
      `SELECT entity_id AS id, at, json_extract(payload, '$.status') AS status
       FROM audit_log WHERE entity = 'deal' ORDER BY seq`,
    )
    .all() as { id: string; at: string; status: DealStatus | null }[];
  const out = new Map<string, StatusStep[]>();
  for (const r of rows) {
    if (!r.status) continue;
    const steps = out.get(r.id);
    if (!steps) out.set(r.id, [{ status: r.status, recordedAt: r.at }]);
    else if (steps[steps.length - 1]?.status !== r.status) steps.push({ status: r.status, recordedAt: r.at });
  }
  return out;
}

export function timelinePicture(c: CaseFile, input: unknown): TimelinePicture {
  const { limit } = parseInput(PicturesTimeline, input);
  return c.read(() => {
    const histories = statusHistories(c);
    const deals = (
      c
        .stmt(
          `SELECT d.id, d.title, d.technology, d.country, d.status, d.year,
                  (SELECT count(*) FROM claims cl WHERE cl.deal_id = d.id AND cl.deleted_at IS NULL) AS claims
           FROM deals d WHERE d.deleted_at IS NULL ORDER BY coalesce(d.country, ''), coalesce(d.year, 9999), d.title, d.id`,
        )
        .all() as (DealRow & {
        claims: number;
      })[]
    ).map(
      (r): TimelineDeal => ({
        id: r.id,
        title: r.title,
        technology: r.technology,
        country: r.country,
        status: r.status,
        year: r.year,
        claimCount: r.claims,
        statusHistory: histories.get(r.id) ?? [{ status: r.status, recordedAt: '' }],
      }),
    );

    const liveEvidence = `FROM evidence e
      JOIN claims cl ON cl.id = e.claim_id AND cl.deleted_at IS NULL
      JOIN sources s ON s.id = e.source_id
      LEFT JOIN deals d ON d.id = cl.deal_id AND d.deleted_at IS NULL
      WHERE e.deleted_at IS NULL`;
    const counts = c
      .stmt(
        `SELECT count(*) FILTER (WHERE s.published_at IS NULL) AS undated, count(*) AS total ${liveEvidence}`,
      )
      .get() as { undated: number; total: number };
    const evidence = (
      c
        .stmt(
          `SELECT e.id, e.claim_id, cl.statement, d.id AS deal_id, e.source_id, s.title AS source_title, e.stance,
                  s.reliability, e.credibility, s.published_at
           ${liveEvidence}
           ORDER BY s.published_at IS NULL, s.published_at, e.id LIMIT ?`,
        )
        .all(limit) as {
        id: string;
        claim_id: string;
        statement: string;
        deal_id: string | null;
        source_id: string;
        source_title: string;
        stance: Stance;
        reliability: Reliability;
        credibility: number;
        published_at: string | null;
      }[]
    ).map((r) => ({
      id: r.id,
      claimId: r.claim_id,
      claimStatement: r.statement,
      dealId: r.deal_id,
      sourceId: r.source_id,
      sourceTitle: r.source_title,
      stance: r.stance,
      reliability: r.reliability,
      credibility: r.credibility,
      date: r.published_at,
    }));
    return {
      deals,
      evidence,
      undatedEvidence: counts.undated,
      omittedEvidence: Math.max(0, counts.total - evidence.length),
    };
  });
}

export function matrixPicture(c: CaseFile, input: unknown): MatrixPicture {
  const { dealId } = parseInput(PicturesMatrix, input);
  return c.read(() => {
    const deal = requireRecord(c, dealTable, dealId, { field: 'dealId' });
    const claims = (
      c
        .stmt(
          `SELECT cl.id, cl.statement, cl.status, coalesce(v.verdict, 'unsupported') AS verdict,
                  (SELECT a.likelihood FROM assessments a WHERE a.claim_id = cl.id AND a.deleted_at IS NULL
                   ORDER BY ${LATEST_FIRST_SQL} LIMIT 1) AS likelihood
           FROM claims cl LEFT JOIN claim_verdicts v ON v.claim_id = cl.id
           WHERE cl.deal_id = ? AND cl.deleted_at IS NULL ORDER BY cl.id`,
        )
        .all(dealId) as {
        id: string;
        statement: string;
        status: string;
        verdict: Verdict;
        likelihood: number | null;
      }[]
    ).map((r) => ({
      id: r.id,
      statement: r.statement,
      status: r.status,
      verdict: r.verdict,
      latestLikelihood: r.likelihood,
    }));

    const evidence = (
      c
        .stmt(
          `SELECT e.id, e.claim_id, e.source_id, e.stance, e.credibility, substr(e.excerpt, 1, ?) AS excerpt, e.locator
           FROM evidence e JOIN claims cl ON cl.id = e.claim_id
           WHERE cl.deal_id = ? AND cl.deleted_at IS NULL AND e.deleted_at IS NULL ORDER BY e.claim_id, e.id`,
        )
        .all(EXCERPT_PREVIEW, dealId) as {
        id: string;
        claim_id: string;
        source_id: string;
        stance: Stance;
        credibility: number;
        excerpt: string;
        locator: string | null;
      }[]
    ).map((r) => ({
      id: r.id,
      claimId: r.claim_id,
      sourceId: r.source_id,
      stance: r.stance,
      credibility: r.credibility,
      excerpt: r.excerpt,
      locator: r.locator,
    }));

    // The same walk as the verdicts (claim-verdicts.ts): evidence sources and all their ancestors.
    const sources = (
      c
        .stmt(
          `WITH RECURSIVE chain(id) AS (
             SELECT DISTINCT e.source_id FROM evidence e JOIN claims cl ON cl.id = e.claim_id
             WHERE cl.deal_id = ? AND cl.deleted_at IS NULL AND e.deleted_at IS NULL
             UNION
             SELECT s.derived_from FROM sources s JOIN chain ON s.id = chain.id WHERE s.derived_from IS NOT NULL
           )
           SELECT s.id, s.title, s.reliability, s.derived_from, s.confidential FROM sources s JOIN chain ON s.id = chain.id
           ORDER BY s.title, s.id`,
        )
        .all(dealId) as {
        id: string;
        title: string;
        reliability: Reliability;
        derived_from: string | null;
        confidential: number;
      }[]
    ).map((r) => ({
      id: r.id,
      title: r.title,
      reliability: r.reliability,
      derivedFrom: r.derived_from,
      confidential: r.confidential === 1,
    }));

    return {
      deal: {
        id: deal.id,
        title: deal.title,
        technology: deal.technology,
        country: deal.country,
        status: deal.status,
        year: deal.year,
      },
      claims,
      evidence,
      sources,
    };
  });
}

/**
 * Stores where nodes were left. Each id must name a live deal or actor of this case: anything
 * else is refused, naming the entry, before a byte is written.
 */
export function savePositions(c: CaseFile, input: unknown): { saved: number } {
  const { picture, positions } = parseInput(SavePositions, input);
  const isNode = c
    .stmt(
      `SELECT EXISTS (SELECT 1 FROM deals WHERE id = ? AND deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM actors WHERE id = ? AND deleted_at IS NULL)`,
    )
    .pluck();
  const unknown: Record<string, string> = {};
  positions.forEach((p, i) => {
    if (!isNode.get(p.id, p.id)) unknown[`positions.${i}.id`] = 'is not a deal or actor of this case';
  });
  const bad = Object.keys(unknown);
  if (bad.length > 0) {
    throw new CoreError(
      'invalid_input',
      `Invalid input: ${bad.length} position(s) name no deal or actor of this case`,
      unknown,
    );
  }
  const upsert = c.stmt(
    `INSERT INTO picture_positions (picture, node_id, x, y, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (picture, node_id) DO UPDATE SET x = excluded.x, y = excluded.y, updated_at = excluded.updated_at`,
  );
  const at = nowIso();
  c.write(() => {
    for (const p of positions) upsert.run(picture, p.id, p.x, p.y, at);
  });
  return { saved: positions.length };
}
