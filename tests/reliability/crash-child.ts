// The process the crash trials kill. It opens (or creates) a case through the contract and makes a
// seeded random mix of writes, valid and invalid, small and large, as fast as it can. After each call
// returns it prints one JSON line describing what was acknowledged, written synchronously to the
// pipe: a line the parent has read is a call the app told its user had happened (or had failed).
//
//   node --import tsx tests/reliability/crash-child.ts <case path> <seed> [max calls]
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { createApi } from '../../electron/api/create-api';
import { auditHead } from '../../electron/core/audit';
import { canonicalJson } from '../../electron/core/canonical-json';
import { newId } from '../../electron/core/ids';
import { claimStatuses, reliabilities, stances } from '../../electron/schema/enums';
import { seeded } from './support/random';

export interface AckLine {
  /** Call number within this child. */
  n: number;
  method: string;
  ok: boolean;
  code?: string;
  /** The record the call returned (create/update/remove/add). */
  id?: string;
  updatedAt?: string;
  /** sha256 of the canonical JSON of the returned record, and the record's keys. */
  digest?: string;
  keys?: string[];
  /** For deals.setParties: the ids of the live parties returned. */
  partyIds?: string[];
  /** Audit head after the call. */
  seq: number;
}

const [path, seedArg, maxArg] = process.argv.slice(2);
if (!path || !seedArg) throw new Error('usage: crash-child.ts <case path> <seed> [max calls]');
const rng = seeded(Number(seedArg));
const maxCalls = maxArg ? Number(maxArg) : Number.POSITIVE_INFINITY;

const say = (line: unknown) => {
  writeSync(1, `${JSON.stringify(line)}\n`);
};

say({ opening: true });
const openStarted = performance.now();
// An encrypted case when the parent gives a passphrase (the way every command-line tool takes it).
const passphrase = process.env.CORROBORATE_PASSPHRASE;
const api = createApi(path, { create: true, actor: 'crash-child', ...(passphrase ? { passphrase } : {}) });
const openMs = Math.round(performance.now() - openStarted);
// What this child knows exists: ids of live records it created (or found on open).
const live = {
  claims: api.file.db.prepare('SELECT id FROM claims WHERE deleted_at IS NULL').pluck().all() as string[],
  sources: api.file.db.prepare('SELECT id FROM sources WHERE deleted_at IS NULL').pluck().all() as string[],
  evidence: api.file.db.prepare('SELECT id FROM evidence WHERE deleted_at IS NULL').pluck().all() as string[],
  deals: api.file.db.prepare('SELECT id FROM deals WHERE deleted_at IS NULL').pluck().all() as string[],
  actors: api.file.db.prepare('SELECT id FROM actors WHERE deleted_at IS NULL').pluck().all() as string[],
};
say({ ready: true, pid: process.pid, openMs, seq: auditHead(api.file.db).seq });

const words = [
  'SORM',
  'Oniks-Line',
  'Сигнатек',
  'Safe City',
  'Sergek',
  'lawful intercept',
  'тендер',
  '合同',
  'مراقبة',
  '📡',
];
function text(min: number, max: number): string {
  const target = rng.int(min, max);
  let out = `${rng.pick(words)} `;
  while (out.length < target) out += `${rng.pick(words)} ${rng.int(0, 99_999)} `;
  return out.slice(0, target).trim() || 'x';
}
/** Mostly short; sometimes tens of KB; rarely several hundred KB (several WAL pages, checkpoints). */
const excerptText = () =>
  rng.chance(0.03) ? text(100_000, 400_000) : rng.chance(0.2) ? text(1_000, 20_000) : text(10, 300);
const someOf = (list: string[]) => (list.length ? rng.pick(list) : newId());
const drop = (list: string[], id: string) => {
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
};

type Call = [method: string, input: unknown, after?: (value: Record<string, unknown>) => void];

function nextCall(): Call {
  const r = rng.next();
  if (r < 0.1 || live.sources.length < 2) {
    return [
      'sources.create',
      {
        title: text(5, 80),
        kind: 'article',
        reliability: rng.pick(reliabilities),
        derivedFrom: live.sources.length && rng.chance(0.2) ? rng.pick(live.sources) : null,
        notes: rng.chance(0.3) ? excerptText() : null,
      },
      (v) => live.sources.push(v.id as string),
    ];
  }
  if (r < 0.22 || live.claims.length < 2) {
    return [
      'claims.create',
      {
        statement: text(10, rng.chance(0.1) ? 19_000 : 200),
        status: rng.pick(claimStatuses),
        tags: [text(2, 10)],
      },
      (v) => live.claims.push(v.id as string),
    ];
  }
  if (r < 0.45) {
    return [
      'evidence.add',
      {
        claimId: someOf(live.claims),
        sourceId: someOf(live.sources),
        stance: rng.pick(stances),
        excerpt: excerptText(),
        credibility: rng.int(1, 6),
        locator: rng.chance(0.5) ? `p. ${rng.int(1, 400)}` : null,
      },
      (v) => live.evidence.push(v.id as string),
    ];
  }
  if (r < 0.55) {
    return [
      'evidence.update',
      { id: someOf(live.evidence), stance: rng.pick(stances), credibility: rng.int(1, 6) },
    ];
  }
  if (r < 0.6) {
    const id = someOf(live.evidence);
    return [
      'evidence.remove',
      { id, reason: rng.chance(0.5) ? 'misquoted' : null },
      () => drop(live.evidence, id),
    ];
  }
  if (r < 0.68) {
    return [
      'claims.update',
      { id: someOf(live.claims), status: rng.pick(claimStatuses), tags: [text(2, 10), text(2, 10)] },
    ];
  }
  if (r < 0.71) {
    const id = someOf(live.claims);
    return ['claims.remove', { id }, () => drop(live.claims, id)];
  }
  if (r < 0.77) {
    return ['sources.update', { id: someOf(live.sources), reliability: rng.pick(reliabilities) }];
  }
  if (r < 0.79) {
    // Usually refused (the source still backs evidence): a refused write must leave no trace.
    const id = someOf(live.sources);
    return ['sources.remove', { id }, () => drop(live.sources, id)];
  }
  if (r < 0.84) {
    return [
      'assessments.add',
      {
        claimId: someOf(live.claims),
        likelihood: rng.int(1, 7),
        confidence: 'moderate',
        rationale: text(10, 500),
      },
    ];
  }
  if (r < 0.87) {
    return [
      'deals.create',
      { title: text(5, 60), technology: 'cctv', status: 'signed' },
      (v) => live.deals.push(v.id as string),
    ];
  }
  if (r < 0.9) {
    return ['actors.create', { name: text(3, 40), kind: 'company' }, (v) => live.actors.push(v.id as string)];
  }
  if (r < 0.93 && live.deals.length && live.actors.length) {
    const parties = Array.from({ length: rng.int(0, Math.min(3, live.actors.length)) }, () => ({
      actorId: rng.pick(live.actors),
      role: rng.pick(['vendor', 'buyer', 'operator'] as const),
    }));
    return ['deals.setParties', { dealId: rng.pick(live.deals), parties }];
  }
  if (r < 0.95) return ['case.setActor', { actor: rng.pick(['crash-child', 'second analyst']) }];
  // Invalid calls: must be refused and change nothing.
  return rng.pick<Call>([
    [
      'evidence.add',
      { claimId: newId(), sourceId: someOf(live.sources), stance: 'supports', excerpt: 'x', credibility: 1 },
    ],
    ['claims.create', { statement: '   ' }],
    ['claims.update', { id: someOf(live.claims), status: 'maybe' }],
    ['sources.create', { title: 'bad', kind: 'article', reliability: 'Z' }],
  ]);
}

const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

for (let n = 1; n <= maxCalls; n++) {
  const [method, input, after] = nextCall();
  const result = await api.call(method, input);
  const line: AckLine = { n, method, ok: result.ok, seq: 0 };
  if (result.ok) {
    const value = result.value as Record<string, unknown> | Record<string, unknown>[];
    if (Array.isArray(value)) {
      line.partyIds = value.map((p) => p.id as string);
    } else if (typeof value.id === 'string') {
      line.id = value.id;
      if (typeof value.updatedAt === 'string') line.updatedAt = value.updatedAt;
      line.digest = digest(value);
      line.keys = Object.keys(value).sort();
    }
    after?.(value as Record<string, unknown>);
  } else {
    line.code = result.error.code;
    if (result.error.code === 'internal') line.code = `internal: ${result.error.message}`;
  }
  line.seq = auditHead(api.file.db).seq;
  say(line);
}
api.close();
say({ done: true });
