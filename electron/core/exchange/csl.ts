// CSL-JSON, the common language of reference managers: every BibTeX and RIS entry passes through it
// too. An item becomes a source; the variables a source has no column for are kept in its notes,
// one `variable: value` line each, so nothing a reference manager knew is lost.

import { z } from 'zod';
import type { SourceKind } from '../../schema/enums';
import { Reliability, SourceKind as SourceKindSchema } from '../../schema/enums';
import { Id, limits, SourceCreate } from '../../schema/inputs';
import type { Source } from '../../schema/records';
import { bibliographicSourceFields } from '../../schema/source-fields';
import {
  type Candidate,
  newCandidate,
  noteValue,
  parseFields,
  reject,
  shorten,
  sourceNaturalKey,
} from './candidates';
import { badEncodingReason, type DecodedFile, firstBadLine } from './decode';

export type CslItem = Record<string, unknown>;

const cslKinds: Record<string, SourceKind> = {
  article: 'article',
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  'post-weblog': 'article',
  review: 'article',
  'review-book': 'article',
  report: 'report',
  dataset: 'dataset',
  interview: 'interview',
  legal_case: 'court_record',
  legislation: 'official_record',
  bill: 'official_record',
  regulation: 'official_record',
  treaty: 'official_record',
  hearing: 'official_record',
  post: 'social_post',
  book: 'document',
  chapter: 'document',
  thesis: 'document',
  manuscript: 'document',
  document: 'document',
  'paper-conference': 'document',
  patent: 'document',
  standard: 'document',
  webpage: 'document',
  'entry-encyclopedia': 'document',
  'entry-dictionary': 'document',
  map: 'document',
  pamphlet: 'document',
  speech: 'document',
};

const kindToCsl: Record<SourceKind, string> = {
  article: 'article',
  report: 'report',
  document: 'document',
  leak: 'document',
  interview: 'interview',
  dataset: 'dataset',
  official_record: 'legislation',
  court_record: 'legal_case',
  social_post: 'post',
  other: 'document',
};

/** Variables that fill source columns (or identify the item); everything else goes to the notes. */
const consumed = new Set([
  'id',
  'type',
  'title',
  'author',
  'publisher',
  'URL',
  'issued',
  'accessed',
  'language',
  'citation-key',
  '_graph',
  'custom',
]);

/** What our own CSL export puts under `custom.corroborate`, read back so a round trip keeps grades. */
const OurCustom = z
  .object({
    id: Id.optional(),
    kind: SourceKindSchema.optional(),
    reliability: Reliability.optional(),
    reliabilityNote: z.string().nullable().optional(),
    confidential: z.boolean().optional(),
    derivedFrom: Id.nullable().optional(),
  })
  .passthrough();

function stripHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function nameOf(n: unknown): string | null {
  if (typeof n === 'string') return n.trim() || null;
  if (!n || typeof n !== 'object') return null;
  const p = n as Record<string, unknown>;
  if (typeof p.literal === 'string') return p.literal.trim() || null;
  const family = [p['non-dropping-particle'], p.family].filter((x) => typeof x === 'string' && x).join(' ');
  const given = [p.given, p['dropping-particle']].filter((x) => typeof x === 'string' && x).join(' ');
  const suffix = typeof p.suffix === 'string' && p.suffix ? `, ${p.suffix}` : '';
  if (!family && !given) return null;
  return family ? (given ? `${family}, ${given}${suffix}` : family) : given;
}

function isNameList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((n) => n && typeof n === 'object' && ('family' in n || 'literal' in n || 'given' in n))
  );
}

export function namesOf(list: unknown): string | null {
  if (!Array.isArray(list)) return null;
  const names = list.map(nameOf).filter((n): n is string => n !== null);
  return names.length ? names.join('; ') : null;
}

/** CSL date → 2019, 2019-03 or 2019-03-21; null when there is no usable date (the raw form goes to notes). */
export function cslDate(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const d = value as Record<string, unknown>;
  const parts = Array.isArray(d['date-parts']) ? (d['date-parts'][0] as unknown[] | undefined) : undefined;
  if (Array.isArray(parts) && parts.length > 0) {
    const [y, m, day] = parts.map((p) => (typeof p === 'string' && /^\d+$/.test(p.trim()) ? Number(p) : p));
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 1000 || y > 9999) return null;
    let out = String(y);
    if (typeof m === 'number' && m >= 1 && m <= 12) {
      out += `-${String(m).padStart(2, '0')}`;
      if (typeof day === 'number' && day >= 1 && day <= 31) out += `-${String(day).padStart(2, '0')}`;
    }
    return out;
  }
  const raw = typeof d.raw === 'string' ? d.raw : typeof d.literal === 'string' ? d.literal : null;
  const m = raw?.trim().match(/^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?\/?$/);
  if (!m) return null;
  return [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
}

export interface CslOrigin {
  row: number;
  line: number | null;
  ref: string;
  /** First line of the notes: where the item came from. */
  provenance: string;
  /** Fields of the original record that the converter to CSL did not take; kept in notes as they are. */
  unmapped?: [string, string][];
  /** Last line of the row, to reject rows touching undecodable bytes. */
  lastLine?: number | null;
}

/**
 * One CSL item → one source candidate. The reliability is the caller's default ("cannot be judged"
 * for reference managers, which carry none), unless the item is our own export.
 */
export function cslItemToCandidate(
  item: unknown,
  origin: CslOrigin,
  options: { defaultReliability: z.infer<typeof Reliability> },
  file?: DecodedFile,
): Candidate {
  const base = { row: origin.row, line: origin.line, ref: origin.ref, entity: 'source' as const };
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    return reject(newCandidate({ ...base, label: origin.ref }), 'is not a CSL item (a JSON object)');
  }
  const csl = item as CslItem;
  const rawTitle = typeof csl.title === 'string' ? csl.title : null;
  const title = rawTitle ? stripHtml(rawTitle).replace(/\s+/g, ' ').trim() : '';
  const custom = OurCustom.safeParse((csl.custom as Record<string, unknown> | undefined)?.corroborate);
  const ours = custom.success && custom.data ? custom.data : null;
  const ownId = ours?.id ?? (typeof csl.id === 'string' && Id.safeParse(csl.id).success ? csl.id : null);
  const c = newCandidate({ ...base, label: title || origin.ref, id: ownId });

  if (file && origin.line !== null) {
    const bad = firstBadLine(file, origin.line, origin.lastLine ?? origin.line);
    if (bad !== null) return reject(c, badEncodingReason(bad));
  }
  if (!title) return reject(c, 'has no title', { title: 'is required' });

  const notes: string[] = [origin.provenance];
  if (ours === null && typeof csl.type === 'string') notes.push(`CSL type: ${csl.type}`);
  if (rawTitle && rawTitle.trim() !== title) notes.push(`title (as formatted): ${rawTitle}`);

  let author = namesOf(csl.author);
  if (author && author.length > limits.title) {
    notes.push(`author (full list): ${author}`);
    author = `${author.slice(0, limits.title - 10).replace(/;[^;]*$/, '')}; et al.`;
    c.warnings.push(
      'The author list is longer than the field holds; it was shortened and kept whole in notes.',
    );
  }
  let publisher = typeof csl.publisher === 'string' ? csl.publisher : null;
  let usedContainer = false;
  if (!publisher && typeof csl['container-title'] === 'string') {
    publisher = csl['container-title'];
    usedContainer = true;
  }
  const publishedAt = cslDate(csl.issued);
  if (csl.issued !== undefined && publishedAt === null) {
    notes.push(`issued: ${noteValue(csl.issued)}`);
    c.warnings.push('The publication date could not be read as a date; it is kept in notes.');
  }
  const accessedAt = cslDate(csl.accessed);
  if (csl.accessed !== undefined && accessedAt === null) notes.push(`accessed: ${noteValue(csl.accessed)}`);
  let url = typeof csl.URL === 'string' ? csl.URL.trim() : null;
  if (url && (!URL.canParse(url) || url.length > limits.url)) {
    notes.push(`URL: ${url}`);
    c.warnings.push('The URL is not a full address; it is kept in notes.');
    url = null;
  }
  let language = typeof csl.language === 'string' ? csl.language.trim() : null;
  if (language && language.length > 35) {
    notes.push(`language: ${language}`);
    language = null;
  }

  if (ours) {
    // Our own export: the note is our notes, verbatim.
    if (typeof csl.note === 'string') notes.splice(0, notes.length, csl.note);
    else notes.length = 0;
  } else {
    for (const key of Object.keys(csl).sort()) {
      if (consumed.has(key) || (key === 'container-title' && usedContainer)) continue;
      const value = csl[key];
      if (value === null || value === undefined || value === '') continue;
      notes.push(`${key}: ${noteValue(isNameList(value) ? namesOf(value) : value)}`);
    }
    for (const [field, value] of origin.unmapped ?? []) notes.push(`${field} (not mapped): ${value}`);
  }

  const doi = typeof csl.DOI === 'string' ? csl.DOI : null;
  const kind = ours?.kind ?? (typeof csl.type === 'string' ? (cslKinds[csl.type] ?? 'other') : 'other');
  const fields = parseFields(c, SourceCreate, {
    id: c.id,
    title: shorten(title, limits.title),
    kind,
    url,
    author,
    publisher: publisher ? shorten(publisher, limits.title) : null,
    publishedAt,
    accessedAt,
    language,
    reliability: ours?.reliability ?? options.defaultReliability,
    reliabilityNote: ours ? (ours.reliabilityNote ?? null) : null,
    confidential: ours?.confidential ?? false,
    derivedFrom: ours?.derivedFrom ?? null,
    notes: notes.join('\n') || null,
  });
  if (!fields) return c;
  if (title.length > limits.title)
    c.warnings.push('The title is longer than the field holds; it was shortened.');
  c.fields = fields;
  c.provided = ours ? Object.keys(fields).filter((k) => k !== 'id') : [...bibliographicSourceFields];
  if (fields.derivedFrom) c.refs.push({ field: 'derivedFrom', entity: 'source', id: fields.derivedFrom });
  const nk = sourceNaturalKey({ title: fields.title, publishedAt: fields.publishedAt, doi });
  c.naturalKey = nk.key;
  c.naturalKeyLabel = nk.label;
  return c;
}

/** A JSON.parse failure as a line number, for the fatal message of a truncated or broken file. */
export function jsonErrorLine(error: unknown, file: DecodedFile): { line: number | null; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const pos = message.match(/position (\d+)/);
  const lineCol = message.match(/line (\d+) column (\d+)/);
  const line = lineCol ? Number(lineCol[1]) : pos ? file.lines.lineAt(Number(pos[1])) : null;
  const truncated = /end of (JSON )?input|Unterminated/i.test(message);
  return {
    line,
    message: truncated
      ? `The file ends in the middle of its JSON${line ? ` (line ${line})` : ''}: it looks truncated. Nothing was imported.`
      : `The file is not valid JSON${line ? ` at line ${line}` : ''}: ${message}. Nothing was imported.`,
  };
}

export function readCslJson(
  file: DecodedFile,
  options: { defaultReliability: z.infer<typeof Reliability> },
): { candidates: Candidate[]; fatal: { line: number | null; message: string } | null } {
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (error) {
    return { candidates: [], fatal: jsonErrorLine(error, file) };
  }
  const items = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items)
      ? (data as { items: unknown[] }).items
      : [data];
  if (file.badLines.size > 0) {
    return {
      candidates: [],
      fatal: {
        line: [...file.badLines][0] ?? null,
        message: `${badEncodingReason([...file.badLines][0] ?? 0)}; a JSON file cannot be split into rows around it. Nothing was imported.`,
      },
    };
  }
  const candidates = items.map((item, i) => {
    const id = item && typeof item === 'object' ? (item as CslItem).id : undefined;
    return cslItemToCandidate(
      item,
      {
        row: i + 1,
        line: null,
        ref: `item ${i + 1}${typeof id === 'string' || typeof id === 'number' ? ` (id ${shorten(String(id), 60)})` : ''}`,
        provenance: `Imported from CSL-JSON item ${i + 1}${typeof id === 'string' || typeof id === 'number' ? ` (id ${id})` : ''}.`,
      },
      options,
    );
  });
  return { candidates, fatal: null };
}

// ---- Export: sources → CSL-JSON that Zotero imports, our grades and hashes under `custom` ----

export interface AttachmentMeta {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

function parseName(name: string): Record<string, string> {
  const parts = name.split(',').map((p) => p.trim());
  if (parts.length === 2 && parts[0] && parts[1]) return { family: parts[0], given: parts[1] };
  return { literal: name };
}

function dateParts(date: string | null): { 'date-parts': number[][] } | undefined {
  if (!date) return undefined;
  return { 'date-parts': [date.slice(0, 10).split('-').map(Number)] };
}

export function sourceToCsl(s: Source, attachments: AttachmentMeta[], recordSha256: string): CslItem {
  const item: CslItem = { id: s.id, type: kindToCsl[s.kind], title: s.title };
  if (s.author) item.author = s.author.split(/;\s*/).filter(Boolean).map(parseName);
  if (s.publisher) item.publisher = s.publisher;
  if (s.url) item.URL = s.url;
  const issued = dateParts(s.publishedAt);
  if (issued) item.issued = issued;
  const accessed = dateParts(s.accessedAt);
  if (accessed) item.accessed = accessed;
  if (s.language) item.language = s.language;
  if (s.notes) item.note = s.notes;
  item.custom = {
    corroborate: {
      id: s.id,
      kind: s.kind,
      reliability: s.reliability,
      reliabilityNote: s.reliabilityNote,
      confidential: s.confidential,
      derivedFrom: s.derivedFrom,
      removed: s.deletedAt !== null,
      updatedAt: s.updatedAt,
      recordSha256,
      attachments: attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        mediaType: a.mediaType,
        size: a.size,
        sha256: a.sha256,
      })),
    },
  };
  return item;
}
