import type Database from 'better-sqlite3';

// The seal row of migrations/0004_wal_seal.sql, read from raw page bytes: what lets the open tell
// whether a write-ahead log belongs to the main file beside it before SQLite reads the log.

/** The schema that brought the seal. */
export const SEAL_SCHEMA = 4;
const START = 'CRBTSEAL1';
const END = 'LAES';
const LENGTH = 209;

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface Seal {
  caseId: string;
  /** The audit head when the write that left this seal began. */
  base: AuditHead;
  /** The audit head the write left. */
  head: AuditHead;
}

/**
 * Run at the start of every write transaction (CaseFile.write, migrations): the write's base is
 * the head it starts from. The first write of a new log thus names the main file it continues.
 * Only when it moved: a write that changes nothing must write nothing, and a write without an
 * event leaves the head, hence the base, where it was.
 */
export const MARK_BASE_SQL =
  'UPDATE wal_seal SET seal = substr(seal, 1, 45) || substr(seal, 126, 80) || substr(seal, 126, 84) WHERE id = 1 AND substr(seal, 46, 80) <> substr(seal, 126, 80)';

// Armed by CaseFile.write at the start of its transaction, fired by the first event appended in
// it: a write that appends no event (or changes nothing) leaves the seal, and so the log, alone.
const armed = new WeakSet<Database.Database>();
const markStatements = new WeakMap<Database.Database, Database.Statement>();

export function armBaseMark(db: Database.Database): void {
  armed.add(db);
}

export function disarmBaseMark(db: Database.Database): void {
  armed.delete(db);
}

/** Called by appendEvent before it inserts: the first event of a write moves the base. */
export function markBaseIfArmed(db: Database.Database): void {
  if (!armed.delete(db)) return;
  let s = markStatements.get(db);
  if (!s) {
    s = db.prepare(MARK_BASE_SQL);
    markStatements.set(db, s);
  }
  s.run();
}

const HEX64 = /^[0-9a-f]{64}$/;
const DIGITS16 = /^\d{16}$/;

function parse(text: string): Seal | null {
  if (text.length !== LENGTH || !text.startsWith(START) || !text.endsWith(END)) return null;
  const baseSeq = text.slice(45, 61);
  const baseHash = text.slice(61, 125);
  const headSeq = text.slice(125, 141);
  const headHash = text.slice(141, 205);
  if (!DIGITS16.test(baseSeq) || !DIGITS16.test(headSeq) || !HEX64.test(baseHash) || !HEX64.test(headHash))
    return null;
  return {
    caseId: text.slice(9, 45).trim(),
    base: { seq: Number(baseSeq), hash: baseHash },
    head: { seq: Number(headSeq), hash: headHash },
  };
}

/**
 * The seal a page holds, or null. An update can leave the previous text in the page's free
 * space; the newest head is the row's current value, as the head only ever moves forward.
 */
export function sealInPage(page: Buffer): Seal | null {
  let best: Seal | null = null;
  for (let at = page.indexOf(START, 0, 'latin1'); at !== -1; at = page.indexOf(START, at + 1, 'latin1')) {
    const seal = parse(page.toString('latin1', at, at + LENGTH));
    if (seal && (best === null || seal.head.seq > best.head.seq)) best = seal;
  }
  return best;
}

export const sameHead = (a: AuditHead, b: AuditHead) => a.seq === b.seq && a.hash === b.hash;
