// Spreadsheets: sources or claims, one per row, under a header row. The column mapping is guessed
// from the header (and can be overridden), shown in the preview, and every row is accounted for:
// a row with cells missing or too many, an unclosed quote, a value outside an enumeration, is
// rejected with its spreadsheet row number. Exports: claims with verdicts, evidence with grades.
import Papa from 'papaparse';
import type { Reliability, SourceKind } from '../../schema/enums';
import { claimStatuses, reliabilities, sourceKinds } from '../../schema/enums';
import { type ColumnMapping, claimColumnFields, sourceColumnFields } from '../../schema/exchange';
import { ClaimCreate, Id, limits, SourceCreate } from '../../schema/inputs';
import {
  type Candidate,
  claimNaturalKey,
  newCandidate,
  parseFields,
  reject,
  sourceNaturalKey,
} from './candidates';
import { breathe } from './citation';
import { badEncodingReason, type DecodedFile, firstBadLine } from './decode';

type Target = 'sources' | 'claims';

const synonyms: Record<Target, Record<string, string[]>> = {
  sources: {
    id: ['id', 'sourceid', 'uuid'],
    title: ['title', 'name', 'sourcetitle', 'headline', 'source'],
    kind: ['kind', 'type', 'sourcetype', 'sourcekind'],
    url: ['url', 'link', 'address', 'href', 'web', 'website'],
    author: ['author', 'authors', 'creator', 'byline'],
    publisher: ['publisher', 'outlet', 'publication', 'journal', 'containertitle'],
    publishedAt: ['publishedat', 'published', 'date', 'publicationdate', 'pubdate', 'year', 'issued'],
    accessedAt: ['accessedat', 'accessed', 'accessdate', 'retrieved', 'urldate'],
    language: ['language', 'lang'],
    reliability: ['reliability', 'grade', 'rating', 'admiralty', 'sourcereliability'],
    reliabilityNote: ['reliabilitynote', 'reliabilitynotes', 'gradenote', 'ratingnote'],
    confidential: ['confidential', 'secret', 'protected'],
    derivedFrom: ['derivedfrom', 'origin', 'repeats'],
    notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
  },
  claims: {
    id: ['id', 'claimid', 'uuid'],
    statement: ['statement', 'claim', 'text', 'claimstatement'],
    status: ['status', 'state'],
    tags: ['tags', 'tag', 'keywords', 'labels'],
    deal: ['deal', 'dealid', 'dealtitle'],
  },
};

const fieldsOf: Record<Target, readonly string[]> = {
  sources: sourceColumnFields,
  claims: claimColumnFields,
};

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export function mapColumns(
  headers: string[],
  target: Target,
  overrides: Record<string, string | null> = {},
): ColumnMapping[] {
  const taken = new Set<string>();
  return headers.map((header, column) => {
    let field: string | null = null;
    if (Object.hasOwn(overrides, header)) {
      const wanted = overrides[header] ?? null;
      field = wanted && fieldsOf[target].includes(wanted) ? wanted : null;
    } else {
      const key = squash(header);
      field = Object.entries(synonyms[target]).find(([, names]) => names.includes(key))?.[0] ?? null;
    }
    if (field && taken.has(field)) field = null;
    if (field) taken.add(field);
    return { column: column + 1, header, field };
  });
}

interface CsvRow {
  row: number;
  line: number;
  lastLine: number;
  cells: string[];
  error: string | null;
}

/** Reverses the quote our exports put before =, +, -, @ so a spreadsheet never runs a cell as a formula. */
function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function parseRows(file: DecodedFile): { rows: CsvRow[]; delimiter: string } {
  const rows: CsvRow[] = [];
  let start = 0;
  let n = 0;
  let delimiter = ',';
  Papa.parse<string[]>(file.text, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      n++;
      delimiter = result.meta.delimiter;
      const end = result.meta.cursor;
      const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
      rows.push({
        row: n,
        line: file.lines.lineAt(start),
        lastLine: file.lines.lineAt(Math.max(start, end - 1)),
        // A line break inside a cell is text: one form of it, whatever the file's line endings.
        cells: (result.data as unknown as string[]).map((cell) =>
          unescapeFormula(cell).replace(/\r\n?/g, '\n'),
        ),
        error: quoteError
          ? quoteError.code === 'MissingQuotes'
            ? 'a quoted cell is not closed (a " is missing, or the file is truncated)'
            : 'a quote sits inside a cell that does not start with one (quotes inside cells must be doubled)'
          : null,
      });
      start = end;
    },
  });
  return { rows, delimiter };
}

const delimiterNames: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'vertical bar',
};

export interface CsvContext {
  defaultReliability: Reliability;
  defaultKind: SourceKind;
  columns?: Record<string, string | null> | undefined;
  /** Claims: a deal named by title, looked up in the case (null when none or several match). */
  dealByTitle?: (title: string) => { id: string | null; count: number };
}

export async function readCsv(
  file: DecodedFile,
  target: Target,
  ctx: CsvContext,
  onProgress?: (done: number, total: number) => void,
): Promise<{
  candidates: Candidate[];
  columns: ColumnMapping[];
  notes: string[];
  fatal: { line: number; message: string } | null;
}> {
  const { rows, delimiter } = parseRows(file);
  const notes: string[] = [];
  const headerRow = rows.find((r) => r.cells.some((c) => c.trim() !== ''));
  if (!headerRow) {
    return {
      candidates: [],
      columns: [],
      notes,
      fatal: { line: 1, message: 'The file holds no header row and no data.' },
    };
  }
  if (headerRow.error) {
    return {
      candidates: [],
      columns: [],
      notes,
      fatal: { line: headerRow.line, message: `The header row cannot be read: ${headerRow.error}.` },
    };
  }
  const headers = headerRow.cells.map((h) => h.trim());
  const columns = mapColumns(headers, target, ctx.columns);
  if (delimiter !== ',')
    notes.push(`Cells are separated by ${delimiterNames[delimiter] ?? JSON.stringify(delimiter)}.`);
  const required = target === 'sources' ? 'title' : 'statement';
  if (!columns.some((c) => c.field === required)) {
    return {
      candidates: [],
      columns,
      notes,
      fatal: {
        line: headerRow.line,
        message: `No column is read as the ${required}. Name one "${required}" or choose its field in the column mapping.`,
      },
    };
  }
  const unused = columns.filter((c) => c.field === null).map((c) => c.header || `column ${c.column}`);
  if (unused.length) {
    notes.push(
      target === 'sources'
        ? `Columns kept in each source's notes: ${unused.join(', ')}.`
        : `Columns not imported (claims have no field for them): ${unused.join(', ')}.`,
    );
  }
  const data = rows.filter((r) => r.row > headerRow.row);
  const candidates: Candidate[] = [];
  let blank = 0;
  let done = 0;
  for (const r of data) {
    done++;
    if (!r.error && r.cells.every((c) => c.trim() === '')) {
      // The line break that ends the file's last row is not an empty row.
      if (r !== data.at(-1) || r.cells.length > 1) blank++;
      continue;
    }
    candidates.push(readRow(file, r, headers, columns, target, ctx));
    await breathe(done, data.length, onProgress);
  }
  if (blank) notes.push(`${blank} empty row(s) were skipped.`);
  return { candidates, columns, notes, fatal: null };
}

function readRow(
  file: DecodedFile,
  r: CsvRow,
  headers: string[],
  columns: ColumnMapping[],
  target: Target,
  ctx: CsvContext,
): Candidate {
  const value = (field: string): string | undefined => {
    const col = columns.find((c) => c.field === field);
    return col ? r.cells[col.column - 1]?.trim() : undefined;
  };
  const idCell = value('id');
  const label = value(target === 'sources' ? 'title' : 'statement') || `row ${r.row}`;
  const validId = idCell && Id.safeParse(idCell).success ? idCell : null;
  const c = newCandidate({
    row: r.row,
    line: r.line,
    ref: `row ${r.row}`,
    entity: target === 'sources' ? 'source' : 'claim',
    label: label.length > 1000 ? label.slice(0, 1000) : label,
    id: validId,
  });
  if (r.error) return reject(c, `Row ${r.row}: ${r.error}`);
  const bad = firstBadLine(file, r.line, r.lastLine);
  if (bad !== null) return reject(c, badEncodingReason(bad));
  if (r.cells.length !== headers.length) {
    return reject(
      c,
      `has ${r.cells.length} cell(s) where the header has ${headers.length}: ${r.cells.length < headers.length ? 'a cell is missing or the line was cut' : 'a separator inside a cell needs quotes'}`,
    );
  }
  const huge = r.cells.findIndex((cell) => cell.length > limits.long);
  if (huge !== -1) {
    return reject(
      c,
      `the cell in column "${headers[huge]}" holds ${r.cells[huge]!.length.toLocaleString('en')} characters; at most ${limits.long.toLocaleString('en')} are taken`,
      {
        [headers[huge] || `column ${huge + 1}`]: `must be at most ${limits.long} characters`,
      },
    );
  }
  if (idCell && !validId)
    return reject(c, `id "${idCell.slice(0, 60)}" is not a record id (UUID)`, {
      id: 'must be a record id (UUID)',
    });
  return target === 'sources' ? sourceRow(c, r, columns, value, ctx) : claimRow(c, columns, value, ctx);
}

const enumValue = (raw: string | undefined) =>
  raw
    ?.trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_') || undefined;

function partialDate(raw: string | undefined): string | null | false {
  if (!raw) return null;
  const m = raw.trim().match(/^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/);
  if (!m) return false;
  return [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
}

const yes = new Set(['yes', 'y', 'true', '1', 'x']);
const no = new Set(['no', 'n', 'false', '0', '']);

function sourceRow(
  c: Candidate,
  r: CsvRow,
  columns: ColumnMapping[],
  value: (field: string) => string | undefined,
  ctx: CsvContext,
): Candidate {
  const notes: string[] = [];
  const given = value('notes');
  if (given) notes.push(given);
  for (const col of columns) {
    const cell = r.cells[col.column - 1]?.trim();
    if (col.field === null && cell) notes.push(`${col.header || `column ${col.column}`}: ${cell}`);
  }
  const dates: Record<string, string | null> = {};
  for (const field of ['publishedAt', 'accessedAt'] as const) {
    const d = partialDate(value(field));
    if (d === false) {
      notes.push(`${field === 'publishedAt' ? 'Published' : 'Accessed'} (as given): ${value(field)}`);
      c.warnings.push(`The date "${value(field)}" is not in a form like 2019-03-21; it is kept in notes.`);
      dates[field] = null;
    } else dates[field] = d;
  }
  let url = value('url') || null;
  if (url && !URL.canParse(url)) {
    notes.push(`URL (as given): ${url}`);
    c.warnings.push(`"${url.slice(0, 80)}" is not a full address; it is kept in notes.`);
    url = null;
  }
  const conf = value('confidential')?.toLowerCase() ?? '';
  const fieldsProblem: Record<string, string> = {};
  if (!yes.has(conf) && !no.has(conf)) fieldsProblem.confidential = 'must be yes or no';
  const reliability = value('reliability')?.toUpperCase() || ctx.defaultReliability;
  if (!(reliabilities as readonly string[]).includes(reliability)) {
    fieldsProblem.reliability = `must be one of ${reliabilities.join(', ')} (got "${value('reliability')}")`;
  }
  const kind = enumValue(value('kind')) ?? ctx.defaultKind;
  if (!(sourceKinds as readonly string[]).includes(kind)) {
    fieldsProblem.kind = `must be one of ${sourceKinds.join(', ')} (got "${value('kind')}")`;
  }
  if (Object.keys(fieldsProblem).length) {
    return reject(
      c,
      Object.entries(fieldsProblem)
        .map(([f, m]) => `${f} ${m}`)
        .join('; '),
      fieldsProblem,
    );
  }
  const derivedFrom = value('derivedFrom') || null;
  const fields = parseFields(c, SourceCreate, {
    id: c.id,
    title: value('title'),
    kind,
    url,
    author: value('author'),
    publisher: value('publisher'),
    publishedAt: dates.publishedAt,
    accessedAt: dates.accessedAt,
    language: value('language'),
    reliability,
    reliabilityNote: value('reliabilityNote'),
    confidential: yes.has(conf),
    derivedFrom,
    notes: notes.join('\n') || null,
  });
  if (!fields) return c;
  c.fields = fields;
  c.provided = providedFields(columns, notes.length > 0);
  if (fields.derivedFrom) c.refs.push({ field: 'derivedFrom', entity: 'source', id: fields.derivedFrom });
  const nk = sourceNaturalKey(fields);
  c.naturalKey = nk.key;
  c.naturalKeyLabel = nk.label;
  return c;
}

/** The fields a spreadsheet really fills: its mapped columns (and notes when any cell went there). */
function providedFields(columns: ColumnMapping[], hasNotes: boolean): string[] {
  const mapped = columns.map((col) => col.field).filter((f): f is string => f !== null && f !== 'id');
  return hasNotes && !mapped.includes('notes') ? [...mapped, 'notes'] : mapped;
}

function splitTags(raw: string | undefined): string[] {
  if (!raw) return [];
  const sep = /[;|]/.test(raw) ? /[;|]/ : /,/;
  return raw
    .split(sep)
    .map((t) => t.trim())
    .filter(Boolean);
}

function claimRow(
  c: Candidate,
  columns: ColumnMapping[],
  value: (field: string) => string | undefined,
  ctx: CsvContext,
): Candidate {
  const status = enumValue(value('status')) ?? 'draft';
  if (!(claimStatuses as readonly string[]).includes(status)) {
    const message = `must be one of ${claimStatuses.join(', ')} (got "${value('status')}")`;
    return reject(c, `status ${message}`, { status: message });
  }
  let dealId: string | null = null;
  const deal = value('deal');
  if (deal) {
    if (Id.safeParse(deal).success) dealId = deal;
    else {
      const found = ctx.dealByTitle?.(deal) ?? { id: null, count: 0 };
      if (!found.id) {
        const why =
          found.count > 1
            ? `${found.count} deals are titled "${deal}"; use the deal's id`
            : `no deal titled "${deal}" is in this case`;
        return reject(c, `deal: ${why}`, { deal: why });
      }
      dealId = found.id;
    }
  }
  const fields = parseFields(c, ClaimCreate, {
    id: c.id,
    statement: value('statement'),
    status,
    tags: splitTags(value('tags')),
    dealId,
  });
  if (!fields) return c;
  c.fields = fields;
  c.provided = providedFields(columns, false).map((f) => (f === 'deal' ? 'dealId' : f));
  if (fields.dealId) c.refs.push({ field: 'dealId', entity: 'deal', id: fields.dealId });
  c.naturalKey = claimNaturalKey(fields.statement);
  c.naturalKeyLabel = 'the same statement';
  return c;
}

// ---- Export ----

export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  // A BOM so spreadsheet apps read UTF-8; CRLF as RFC 4180 says; formulas neutralised.
  return `\ufeff${Papa.unparse(
    { fields: columns, data: rows.map((r) => columns.map((k) => r[k] ?? '')) },
    { newline: '\r\n', escapeFormulae: true },
  )}\r\n`;
}

export const claimsCsvColumns = [
  'id',
  'statement',
  'status',
  'verdict',
  'supporting_lines',
  'contradicting_lines',
  'evidence_items',
  'fragile',
  'overconfident',
  'likelihood',
  'likelihood_words',
  'confidence',
  'deal_id',
  'deal',
  'tags',
  'created_at',
  'updated_at',
];

export const evidenceCsvColumns = [
  'id',
  'claim_id',
  'claim',
  'source_id',
  'source',
  'stance',
  'grade',
  'reliability',
  'credibility',
  'excerpt',
  'locator',
  'note',
  'created_at',
  'updated_at',
];
