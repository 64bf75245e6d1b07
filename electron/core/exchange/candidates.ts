// What every reader produces and the planner consumes: one candidate per row of the file, either a
// full record (our case JSON, with its history) or the fields of a new record (reference managers,
// spreadsheets), or the reason the row could not be read.
import type { z } from 'zod';
import type { RecordEntity } from '../../schema/exchange';
import { fieldsOf } from '../errors';
import { newId } from '../ids';

export interface Ref {
  field: string;
  entity: RecordEntity;
  id: string;
}

export interface Candidate {
  row: number;
  line: number | null;
  ref: string;
  entity: RecordEntity;
  label: string;
  /** The record id: from the file, or generated for a row that carries none (`generatedId`). */
  id: string;
  generatedId: boolean;
  /** Every column of the record, timestamps included (case JSON). */
  record?: Record<string, unknown>;
  /** The fields a new record gets (all other readers); parsed with the create schema. */
  fields?: Record<string, unknown>;
  /** Rows without ids are matched on this (DOI, normalized title + year, statement …). */
  naturalKey?: string;
  naturalKeyLabel?: string;
  /** The fields the row really carries (the rest are defaults): only these are compared and taken. */
  provided?: string[];
  /** Content hashes of every earlier state of this record in the file's own audit log. */
  history?: Set<string>;
  /** The content hash of the record's last logged state: a record that differs from it was edited outside the app. */
  head?: string;
  refs: Ref[];
  error?: { reason: string; fields?: Record<string, string> };
  warnings: string[];
}

export function newCandidate(
  base: Pick<Candidate, 'row' | 'line' | 'ref' | 'entity' | 'label'> & { id?: string | null },
): Candidate {
  const generatedId = !base.id;
  return {
    row: base.row,
    line: base.line,
    ref: base.ref,
    entity: base.entity,
    label: shorten(base.label, 200),
    id: base.id || newId(),
    generatedId,
    refs: [],
    warnings: [],
  };
}

export function reject(c: Candidate, reason: string, fields?: Record<string, string>): Candidate {
  c.error = fields ? { reason, fields } : { reason };
  return c;
}

/** Parses with a schema; on failure the candidate is rejected naming each field. */
export function parseFields<S extends z.ZodType>(
  c: Candidate,
  schema: S,
  value: unknown,
): z.output<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = fieldsOf(parsed.error);
  reject(
    c,
    Object.entries(fields)
      .map(([field, message]) => `${field} ${message}`)
      .join('; '),
    fields,
  );
  return null;
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Lower case, accents and punctuation gone: "Le Monde — L'État" and "le monde l etat" meet. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normalizeDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^(https?:\/\/)?(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .toLowerCase();
}

/**
 * The natural key of a source without an id: its DOI when it has one, else its normalized title
 * and year. Stated in the preview, so a user knows why two rows were taken as the same.
 */
export function sourceNaturalKey(s: {
  title: string;
  publishedAt: string | null;
  notes?: string | null;
  doi?: string | null;
}): { key: string; label: string } {
  const doi = s.doi ?? doiInNotes(s.notes ?? null);
  if (doi) return { key: `doi:${normalizeDoi(doi)}`, label: `DOI ${normalizeDoi(doi)}` };
  const year = s.publishedAt?.slice(0, 4) ?? '';
  return { key: `title:${normalizeText(s.title)}|${year}`, label: `title and year (${year || 'no year'})` };
}

/** Imported sources keep their DOI as a `DOI: …` line of the notes; this finds it again. */
export function doiInNotes(notes: string | null): string | null {
  const m = notes?.match(/^DOI: *(\S+)/im);
  return m?.[1] ?? null;
}

export function claimNaturalKey(statement: string): string {
  return `statement:${normalizeText(statement)}`;
}

/** Text for a value kept in notes: strings as they are, lists joined, anything else as JSON. */
export function noteValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.join('; ');
  return JSON.stringify(value);
}
