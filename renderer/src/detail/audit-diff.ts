// A record's history read as changes: "Status: Under review → Verified", "Tags: + kazakhstan", from
// an event's state and the state before it (the event its `parent` names). Pure; no client.
import {
  actorKindLabels,
  claimStatusLabels,
  credibilityLabels,
  dealStatusLabels,
  reliabilityLabels,
  sourceKindLabels,
  stanceLabels,
  technologyLabels,
} from '../labels';

type State = Record<string, unknown>;

/** Stamps and notes of the audit log, not fields the person edited. */
const skipped = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'removalReason',
  'undoOf',
  'redoOf',
  'batch',
  'publishConfirmation',
]);

/** The flags a confirmation was given for (core/publish-care.ts), in words. */
const flagWords: Record<string, string> = {
  overconfident: 'overconfident',
  fragile: 'fragile',
  contested: 'contested',
  single_source: 'single source',
};

const fieldNames: Record<string, string> = {
  statement: 'Statement',
  status: 'Status',
  tags: 'Tags',
  dealId: 'Deal',
  claimId: 'Claim',
  sourceId: 'Source',
  stance: 'Stance',
  excerpt: 'Excerpt',
  prefix: 'Text before',
  suffix: 'Text after',
  locator: 'Locator',
  credibility: 'Credibility',
  note: 'Note',
  title: 'Title',
  kind: 'Kind',
  url: 'URL',
  author: 'Author',
  publisher: 'Publisher',
  publishedAt: 'Published',
  accessedAt: 'Accessed',
  language: 'Language',
  reliability: 'Reliability',
  reliabilityNote: 'Reliability note',
  confidential: 'Confidential',
  derivedFrom: 'Derived from',
  notes: 'Notes',
  name: 'Name',
  country: 'Country',
  aliases: 'Aliases',
  technology: 'Technology',
  year: 'Year',
  valueAmount: 'Value',
  valueCurrency: 'Currency',
  summary: 'Summary',
};

/** Words for coded values, per entity and field: never a raw code like `under_review`. */
const valueWords: Record<string, Record<string, Record<string, string>>> = {
  claim: { status: claimStatusLabels },
  evidence: { stance: stanceLabels, credibility: credibilityLabels },
  source: { kind: sourceKindLabels, reliability: reliabilityLabels },
  deal: { status: dealStatusLabels, technology: technologyLabels },
  actor: { kind: actorKindLabels },
};

/** Links to other records: their ids say nothing to a reader, so only that they changed is told. */
const links = new Set(['dealId', 'claimId', 'sourceId', 'derivedFrom']);

function shown(entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const words = valueWords[entity]?.[field]?.[String(value)];
  if (words) return words;
  const text = String(value);
  return text.length > 60 ? `“${text.slice(0, 59)}…”` : typeof value === 'string' ? `“${text}”` : text;
}

function listChange(label: string, before: unknown, after: unknown): string | null {
  const was = Array.isArray(before) ? before.map(String) : [];
  const now = Array.isArray(after) ? after.map(String) : [];
  const added = now.filter((x) => !was.includes(x));
  const gone = was.filter((x) => !now.includes(x));
  if (!added.length && !gone.length) return null;
  return `${label}: ${[...added.map((x) => `+ ${x}`), ...gone.map((x) => `− ${x}`)].join(', ')}`;
}

/** One line per changed field, in the record's own field order. Empty when nothing a person edits moved. */
export function describeChanges(entity: string, before: State, after: State): string[] {
  const out: string[] = [];
  for (const field of Object.keys(after)) {
    if (skipped.has(field)) continue;
    const was = before[field] ?? null;
    const now = after[field] ?? null;
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    const label = fieldNames[field] ?? field;
    if (Array.isArray(was) || Array.isArray(now)) {
      const line = listChange(label, was, now);
      if (line) out.push(line);
    } else if (links.has(field)) {
      out.push(now === null ? `${label} cleared` : was === null ? `${label} set` : `${label} changed`);
    } else {
      out.push(`${label}: ${shown(entity, field, was)} → ${shown(entity, field, now)}`);
    }
  }
  const confirmed = asState(after.publishConfirmation);
  if (confirmed && Array.isArray(confirmed.flags)) {
    const flags = confirmed.flags.map((f) => flagWords[String(f)] ?? String(f)).join(', ');
    out.push(`Confirmed though ${flags}: “${String(confirmed.reason)}”`);
  }
  return out;
}

export function asState(payload: unknown): State | null {
  return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as State) : null;
}
