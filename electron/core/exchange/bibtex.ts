// BibTeX / BibLaTeX (Zotero + Better BibTeX, JabRef, Qiqqa …). The file is split into entries here,
// so one broken entry is rejected with its line instead of failing the whole file (citation-js
// gives up on the first syntax error); each entry is then read by citation-js with the @string
// macros defined before it.
import type { Reliability } from '../../schema/enums';
import { type Candidate, newCandidate, reject } from './candidates';
import { breathe, CslConverter, citationJs } from './citation';
import { cslItemToCandidate } from './csl';
import { badEncodingReason, type DecodedFile, firstBadLine } from './decode';

export interface BibBlock {
  type: string;
  /** Citation key, for entries. */
  key: string;
  text: string;
  line: number;
  lastLine: number;
  /** Why the block could not be delimited (unclosed, truncated). */
  error: string | null;
}

const OPEN = /@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])/y;
const LINE_START_ENTRY = /\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]/y;

/**
 * Finds every `@type{…}` block. Text outside blocks is a comment in BibTeX. An entry still open
 * when a new line starts another `@type{` is taken as missing its closing brace, so the damage
 * stays with that one entry.
 */
export function scanBibtex(text: string, lineAt: (offset: number) => number): BibBlock[] {
  const blocks: BibBlock[] = [];
  let i = 0;
  for (;;) {
    const at = text.indexOf('@', i);
    if (at === -1) break;
    OPEN.lastIndex = at;
    const m = OPEN.exec(text);
    if (!m) {
      i = at + 1;
      continue;
    }
    const type = m[1]!.toLowerCase();
    const close = m[2] === '{' ? '}' : ')';
    let depth = 0;
    let j = OPEN.lastIndex;
    let end = -1;
    let error: string | null = null;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (ch === '\\') {
        j++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}' && depth > 0) depth--;
      else if (ch === close && depth === 0) {
        end = j + 1;
        break;
      } else if (ch === '\n' && type !== 'comment') {
        LINE_START_ENTRY.lastIndex = j;
        if (LINE_START_ENTRY.test(text)) {
          end = j;
          error = `is not closed (a closing "${close}" is missing): the next entry starts at line ${lineAt(j + 1)}`;
          break;
        }
      }
    }
    if (end === -1) {
      end = text.length;
      error = 'is not closed: the file ends inside it (is the file truncated?)';
    }
    const body = text.slice(OPEN.lastIndex, end);
    blocks.push({
      type,
      key: body.split(/[,\s]/, 1)[0]?.trim() ?? '',
      text: text.slice(at, end),
      line: lineAt(at),
      lastLine: lineAt(Math.max(at, end - 1)),
      error,
    });
    i = end;
  }
  return blocks;
}

interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, unknown>;
}

/** A broken @string would break every entry after it; it is tried alone first. */
function defines(converter: CslConverter, text: string): boolean {
  try {
    // citation-js refuses a text without entries, so the macro is tried in front of a stub.
    converter.raw(`${text}\n@misc{probe, title = {probe}}`, '@biblatex/text');
    return true;
  } catch {
    return false;
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]?.trim() ?? message;
}

export async function readBibtex(
  file: DecodedFile,
  options: { defaultReliability: Reliability },
  onProgress?: (done: number, total: number) => void,
): Promise<{ candidates: Candidate[]; notes: string[] }> {
  const core = await citationJs();
  const converter = new CslConverter(core, '@biblatex/entries+list');
  const blocks = scanBibtex(file.text, (o) => file.lines.lineAt(o));
  const candidates: Candidate[] = [];
  const notes: string[] = [];
  let macros = '';
  let macroLines = 0;
  const skipped: Record<string, number> = {};
  const entries = blocks.filter((b) => !['string', 'comment', 'preamble'].includes(b.type)).length;
  let row = 0;
  for (const block of blocks) {
    if (block.type === 'string') {
      if (!block.error) {
        if (defines(converter, block.text)) {
          macros += `${block.text}\n`;
          macroLines += block.text.split('\n').length;
        } else notes.push(`The @string at line ${block.line} could not be read; it was not used.`);
      } else notes.push(`The @string at line ${block.line} ${block.error}; it was not used.`);
      continue;
    }
    if (block.type === 'comment' || block.type === 'preamble') {
      skipped[block.type] = (skipped[block.type] ?? 0) + 1;
      continue;
    }
    row++;
    const ref = `@${block.type}{${block.key}}`;
    const base = { row, line: block.line, ref, entity: 'source' as const, label: block.key || ref };
    const bad = firstBadLine(file, block.line, block.lastLine);
    if (block.error) candidates.push(reject(newCandidate(base), `This entry ${block.error}`));
    else if (bad !== null) candidates.push(reject(newCandidate(base), badEncodingReason(bad)));
    else candidates.push(readEntry(converter, macros, macroLines, block, base, options));
    await breathe(row, entries, onProgress);
  }
  for (const [type, n] of Object.entries(skipped)) {
    notes.push(`${n} @${type} block(s) are not references and were not imported.`);
  }
  return { candidates, notes };
}

function readEntry(
  converter: CslConverter,
  macros: string,
  macroLines: number,
  block: BibBlock,
  base: Parameters<typeof newCandidate>[0],
  options: { defaultReliability: Reliability },
): Candidate {
  let raw: RawEntry | undefined;
  let csl: Record<string, unknown> | undefined;
  try {
    const parsed = converter.raw(`${macros}${block.text}`, '@biblatex/text') as RawEntry[];
    raw = parsed.find((e) => e && typeof e === 'object' && 'properties' in e);
    if (raw) [csl] = converter.convert([raw]);
  } catch (error) {
    const message = firstLine(error instanceof Error ? error.message : String(error)).replace(
      /at line (\d+) col (\d+)/,
      (_, l: string, col: string) => `at line ${block.line + Number(l) - 1 - macroLines}, column ${col}`,
    );
    return reject(newCandidate(base), `This entry could not be read: ${message}`);
  }
  if (!raw || !csl) return reject(newCandidate(base), 'This entry could not be read (it holds no fields)');
  const unmapped: [string, string][] = [];
  for (const [field, value] of Object.entries(raw.properties)) {
    const probe = [{ type: raw.type, label: 'probe', properties: { [field]: value } }];
    if (!converter.maps(probe, `${raw.type}|${field}`)) unmapped.push([field, String(value)]);
  }
  return cslItemToCandidate(
    csl,
    {
      row: base.row,
      line: base.line,
      lastLine: block.lastLine,
      ref: base.ref,
      provenance: `Imported from BibTeX: @${block.type}{${block.key}} (line ${block.line}).`,
      unmapped,
    },
    options,
  );
}
