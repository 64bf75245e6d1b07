// Our own case JSON: every record (removed ones included, with their deletedAt), the verdicts, the
// audit log with its hashes, attachments' metadata and hashes, under a `format` name and version.
// Written one record per line, so an error in a file someone edited by hand is found by line.
// Read back, it is the merge format: records carry ids and the file carries their history.
import {
  CASE_FORMAT,
  CASE_FORMAT_VERSION,
  caseRecordSchemas,
  type RecordEntity,
} from '../../schema/exchange';
import type { AuditEvent, Source } from '../../schema/records';
import { type AuditRow, auditHead, canonicalEvent, chainHash, GENESIS_HASH, toEvent } from '../audit';
import { canonicalJson } from '../canonical-json';
import type { CaseFile } from '../db';
import { type Candidate, newCandidate, parseFields, reject } from './candidates';
import { jsonErrorLine } from './csl';
import type { DecodedFile } from './decode';
import { hides, type Pseudonyms, redactedFileName, redactSource } from './redact';
import { type AnyRecord, type CaseRecords, entityOrder, loadCase, sectionOf } from './snapshot';

/** An audit event as exported; `payload` is null when it concerns a confidential source and the export hides it. */
export type ExportedEvent = AuditEvent & { redacted?: true };

/** The state a record's history is compared by: `updatedAt` moves on every write, so it is left out. */
export function contentKey(record: Record<string, unknown>): string {
  const { updatedAt: _u, removalReason: _r, ...rest } = record;
  return canonicalJson(rest);
}

export interface CaseJsonExport {
  text: string;
  counts: Record<string, number>;
  redactedSources: number;
}

/**
 * Builds the export. Confidential sources (unless included) are pseudonymised in the records and
 * the payloads of their events are withheld; those events keep their hashes, so the chain still
 * links, and are listed so a verifier knows which it cannot recompute.
 */
export function exportCaseJson(
  c: CaseFile,
  opts: { includeConfidential: boolean; names: Pseudonyms },
): CaseJsonExport {
  const records = loadCase(c);
  const hidden = new Set(records.source.filter((s) => hides(s, opts.includeConfidential)).map((s) => s.id));
  const hiddenAttachments = new Set(
    records.attachment.filter((a) => hidden.has(a.sourceId)).map((a) => a.id),
  );
  const sources: Source[] = records.source.map((s) => (hidden.has(s.id) ? redactSource(s, opts.names) : s));
  const attachments = records.attachment.map((a) =>
    hiddenAttachments.has(a.id) ? { ...a, fileName: redactedFileName(a.sha256) } : a,
  );
  const out: CaseRecords = { ...records, source: sources, attachment: attachments };
  const verdicts = c
    .stmt(
      'SELECT claim_id AS claimId, verdict, evidence_count AS evidenceCount FROM claim_verdicts ORDER BY claim_id',
    )
    .all();
  const redactedSeqs: number[] = [];
  const events = (c.stmt('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]).map(
    (row): ExportedEvent => {
      const secret = hidden.has(row.entity_id) || hiddenAttachments.has(row.entity_id);
      if (secret) redactedSeqs.push(row.seq);
      const event: ExportedEvent = toEvent(row);
      if (secret) {
        event.payload = null;
        event.redacted = true;
      }
      return event;
    },
  );
  const head = auditHead(c.db);
  const header = {
    format: CASE_FORMAT,
    version: CASE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    exportedBy: c.meta.actor,
    case: {
      caseId: c.meta.caseId,
      name: c.meta.name,
      replica: c.meta.replica,
      schemaVersion: c.schemaVersion,
    },
    checkpoint: { seq: head.seq, headHash: head.hash },
    redaction: {
      includeConfidential: opts.includeConfidential,
      pseudonymisedSources: [...hidden].sort(),
      fields: hidden.size
        ? ['title', 'author', 'url', 'publisher', 'notes', 'reliabilityNote', 'attachment fileName']
        : [],
      withheldEventSeqs: redactedSeqs,
    },
  };
  const lines: string[] = ['{'];
  for (const [k, v] of Object.entries(header)) lines.push(`${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('"records": {');
  entityOrder.forEach((entity, i) => {
    lines.push(`${JSON.stringify(sectionOf[entity])}: [`);
    const items = out[entity] as unknown as Record<string, unknown>[];
    items.forEach((r, j) => {
      lines.push(`${JSON.stringify(r)}${j < items.length - 1 ? ',' : ''}`);
    });
    lines.push(`]${i < entityOrder.length - 1 ? ',' : ''}`);
  });
  lines.push('},');
  lines.push(`"verdicts": ${JSON.stringify(verdicts)},`);
  lines.push('"audit": {"events": [');
  events.forEach((e, j) => {
    lines.push(`${JSON.stringify(e)}${j < events.length - 1 ? ',' : ''}`);
  });
  lines.push(']}');
  lines.push('}');
  const counts = Object.fromEntries(entityOrder.map((e) => [sectionOf[e], out[e].length]));
  counts.auditEvents = events.length;
  return { text: `${lines.join('\n')}\n`, counts, redactedSources: hidden.size };
}

export type ChainCheck =
  | { ok: true; checked: number; withheld: number; head: { seq: number; hash: string } }
  | { ok: false; brokenAt: number; reason: string };

/** Verifies an exported log: contiguous, linked, and every payload it carries hashing to its event. */
export function verifyExportedChain(events: readonly ExportedEvent[]): ChainCheck {
  let prev = GENESIS_HASH;
  let withheld = 0;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { ok: false, brokenAt: e.seq, reason: `event ${i + 1} is missing` };
    if (e.prevHash !== prev)
      return { ok: false, brokenAt: e.seq, reason: `event ${e.seq} does not follow the one before it` };
    if (e.redacted) withheld++;
    else {
      const canonical = canonicalEvent({
        seq: e.seq,
        event_id: e.eventId,
        at: e.at,
        actor: e.actor,
        replica: e.replica,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        parent: e.parent,
        payload: canonicalJson(e.payload),
      });
      if (chainHash(e.prevHash, canonical) !== e.hash) {
        return {
          ok: false,
          brokenAt: e.seq,
          reason: `event ${e.seq} does not match its hash (changed after it was written)`,
        };
      }
    }
    prev = e.hash;
  }
  const last = events.at(-1);
  return {
    ok: true,
    checked: events.length,
    withheld,
    head: { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH },
  };
}

const refFields: Record<RecordEntity, [string, RecordEntity][]> = {
  deal: [],
  actor: [],
  deal_party: [
    ['dealId', 'deal'],
    ['actorId', 'actor'],
  ],
  source: [['derivedFrom', 'source']],
  claim: [['dealId', 'deal']],
  evidence: [
    ['claimId', 'claim'],
    ['sourceId', 'source'],
  ],
  assessment: [['claimId', 'claim']],
  attachment: [['sourceId', 'source']],
};

function labelOf(entity: RecordEntity, r: Record<string, unknown>): string {
  const text = r.title ?? r.name ?? r.statement ?? r.excerpt ?? r.rationale ?? r.fileName ?? r.role;
  return typeof text === 'string' ? text : entity;
}

export function readCaseJson(file: DecodedFile): {
  candidates: Candidate[];
  notes: string[];
  fatal: { line: number | null; message: string } | null;
} {
  const notes: string[] = [];
  if (file.badLines.size > 0) {
    const line = [...file.badLines][0] ?? null;
    return {
      candidates: [],
      notes,
      fatal: {
        line,
        message: `Line ${line} holds bytes that are not valid UTF-8; a case file is always UTF-8. Nothing was imported.`,
      },
    };
  }
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(file.text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('the top level is not an object');
    doc = parsed as Record<string, unknown>;
  } catch (error) {
    return { candidates: [], notes, fatal: jsonErrorLine(error, file) };
  }
  if (doc.format !== CASE_FORMAT) {
    return {
      candidates: [],
      notes,
      fatal: {
        line: null,
        message: `This is not a Corroborate case export (its "format" is ${JSON.stringify(doc.format ?? null)}, not "${CASE_FORMAT}"). Nothing was imported.`,
      },
    };
  }
  if (typeof doc.version !== 'number' || doc.version > CASE_FORMAT_VERSION) {
    return {
      candidates: [],
      notes,
      fatal: {
        line: null,
        message: `This case export is format version ${String(doc.version)}; this app reads up to ${CASE_FORMAT_VERSION}. Update the app. Nothing was imported.`,
      },
    };
  }
  const records = (doc.records ?? {}) as Record<string, unknown>;
  const events = Array.isArray((doc.audit as { events?: unknown })?.events)
    ? (doc.audit as { events: ExportedEvent[] }).events
    : [];
  const history = new Map<string, Set<string>>();
  const heads = new Map<string, string>();
  // History decides merges ("their version continues from ours"), so only a chain that verifies
  // is believed; an edited file's records are all treated as changed on both sides.
  const check = events.length ? verifyExportedChain(events) : null;
  for (const e of check?.ok ? events : []) {
    if (
      !e ||
      typeof e !== 'object' ||
      !e.payload ||
      typeof e.payload !== 'object' ||
      typeof e.entityId !== 'string'
    )
      continue;
    const key = contentKey(e.payload as Record<string, unknown>);
    const set = history.get(e.entityId) ?? new Set<string>();
    set.add(key);
    history.set(e.entityId, set);
    heads.set(e.entityId, key);
  }
  if (check) {
    notes.push(
      check.ok
        ? `The file's audit log verifies: ${check.checked} events, head ${check.head.hash.slice(0, 12)}…${check.withheld ? ` (${check.withheld} withheld for confidentiality are linked but not recomputable)` : ''}.`
        : `The file's audit log does NOT verify: ${check.reason}. Its history is not used: every record that differs from ours is listed as a conflict for you to decide.`,
    );
  } else
    notes.push('The file carries no audit log: records that differ from ours are all listed as conflicts.');
  const caseInfo = doc.case as { name?: unknown } | undefined;
  if (typeof caseInfo?.name === 'string') notes.push(`Exported from the case "${caseInfo.name}".`);

  // Where each record starts, found in one pass: the first `"id": "…"` naming it.
  const idOffsets = new Map<string, number>();
  for (const m of file.text.matchAll(/"id"\s*:\s*"([0-9a-fA-F-]{36})"/g)) {
    if (!idOffsets.has(m[1]!)) idOffsets.set(m[1]!, m.index);
  }
  const candidates: Candidate[] = [];
  let row = 0;
  for (const entity of entityOrder) {
    const section = sectionOf[entity];
    const list = records[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      notes.push(`"records.${section}" is not a list; it was not read.`);
      continue;
    }
    list.forEach((item: unknown, i) => {
      row++;
      const rec = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const id = typeof rec.id === 'string' ? rec.id : null;
      const at = id ? idOffsets.get(id) : undefined;
      const c = newCandidate({
        row,
        line: at !== undefined ? file.lines.lineAt(at) : null,
        ref: `${section}[${i}]`,
        entity,
        label: labelOf(entity, rec),
        id,
      });
      if (!id) {
        candidates.push(reject(c, 'has no id', { id: 'is required' }));
        return;
      }
      const parsed = parseFields(c, caseRecordSchemas[entity], item);
      if (parsed) {
        const record = parsed as AnyRecord;
        c.record = record;
        for (const [field, target] of refFields[entity]) {
          const ref = record[field];
          if (typeof ref === 'string') c.refs.push({ field, entity: target, id: ref });
        }
        const h = history.get(id);
        if (h) c.history = h;
        const head = heads.get(id);
        if (head) c.head = head;
      }
      candidates.push(c);
    });
  }
  return { candidates, notes, fatal: null };
}
