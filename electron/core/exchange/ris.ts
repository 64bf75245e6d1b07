// RIS (Zotero, EndNote, Citavi, Lens …). Records are delimited here, TY to ER, so a record missing
// its ER is rejected with its line rather than merged into the next; untagged lines inside a record
// (Citavi's multi-line values) stay with it. citation-js reads each record.
import type { Reliability } from '../../schema/enums';
import { type Candidate, newCandidate, reject } from './candidates';
import { breathe, CslConverter, citationJs } from './citation';
import { cslItemToCandidate } from './csl';
import { badEncodingReason, type DecodedFile, firstBadLine } from './decode';

// The tag sets citation-js tells the two RIS generations apart by (plugin-ris/lib/index.js): a
// record in the old style (A1, T1, Y1 …) read as "mixed" loses its authors.
const oldTags = new Set([
  'A1',
  'AV',
  'BT',
  'CP',
  'ED',
  'EP',
  'ID',
  'J1',
  'JA',
  'JF',
  'JO',
  'L2',
  'L3',
  'N2',
  'T1',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Y1',
]);
const newTags = new Set([
  'A4',
  'AD',
  'AN',
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C7',
  'C8',
  'CA',
  'CN',
  'DA',
  'DB',
  'DO',
  'DP',
  'ET',
  'LA',
  'LB',
  'NV',
  'OP',
  'PY',
  'RI',
  'RN',
  'SE',
  'ST',
  'SV',
  'TA',
  'TT',
]);

function recordType(raw: Record<string, unknown>): string {
  const tags = Object.keys(raw);
  const old = tags.some((t) => oldTags.has(t));
  const fresh = tags.some((t) => newTags.has(t));
  if (old && !fresh) return '@ris/old+record';
  if (fresh && !old) return '@ris/new+record';
  return '@ris/record';
}

const TAG = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;

export interface RisRecord {
  type: string;
  text: string;
  line: number;
  lastLine: number;
  error: string | null;
}

export function scanRis(text: string): { records: RisRecord[]; strayLines: number } {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const records: RisRecord[] = [];
  let strayLines = 0;
  let open: { start: number; type: string } | null = null;
  const close = (end: number, error: string | null) => {
    if (!open) return;
    records.push({
      type: open.type,
      text: lines.slice(open.start, end + 1).join('\n'),
      line: open.start + 1,
      lastLine: end + 1,
      error,
    });
    open = null;
  };
  lines.forEach((line, i) => {
    const m = TAG.exec(line);
    if (m?.[1] === 'TY') {
      if (open) close(i - 1, `has no ER line: the next record starts at line ${i + 1} (is a line missing?)`);
      open = { start: i, type: (m[2] ?? '').trim() };
    } else if (m?.[1] === 'ER') {
      if (open) close(i, null);
      else strayLines++;
    } else if (!open && line.trim() !== '') strayLines++;
  });
  if (open) close(lines.length - 1, 'has no ER line: the file ends inside it (is the file truncated?)');
  return { records, strayLines };
}

export async function readRis(
  file: DecodedFile,
  options: { defaultReliability: Reliability },
  onProgress?: (done: number, total: number) => void,
): Promise<{ candidates: Candidate[]; notes: string[] }> {
  const converter = new CslConverter(await citationJs(), '@ris/record');
  const { records, strayLines } = scanRis(file.text);
  const notes: string[] = [];
  if (strayLines > 0) notes.push(`${strayLines} line(s) outside any TY … ER record were not imported.`);
  const candidates: Candidate[] = [];
  let row = 0;
  for (const record of records) {
    row++;
    const ref = `TY ${record.type || '?'} #${row}`;
    const base = { row, line: record.line, ref, entity: 'source' as const, label: ref };
    const bad = firstBadLine(file, record.line, record.lastLine);
    if (record.error) candidates.push(reject(newCandidate(base), `This record ${record.error}`));
    else if (bad !== null) candidates.push(reject(newCandidate(base), badEncodingReason(bad)));
    else candidates.push(readRecord(converter, record, base, options));
    await breathe(row, records.length, onProgress);
  }
  return { candidates, notes };
}

function readRecord(
  converter: CslConverter,
  record: RisRecord,
  base: Parameters<typeof newCandidate>[0],
  options: { defaultReliability: Reliability },
): Candidate {
  let raw: Record<string, unknown> | undefined;
  let csl: Record<string, unknown> | undefined;
  try {
    [raw] = converter.raw(`${record.text}\n`, '@ris/file') as Record<string, unknown>[];
    if (raw) [csl] = converter.convert(raw, recordType(raw));
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0];
    return reject(newCandidate(base), `This record could not be read: ${message}`);
  }
  if (!raw || !csl) return reject(newCandidate(base), 'This record could not be read (it holds no fields)');
  const unmapped: [string, string][] = [];
  for (const [tag, value] of Object.entries(raw)) {
    if (tag === 'TY') continue;
    const type = recordType(raw);
    if (!converter.maps({ TY: raw.TY, [tag]: value }, `${type}|${String(raw.TY)}|${tag}`, type)) {
      unmapped.push([tag, Array.isArray(value) ? value.join('; ') : String(value)]);
    }
  }
  return cslItemToCandidate(
    csl,
    {
      row: base.row,
      line: base.line,
      lastLine: record.lastLine,
      ref: base.ref,
      provenance: `Imported from RIS: record ${base.row} (TY ${record.type}, line ${record.line}).`,
      unmapped,
    },
    options,
  );
}
