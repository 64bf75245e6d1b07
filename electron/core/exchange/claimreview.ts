// schema.org ClaimReview. Out: one review per claim we have marked verified, disputed or debunked,
// for publishing beside an article. In: another fact-checker's reviews become a claim (in our
// words, as a draft: their rating is evidence, not our verdict), the review as a source, and the
// rating as an evidence item that says what they concluded.

import { verdictLabels } from '../../schema/confidence';
import type { Reliability } from '../../schema/enums';
import type { ClaimReviewResult, ExchangeClaimReview } from '../../schema/exchange';
import { ClaimCreate, EvidenceAdd, SourceCreate } from '../../schema/inputs';
import type { Claim } from '../../schema/records';
import { corroborationOf } from '../claim-verdicts';
import type { CaseFile } from '../db';
import { requireRecord } from '../records';
import { claimTable, dealTable } from '../tables';
import {
  type Candidate,
  claimNaturalKey,
  newCandidate,
  normalizeText,
  noteValue,
  parseFields,
  reject,
  shorten,
  sourceNaturalKey,
} from './candidates';
import { jsonErrorLine } from './csl';
import type { DecodedFile } from './decode';
import { hides, Pseudonyms, pseudonymKey } from './redact';

type Json = Record<string, unknown>;

const isType = (o: unknown, type: string): o is Json => {
  if (!o || typeof o !== 'object') return false;
  const t = (o as Json)['@type'];
  return t === type || (Array.isArray(t) && t.includes(type));
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function nameOf(party: unknown): string | null {
  if (Array.isArray(party)) return party.map(nameOf).filter(Boolean).join('; ') || null;
  if (!party || typeof party !== 'object') return text(party);
  const p = party as Json;
  return text(p.name) ?? text(p.alternateName) ?? text(p.url);
}

function isoDate(v: unknown): string | null {
  const m = typeof v === 'string' ? v.match(/^(\d{4}(-\d{2}(-\d{2})?)?)/) : null;
  return m?.[1] ?? null;
}

/** Their rating → what the evidence says about the claim. Unclear words stay "context". */
function stanceOf(rating: Json | null): 'supports' | 'contradicts' | 'context' {
  const words = normalizeText(text(rating?.alternateName) ?? '');
  if (!words) return 'context';
  if (/\b(false|fake|pants on fire|incorrect|wrong|inaccurate|fabricated|debunked|misleading)\b/.test(words))
    return 'contradicts';
  if (
    /\b(true|correct|accurate|verified|confirmed)\b/.test(words) &&
    !/\b(half|mostly|partly|partially)\b/.test(words)
  )
    return 'supports';
  return 'context';
}

export function readClaimReview(
  file: DecodedFile,
  options: { defaultReliability: Reliability },
): { candidates: Candidate[]; notes: string[]; fatal: { line: number | null; message: string } | null } {
  const notes: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (error) {
    return { candidates: [], notes, fatal: jsonErrorLine(error, file) };
  }
  const items: unknown[] = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as Json)['@graph'])
      ? ((data as Json)['@graph'] as unknown[])
      : [data];
  const candidates: Candidate[] = [];
  let others = 0;
  items.forEach((item, i) => {
    const row = i + 1;
    if (!isType(item, 'ClaimReview')) {
      others++;
      return;
    }
    candidates.push(...reviewCandidates(item, row, options));
  });
  if (others) notes.push(`${others} item(s) are not ClaimReview and were not imported.`);
  if (candidates.length === 0 && others) {
    return {
      candidates,
      notes,
      fatal: { line: null, message: 'The file holds no ClaimReview. Nothing was imported.' },
    };
  }
  return { candidates, notes, fatal: null };
}

function reviewCandidates(
  review: Json,
  row: number,
  options: { defaultReliability: Reliability },
): Candidate[] {
  const statement = text(review.claimReviewed);
  const ref = `ClaimReview ${row}`;
  const claim = newCandidate({
    row,
    line: null,
    ref: `${ref} › claim`,
    entity: 'claim',
    label: statement ?? ref,
  });
  if (!statement)
    return [reject(claim, 'has no claimReviewed (the claim it reviews)', { claimReviewed: 'is required' })];
  const claimFields = parseFields(claim, ClaimCreate, {
    id: claim.id,
    statement,
    status: 'draft',
    tags: ['claimreview'],
  });
  if (claimFields) {
    claim.fields = claimFields;
    claim.provided = ['statement'];
    claim.naturalKey = claimNaturalKey(statement);
    claim.naturalKeyLabel = 'the same statement';
  }

  const by = nameOf(review.author);
  const rating =
    review.reviewRating && typeof review.reviewRating === 'object' ? (review.reviewRating as Json) : null;
  const title =
    text(review.name) ??
    text(review.headline) ??
    `Fact-check of “${shorten(statement, 80)}”${by ? ` by ${by}` : ''}`;
  const source = newCandidate({ row, line: null, ref: `${ref} › review`, entity: 'source', label: title });
  const sourceNotes = [`Imported from ClaimReview ${row}.`];
  if (review.itemReviewed) sourceNotes.push(`itemReviewed: ${noteValue(review.itemReviewed)}`);
  if (rating) sourceNotes.push(`reviewRating: ${noteValue(rating)}`);
  else source.warnings.push('The review carries no reviewRating; its evidence is recorded as context.');
  const url = text(review.url);
  const sourceFields = parseFields(source, SourceCreate, {
    id: source.id,
    title,
    kind: 'article',
    url: url && URL.canParse(url) ? url : null,
    author: null,
    publisher: by,
    publishedAt: isoDate(review.datePublished),
    reliability: options.defaultReliability,
    notes: sourceNotes.join('\n'),
  });
  if (sourceFields) {
    source.fields = sourceFields;
    source.provided = ['title', 'url', 'publisher', 'publishedAt'];
    const nk = sourceNaturalKey(sourceFields);
    source.naturalKey = nk.key;
    source.naturalKeyLabel = nk.label;
  }

  const stance = stanceOf(rating);
  const alt = text(rating?.alternateName);
  const excerpt = text(review.reviewBody) ?? (alt ? `Rating: ${alt}` : null);
  if (!excerpt) return [claim, source];
  const evidence = newCandidate({
    row,
    line: null,
    ref: `${ref} › rating`,
    entity: 'evidence',
    label: excerpt,
  });
  const bounds = [
    rating?.bestRating !== undefined ? `best ${noteValue(rating.bestRating)}` : null,
    rating?.worstRating !== undefined ? `worst ${noteValue(rating.worstRating)}` : null,
  ].filter(Boolean);
  const scale =
    rating && rating.ratingValue !== undefined
      ? `rated ${noteValue(rating.ratingValue)}${bounds.length ? ` (${bounds.join(', ')})` : ''}${alt ? `, "${alt}"` : ''}`
      : alt
        ? `rated "${alt}"`
        : 'gave no rating';
  const evidenceFields = parseFields(evidence, EvidenceAdd, {
    id: evidence.id,
    claimId: claim.id,
    sourceId: source.id,
    stance,
    excerpt,
    locator: text(review.reviewBody) ? 'reviewBody' : 'reviewRating.alternateName',
    credibility: 6,
    note: `The reviewer ${scale}. Recorded as ${stance}; our own verdict is separate.`,
  });
  if (evidenceFields) {
    evidence.fields = evidenceFields;
    evidence.provided = ['stance', 'excerpt', 'locator', 'note'];
    evidence.refs.push(
      { field: 'claimId', entity: 'claim', id: claim.id },
      { field: 'sourceId', entity: 'source', id: source.id },
    );
    evidence.naturalKey = `${claim.naturalKey}|${source.naturalKey}|${normalizeText(excerpt)}`;
    evidence.naturalKeyLabel = 'the same claim, source and excerpt';
  }
  return [claim, source, evidence];
}

// ---- Export ----

const published: Record<string, { value: number; name: string }> = {
  debunked: { value: 1, name: 'Debunked' },
  disputed: { value: 2, name: 'Disputed' },
  verified: { value: 3, name: 'Verified' },
};

/** The claims a report or ClaimReview covers: a deal's live claims, or the ones named (each must exist). */
export function selectClaims(
  c: CaseFile,
  v: { dealId?: string | undefined; claimIds?: string[] | undefined },
): Claim[] {
  if (v.dealId) {
    requireRecord(c, dealTable, v.dealId, { includeRemoved: true, field: 'dealId' });
    const ids = c
      .stmt('SELECT id FROM claims WHERE deal_id = ? AND deleted_at IS NULL ORDER BY id')
      .pluck()
      .all(v.dealId) as string[];
    return ids.map((id) => requireRecord(c, claimTable, id));
  }
  return [...new Set(v.claimIds ?? [])].map((id, i) =>
    requireRecord(c, claimTable, id, { includeRemoved: true, field: `claimIds.${i}` }),
  );
}

export function claimReviewJsonLd(
  c: CaseFile,
  v: ReturnType<typeof ExchangeClaimReview.parse>,
): ClaimReviewResult & { redactedSources: number } {
  const claims = selectClaims(c, v);
  const names = new Pseudonyms(
    pseudonymKey(c),
    c.stmt('SELECT id FROM sources WHERE confidential = 1').pluck().all() as string[],
  );
  const redacted = new Set<string>();
  const today = new Date().toISOString().slice(0, 10);
  const skipped: ClaimReviewResult['skipped'] = [];
  const reviews: Json[] = [];
  const appearance = c.stmt(
    `SELECT DISTINCT s.id, s.title, s.url, s.confidential FROM evidence e JOIN sources s ON s.id = e.source_id
     WHERE e.claim_id = ? AND e.deleted_at IS NULL AND e.stance = 'supports' AND s.url IS NOT NULL ORDER BY s.title`,
  );
  for (const claim of claims) {
    const rating = published[claim.status];
    if (claim.deletedAt) {
      skipped.push({ claimId: claim.id, reason: 'the claim has been removed' });
      continue;
    }
    if (!rating) {
      skipped.push({
        claimId: claim.id,
        reason: `status is ${claim.status}; only verified, disputed and debunked claims are published`,
      });
      continue;
    }
    const verdict = corroborationOf(c, claim.id, (s) => {
      if (!hides(s, v.includeConfidential)) return s.title;
      redacted.add(s.id);
      return names.of(s.id);
    });
    const seen = (
      appearance.all(claim.id) as { id: string; title: string; url: string; confidential: number }[]
    ).filter((s) => !(s.confidential === 1 && !v.includeConfidential));
    const review: Json = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      datePublished: today,
      claimReviewed: claim.statement,
      author: {
        '@type': 'Organization',
        name: v.publisher.name,
        ...(v.publisher.url ? { url: v.publisher.url } : {}),
      },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: rating.value,
        bestRating: 3,
        worstRating: 1,
        alternateName: rating.name,
      },
      itemReviewed: {
        '@type': 'Claim',
        ...(seen.length
          ? { appearance: seen.map((s) => ({ '@type': 'CreativeWork', url: s.url, headline: s.title })) }
          : {}),
      },
      reviewBody: `${rating.name}. Corroboration: ${verdictLabels[verdict.verdict]}. ${verdict.explanation.join(' ')}`,
    };
    if (v.reviewUrl) review.url = `${v.reviewUrl}#claim-${claim.id}`;
    reviews.push(review);
  }
  return {
    jsonLd: JSON.stringify(reviews.length === 1 ? reviews[0] : reviews, null, 2),
    reviews: reviews.length,
    skipped,
    redactedSources: redacted.size,
  };
}
