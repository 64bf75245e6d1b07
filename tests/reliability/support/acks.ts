// Checks a case file against what a killed crash-child acknowledged: every acknowledged write is
// in the history at the position the child saw, with the values it was told; every refusal left
// no event; and nothing but the one call in flight at the kill can have landed after the last ack.
import { createHash } from 'node:crypto';
import { auditHead } from '../../../electron/core/audit';
import { canonicalJson } from '../../../electron/core/canonical-json';
import type { CaseFile } from '../../../electron/core/db';
import { fromRow, type Table } from '../../../electron/core/records';
import {
  actorTable,
  assessmentTable,
  claimTable,
  dealTable,
  evidenceTable,
  partyTable,
  sourceTable,
} from '../../../electron/core/tables';
import type { AckLine } from '../crash-child';

const tableOf: Record<string, Table<{ id: string }>> = {
  claims: claimTable,
  sources: sourceTable,
  evidence: evidenceTable,
  deals: dealTable,
  actors: actorTable,
  assessments: assessmentTable,
} as unknown as Record<string, Table<{ id: string }>>;

/** Most events one call of the child can write (setParties: three removals and three additions). */
const MAX_EVENTS_PER_CALL = 8;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const pick = (obj: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, obj[k] ?? null]));

export interface AckSummary {
  acked: number;
  ackedWrites: number;
  refused: number;
  /** Events written by the call in flight when the kill came (committed, never acknowledged). */
  inFlightEvents: number;
}

export function parseAcks(lines: string[]): { ready: { seq: number } | null; acks: AckLine[] } {
  let ready: { seq: number } | null = null;
  const acks: AckLine[] = [];
  for (const line of lines) {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (parsed.ready) ready = { seq: parsed.seq as number };
    else if (typeof parsed.n === 'number') acks.push(parsed as unknown as AckLine);
  }
  return { ready, acks };
}

export function ackProblems(file: CaseFile, lines: string[]): { problems: string[]; summary: AckSummary } {
  const problems: string[] = [];
  const { ready, acks } = parseAcks(lines);
  const summary: AckSummary = { acked: acks.length, ackedWrites: 0, refused: 0, inFlightEvents: 0 };
  if (!ready) return { problems, summary };
  const eventAt = file.db.prepare('SELECT entity_id, payload FROM audit_log WHERE seq = ?');
  const lastSeqOf = file.db.prepare('SELECT max(seq) FROM audit_log WHERE entity_id = ?').pluck();
  let prevSeq = ready.seq;
  for (const ack of acks) {
    const where = `call ${ack.n} (${ack.method})`;
    if (!ack.ok) {
      summary.refused++;
      if (ack.code?.startsWith('internal')) problems.push(`${where} failed as a bug: ${ack.code}`);
      if (ack.seq !== prevSeq)
        problems.push(`${where} was refused (${ack.code}) but wrote ${ack.seq - prevSeq} event(s)`);
      continue;
    }
    summary.ackedWrites++;
    const before = prevSeq;
    prevSeq = ack.seq;
    const table = tableOf[ack.method.split('.')[0]!];
    if (ack.id && ack.digest && ack.keys && table) {
      const row = file.db.prepare(`SELECT * FROM ${table.table} WHERE id = ?`).get(ack.id) as
        | Record<string, unknown>
        | undefined;
      if (!row) {
        problems.push(`${where}: acknowledged ${table.label} ${ack.id} is missing`);
        continue;
      }
      if (ack.seq > before) {
        const event = eventAt.get(ack.seq) as { entity_id: string; payload: string } | undefined;
        if (!event) problems.push(`${where}: its audit event ${ack.seq} is missing`);
        else if (event.entity_id !== ack.id)
          problems.push(`${where}: event ${ack.seq} is about ${event.entity_id}, not ${ack.id}`);
        else if (sha(canonicalJson(pick(JSON.parse(event.payload), ack.keys))) !== ack.digest) {
          problems.push(`${where}: event ${ack.seq} does not hold the acknowledged values`);
        }
      }
      // When nothing later touched the record, it must still hold exactly the acknowledged values.
      const last = (lastSeqOf.get(ack.id) as number | null) ?? 0;
      if (ack.seq > before ? last === ack.seq : last <= ack.seq) {
        const rec = fromRow(table, row) as unknown as Record<string, unknown>;
        if (sha(canonicalJson(pick(rec, ack.keys))) !== ack.digest) {
          problems.push(`${where}: ${table.label} ${ack.id} no longer holds the acknowledged values`);
        }
      }
    }
    if (ack.partyIds) {
      for (const id of ack.partyIds) {
        if (!file.db.prepare(`SELECT 1 FROM ${partyTable.table} WHERE id = ?`).get(id)) {
          problems.push(`${where}: acknowledged party ${id} is missing`);
        }
      }
    }
  }
  const head = auditHead(file.db).seq;
  if (head < prevSeq)
    problems.push(`the history ends at event ${head}, before the last acknowledged event ${prevSeq}`);
  summary.inFlightEvents = Math.max(0, head - prevSeq);
  if (summary.inFlightEvents > MAX_EVENTS_PER_CALL) {
    problems.push(
      `${summary.inFlightEvents} unacknowledged events after the last acknowledged call: more than one call's worth`,
    );
  }
  return { problems, summary };
}
