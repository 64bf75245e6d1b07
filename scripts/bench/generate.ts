// Deterministic synthetic cases for the bench: the same seed and size always give the same
// records, byte for byte. Every record is computed from (seed, kind, index) alone, so the import
// streams (a million evidence items never sit in memory) and any id can be recomputed later
// without keeping a list.

import {
  actorKinds,
  claimStatuses,
  dealStatuses,
  reliabilities,
  sourceKinds,
  technologies,
} from '../../electron/schema/enums';
import type {
  ActorCreate,
  AssessmentAdd,
  ClaimCreate,
  DealCreate,
  EvidenceAdd,
  SourceCreate,
} from '../../electron/schema/inputs';
import {
  agencies,
  countries,
  countriesRu,
  people,
  places,
  planted,
  publishers,
  sentencesEn,
  sentencesRu,
  tags,
  technologiesEn,
  technologiesRu,
  vendors,
} from './words';

/** 32-bit integer hash (murmur3 finaliser): decorrelates neighbouring seeds. */
function mix(x: number): number {
  let a = x >>> 0;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (a ^ (a >>> 16)) >>> 0;
}

/** mulberry32: small, fast, and good enough for picking words. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks by weight: weights[i] is the relative weight of list[i]. */
  weighted<T>(list: readonly T[], weights: readonly number[]): T {
    const sum = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * sum;
    for (let i = 0; i < list.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return list[i] as T;
    }
    return list[list.length - 1] as T;
  }
}

const kinds = { deal: 1, actor: 2, source: 3, claim: 4, evidence: 5, assessment: 6, extra: 7 } as const;
type Kind = keyof typeof kinds;

/** 2024-01-01: the ids are UUIDv7, time-ordered by kind and index like a real import. */
const BASE_MS = Date.UTC(2024, 0, 1);
const KIND_SPAN_MS = 1_000_000_000;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export interface CaseCounts {
  deals: number;
  actors: number;
  sources: number;
  claims: number;
  evidence: number;
  assessments: number;
}

/** 1 claim per 10 evidence links, 1 source per 20, 1 deal per 1,000, 1 actor per 500, 1 assessment per 3 claims. */
export function countsFor(evidence: number): CaseCounts {
  const claims = Math.max(2, Math.round(evidence / 10));
  return {
    deals: Math.max(1, Math.round(evidence / 1000)),
    actors: Math.max(2, Math.round(evidence / 500)),
    sources: Math.max(2, Math.round(evidence / 20)),
    claims,
    evidence,
    assessments: Math.max(1, Math.round(claims / 3)),
  };
}

export type ImportRecord =
  | { method: 'deals.create'; input: DealCreate & { id: string } }
  | { method: 'actors.create'; input: ActorCreate & { id: string } }
  | { method: 'sources.create'; input: SourceCreate & { id: string } }
  | { method: 'claims.create'; input: ClaimCreate & { id: string } }
  | { method: 'evidence.add'; input: EvidenceAdd & { id: string } }
  | { method: 'assessments.add'; input: AssessmentAdd & { id: string } };

export class CaseGenerator {
  readonly counts: CaseCounts;
  /** Claim 0 carries this many evidence items: the "claim with 200 evidence" of the UI bench. */
  readonly heavyEvidence: number;

  constructor(
    readonly seed: number,
    evidence: number,
  ) {
    this.counts = countsFor(evidence);
    this.heavyEvidence = Math.min(200, Math.floor(evidence / 5));
  }

  private rng(kind: Kind, index: number, salt = 0): Rng {
    return new Rng(mix(mix(mix(this.seed) ^ (kinds[kind] * 0x9e3779b1 + salt)) + index));
  }

  /** A UUIDv7 whose time field orders records by kind then index. */
  id(kind: Kind, index: number): string {
    const r = this.rng(kind, index, 0x5151);
    const ms = BASE_MS + kinds[kind] * KIND_SPAN_MS + index;
    const t = hex(ms, 12);
    const a = hex(r.int(0x1000), 3);
    const variant = hex(8 + r.int(4), 1);
    const b = hex(r.int(0x1000), 3);
    const c = hex(r.int(0x1000000), 6) + hex(r.int(0x1000000), 6);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${a}-${variant}${b}-${c}`;
  }

  claimId = (j: number) => this.id('claim', j);
  sourceId = (i: number) => this.id('source', i);

  /** The claim an evidence item belongs to: claim 0 takes the first `heavyEvidence`, the rest are spread evenly. */
  claimOfEvidence(i: number): number {
    const { claims, evidence } = this.counts;
    const h = this.heavyEvidence;
    if (i < h) return 0;
    return 1 + Math.floor(((i - h) * (claims - 1)) / Math.max(1, evidence - h));
  }

  private fill(r: Rng, template: string): string {
    return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'vendor':
          return r.pick(vendors);
        case 'tech':
          return r.pick(technologiesEn);
        case 'techRu':
          return r.pick(technologiesRu);
        case 'agency':
          return r.pick(agencies);
        case 'place':
          return r.pick(places);
        case 'person':
          return r.pick(people);
        case 'country':
          return r.pick(countries);
        case 'countryRu':
          return r.pick(countriesRu);
        case 'year':
          return String(2010 + r.int(15));
        case 'amount':
          return String(1 + r.int(400));
        default:
          return String(2 + r.int(60));
      }
    });
  }

  private sentence(r: Rng, ru: boolean): string {
    return this.fill(r, r.pick(ru ? sentencesRu : sentencesEn));
  }

  /** Body text of a searchable document, with the searched-for words planted at their rates. */
  private text(r: Rng, sentences: number, rareHere: boolean): string {
    const ru = r.chance(0.55);
    const parts: string[] = [];
    for (let k = 0; k < sentences; k++) parts.push(this.sentence(r, ru));
    const lang = ru ? 'ru' : 'en';
    if (r.chance(0.4)) parts.splice(r.int(parts.length + 1), 0, planted.common[lang]);
    if (r.chance(0.01)) parts.push(planted.mid[lang]);
    if (r.chance(0.02)) parts.push(planted.prefix[lang]);
    if (rareHere) parts.push(planted.rare[lang]);
    return parts.join(' ');
  }

  deal(i: number): DealCreate & { id: string } {
    const r = this.rng('deal', i);
    const amount = r.chance(0.5) ? 1 + r.int(500) * 100_000 : null;
    return {
      id: this.id('deal', i),
      title: `${r.pick(vendors)}: ${r.pick(technologiesEn)} for ${r.pick(countries)}`,
      technology: r.pick(technologies),
      country: r.pick(countries),
      status: r.pick(dealStatuses),
      year: 2008 + r.int(17),
      valueAmount: amount,
      valueCurrency: amount === null ? null : r.pick(['USD', 'EUR', 'RUB', 'CNY']),
      summary: this.text(r, 2, false),
    };
  }

  actor(i: number): ActorCreate & { id: string } {
    const r = this.rng('actor', i);
    const kind = r.pick(actorKinds);
    const name = kind === 'person' ? r.pick(people) : kind === 'company' ? r.pick(vendors) : r.pick(agencies);
    return {
      id: this.id('actor', i),
      name: `${name} ${i}`,
      kind,
      country: r.pick(countries),
      aliases: r.chance(0.5) ? [r.pick(vendors), r.pick(people)] : [],
    };
  }

  source(i: number): SourceCreate & { id: string } {
    const r = this.rng('source', i);
    const publisher = r.pick(publishers);
    const year = 2010 + r.int(15);
    return {
      id: this.id('source', i),
      title: `${publisher}: ${this.sentence(r, r.chance(0.5))}`,
      kind: r.weighted(sourceKinds, [30, 15, 12, 6, 8, 4, 10, 5, 8, 2]),
      url: `https://example.org/${encodeURIComponent(publisher)}/${year}/${i}`,
      author: r.chance(0.7) ? r.pick(people) : null,
      publisher,
      publishedAt: `${year}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`,
      accessedAt: r.chance(0.5) ? `2024-${String(1 + r.int(12)).padStart(2, '0')}` : null,
      language: r.pick(['ru', 'en', 'kk', 'uz', 'ky']),
      reliability: r.weighted(reliabilities, [5, 30, 30, 15, 5, 15]),
      reliabilityNote: r.chance(0.2) ? this.sentence(r, false) : null,
      confidential: r.chance(0.05),
      derivedFrom: i > 10 && r.chance(0.1) ? this.sourceId(r.int(i)) : null,
      notes: r.chance(0.2) ? this.text(r, 1, false) : null,
    };
  }

  claim(j: number): ClaimCreate & { id: string } {
    const r = this.rng('claim', j);
    const tagCount = r.int(4);
    const claimTags: string[] = [];
    for (let k = 0; k < tagCount; k++) claimTags.push(r.pick(tags));
    return {
      id: this.claimId(j),
      statement: this.text(r, 1, false),
      dealId: r.chance(0.3) ? this.id('deal', r.int(this.counts.deals)) : null,
      status: r.weighted(claimStatuses, [30, 25, 20, 10, 5, 10]),
      tags: claimTags,
    };
  }

  evidence(i: number): EvidenceAdd & { id: string } {
    const r = this.rng('evidence', i);
    const rare = i % 50_000 === Math.min(17, this.counts.evidence - 1);
    return {
      id: this.id('evidence', i),
      claimId: this.claimId(this.claimOfEvidence(i)),
      sourceId: this.sourceId(r.int(this.counts.sources)),
      stance: r.weighted(['supports', 'contradicts', 'context'] as const, [60, 15, 25]),
      excerpt: this.text(r, 1 + r.int(3), rare),
      prefix: r.chance(0.3) ? this.sentence(r, r.chance(0.5)) : null,
      suffix: r.chance(0.3) ? this.sentence(r, r.chance(0.5)) : null,
      locator: r.chance(0.8) ? (r.chance(0.5) ? `p. ${1 + r.int(300)}` : `para ${1 + r.int(80)}`) : null,
      credibility: r.weighted([1, 2, 3, 4, 5, 6], [10, 30, 30, 10, 5, 15]),
      note: r.chance(0.15) ? this.sentence(r, r.chance(0.5)) : null,
    };
  }

  assessment(k: number): AssessmentAdd & { id: string } {
    const r = this.rng('assessment', k);
    return {
      id: this.id('assessment', k),
      claimId: this.claimId((k * 3) % this.counts.claims),
      likelihood: 1 + r.int(7),
      confidence: r.pick(['low', 'moderate', 'high'] as const),
      rationale: this.sentence(r, r.chance(0.5)),
      author: r.pick(people),
    };
  }

  /** New claims for the single-create operation (not part of the import). */
  extraClaim(k: number): ClaimCreate & { id: string } {
    const r = this.rng('extra', k);
    return {
      id: this.id('extra', k),
      statement: this.text(r, 1, false),
      status: 'draft',
      tags: [r.pick(tags)],
    };
  }

  /** Every record of the case in import order: what an import file of this case would hold. */
  *records(): Generator<ImportRecord> {
    const c = this.counts;
    for (let i = 0; i < c.deals; i++) yield { method: 'deals.create', input: this.deal(i) };
    for (let i = 0; i < c.actors; i++) yield { method: 'actors.create', input: this.actor(i) };
    for (let i = 0; i < c.sources; i++) yield { method: 'sources.create', input: this.source(i) };
    for (let j = 0; j < c.claims; j++) yield { method: 'claims.create', input: this.claim(j) };
    for (let i = 0; i < c.evidence; i++) yield { method: 'evidence.add', input: this.evidence(i) };
    for (let k = 0; k < c.assessments; k++) yield { method: 'assessments.add', input: this.assessment(k) };
  }

  get totalRecords(): number {
    const c = this.counts;
    return c.deals + c.actors + c.sources + c.claims + c.evidence + c.assessments;
  }
}
