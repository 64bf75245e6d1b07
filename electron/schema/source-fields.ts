// A source's own fields, named once: the source form edits them, CSV import maps columns onto them
// (with the record id), and CSL/BibTeX/RIS compare the bibliographic part. A field added to a source
// is added here, and every one of those follows.
import type { Source } from './records';

/** Every field a person fills in for a source, in the order forms and exports show them. */
export const sourceFieldNames = [
  'title',
  'kind',
  'url',
  'author',
  'publisher',
  'publishedAt',
  'accessedAt',
  'language',
  'reliability',
  'reliabilityNote',
  'confidential',
  'derivedFrom',
  'notes',
] as const;
export type SourceFieldName = (typeof sourceFieldNames)[number];

/** What a reference manager knows of a source; grades, origin and notes are ours and never compared. */
export const bibliographicSourceFields = [
  'title',
  'kind',
  'url',
  'author',
  'publisher',
  'publishedAt',
  'accessedAt',
  'language',
] as const satisfies readonly SourceFieldName[];

/** The columns a CSV import of sources can fill: the record's id, then its fields. */
export const sourceColumnFieldNames = ['id', ...sourceFieldNames] as const;

/** A source's fields alone (no id, stamps or tombstone), e.g. to start an edit form from it. */
export function sourceFieldValues(source: Pick<Source, SourceFieldName>): Pick<Source, SourceFieldName> {
  return Object.fromEntries(sourceFieldNames.map((name) => [name, source[name]])) as Pick<
    Source,
    SourceFieldName
  >;
}
