// The bulk imports the bench times. Records are generated in chunks outside the timed part (the
// generator's cost would otherwise pad both sides and flatter the ratio); only the writing counts.
import type Database from 'better-sqlite3';
import { contract } from '../../electron/api/contract';
import { createActor } from '../../electron/core/actors';
import { addAssessment } from '../../electron/core/assessments';
import { createClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { createDeal } from '../../electron/core/deals';
import { addEvidence } from '../../electron/core/evidence';
import { createSource } from '../../electron/core/sources';
import type { CaseGenerator, ImportRecord } from './generate';
import { cpuNow, now, type Timing } from './measure';
import { rawInsert, rawVerdicts } from './raw';

const CHUNK = 5_000;

/** The contract's handler of each method an import uses (electron/api/create-api.ts binds the same functions). */
const handlers: Record<ImportRecord['method'], (c: CaseFile, input: unknown) => unknown> = {
  'deals.create': createDeal,
  'actors.create': createActor,
  'sources.create': createSource,
  'claims.create': createClaim,
  'evidence.add': addEvidence,
  'assessments.add': addAssessment,
};

function* chunks(gen: CaseGenerator): Generator<ImportRecord[]> {
  let chunk: ImportRecord[] = [];
  for (const rec of gen.records()) {
    chunk.push(rec);
    if (chunk.length === CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

export interface Imported extends Timing {
  records: number;
}

interface Spent {
  ms: number;
  cpuMs: number;
}

/** Feeds `apply` chunk by chunk; returns how long the generator itself took, to be subtracted. */
function eachChunk(gen: CaseGenerator, apply: (chunk: ImportRecord[]) => void): Spent {
  const generating = { ms: 0, cpuMs: 0 };
  const it = chunks(gen);
  for (;;) {
    const t = now();
    const c = cpuNow();
    const next = it.next();
    generating.ms += now() - t;
    generating.cpuMs += cpuNow() - c;
    if (next.done) return generating;
    apply(next.value);
  }
}

function net(t0: number, c0: number, generating: Spent, records: number): Imported {
  return { ms: now() - t0 - generating.ms, cpuMs: cpuNow() - c0 - generating.cpuMs, runs: 1, records };
}

/**
 * Every record through the contract's schema and its core handler (validated, audited, indexed),
 * all in one bulk transaction as an import is all-or-nothing. The verdicts and the commit at the
 * end count too.
 */
export function importThroughCore(c: CaseFile, gen: CaseGenerator, log: (s: string) => void): Imported {
  let records = 0;
  let generating: Spent = { ms: 0, cpuMs: 0 };
  const step = Math.max(CHUNK, Math.floor(gen.totalRecords / 10 / CHUNK) * CHUNK);
  const t0 = now();
  const c0 = cpuNow();
  c.bulk(() => {
    generating = eachChunk(gen, (chunk) => {
      for (const rec of chunk) handlers[rec.method](c, contract[rec.method].parse(rec.input));
      records += chunk.length;
      if (records % step === 0) log(`  ${records} of ${gen.totalRecords}`);
    });
  });
  return net(t0, c0, generating, records);
}

/** The same rows with raw prepared statements in one transaction. */
export function importRaw(db: Database.Database, gen: CaseGenerator): Imported {
  let records = 0;
  let generating: Spent = { ms: 0, cpuMs: 0 };
  const t0 = now();
  const c0 = cpuNow();
  db.transaction(() => {
    const insert = rawInsert(db);
    generating = eachChunk(gen, (chunk) => {
      for (const rec of chunk) insert(rec);
      records += chunk.length;
    });
    rawVerdicts(db);
  }).immediate();
  return net(t0, c0, generating, records);
}
