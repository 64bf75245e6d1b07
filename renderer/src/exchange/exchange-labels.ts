// Words for the exchange screens. The import kinds and plan actions come from the shared schema, so
// the preview says what the core says.
import type { ExportFormat, ImportKind, ImportProgress, PlanAction } from '../../../electron/schema/exchange';

export { importKindLabels, planActionLabels } from '../../../electron/schema/exchange';

export const exportFormatLabels: Record<ExportFormat, string> = {
  'case-json': 'The whole case (JSON, for a colleague or an archive)',
  'claims-csv': 'Claims with their verdicts (CSV spreadsheet)',
  'evidence-csv': 'Evidence with its grades (CSV spreadsheet)',
  'sources-csl': 'Sources (CSL-JSON, back into Zotero)',
};

export const phaseLabels: Record<ImportProgress['phase'], string> = {
  read: 'Reading the file',
  plan: 'Comparing it with the case',
  apply: 'Writing the records',
};

/** What a CSV column can fill, in words. */
export const columnFieldLabels: Record<string, string> = {
  id: 'Id',
  title: 'Title',
  kind: 'Kind',
  url: 'Address (URL)',
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
  statement: 'Statement',
  status: 'Status',
  tags: 'Tags',
  deal: 'Deal',
};

export const entityNouns: Record<string, string> = {
  deal: 'Deal',
  actor: 'Actor',
  deal_party: 'Deal party',
  source: 'Source',
  claim: 'Claim',
  evidence: 'Evidence',
  assessment: 'Assessment',
  attachment: 'Attachment',
};

/** The kind a file name suggests, when it says it plainly. */
export function kindFromFileName(name: string): ImportKind | null {
  const lower = name.toLowerCase();
  const ext = lower.split('.').pop() ?? '';
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'ris') return 'ris';
  if (ext === 'jsonld') return 'claimreview';
  // Our own exports' names (core/exchange/export.ts); any other .json could be either.
  if (lower.endsWith('.case.json')) return 'case-json';
  if (lower.endsWith('.csl.json')) return 'csl-json';
  return null;
}

export const actionOrder: readonly PlanAction[] = ['rejected', 'conflict', 'create', 'update', 'duplicate'];

export { plural } from '../../../electron/schema/plural';
