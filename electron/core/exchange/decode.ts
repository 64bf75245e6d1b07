// Turns what the user picked into text without hiding anything: the encoding found, lines whose
// bytes are not valid UTF-8 (so the rows on them are rejected, not silently mangled), line endings.
import { createHash } from 'node:crypto';

export interface DecodedFile {
  text: string;
  sha256: string;
  /** 1-based lines holding bytes that are not valid UTF-8 (each shown as U+FFFD in `text`). */
  badLines: Set<number>;
  notes: string[];
  lines: LineIndex;
}

/** Maps a character offset to its 1-based line, for formats whose parsers report offsets. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** Byte length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const x = b[i]!;
  if (x < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (x >= 0xc2 && x <= 0xdf) return cont(1) ? 2 : 0;
  if (x >= 0xe0 && x <= 0xef) {
    const y = b[i + 1];
    if (y === undefined) return 0;
    if (x === 0xe0 && y < 0xa0) return 0; // overlong
    if (x === 0xed && y > 0x9f) return 0; // surrogate
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (x >= 0xf0 && x <= 0xf4) {
    const y = b[i + 1];
    if (y === undefined) return 0;
    if (x === 0xf0 && y < 0x90) return 0;
    if (x === 0xf4 && y > 0x8f) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function invalidUtf8Lines(bytes: Uint8Array): Set<number> {
  const lines = new Set<number>();
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const x = bytes[i]!;
    if (x === 0x0a) {
      line++;
      i++;
      continue;
    }
    if (x < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) {
      lines.add(line);
      i++;
    } else i += n;
  }
  return lines;
}

function describeEndings(text: string): string | null {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  if (crlf && lf) return `Mixed line endings (${crlf} Windows CRLF, ${lf} Unix LF); both are read.`;
  if (crlf) return 'Windows line endings (CRLF).';
  return null;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function decodeInput(input: {
  text?: string | undefined;
  bytesBase64?: string | undefined;
}): DecodedFile {
  const notes: string[] = [];
  let text: string;
  let badLines = new Set<number>();
  let sha256: string;
  if (input.bytesBase64 !== undefined) {
    const bytes = Buffer.from(input.bytesBase64, 'base64');
    sha256 = sha256Hex(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
      notes.push('The file is UTF-16 (little-endian); it was read as such.');
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
      notes.push('The file is UTF-16 (big-endian); it was read as such.');
    } else {
      badLines = invalidUtf8Lines(bytes);
      text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
      if (badLines.size > 0) {
        const list = [...badLines].slice(0, 10).join(', ');
        notes.push(
          `${badLines.size} line(s) hold bytes that are not valid UTF-8 (line ${list}${badLines.size > 10 ? ', …' : ''}); rows on them are rejected. Was the file saved in another encoding (e.g. Windows-1252)? Save it as UTF-8 and import again.`,
        );
      }
    }
  } else {
    text = input.text ?? '';
    sha256 = sha256Hex(text);
    if (!text.isWellFormed())
      notes.push('The text holds unpaired surrogates (broken Unicode); rows holding them are rejected.');
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    notes.push('A byte-order mark (BOM) at the start was removed.');
  }
  const endings = describeEndings(text);
  if (endings) notes.push(endings);
  return { text, sha256, badLines, notes, lines: new LineIndex(text) };
}

/** Whether any line in [from, to] holds undecodable bytes; returns the first such line. */
export function firstBadLine(file: DecodedFile, from: number, to: number): number | null {
  for (const line of file.badLines) if (line >= from && line <= to) return line;
  return null;
}

export function badEncodingReason(line: number): string {
  return `line ${line} holds bytes that are not valid UTF-8, so its text cannot be read faithfully`;
}
