// The bench's rows for an encrypted case (SQLCipher 4), against the plain case of the same run:
// the same synthetic records imported the same way, then the same reads and writes on both, with
// the ratio encrypted / plain. Unlocking (the KDF) and opening with the key once derived are rows
// of their own. Goals (issue 15): reads ≤ 1.15×, writes ≤ 1.3×, bulk import ≤ 1.3×.
import { join } from 'node:path';
import { type Api, createApi } from '../../electron/api/create-api';
import { deriveCaseKey, readSalt } from '../../electron/core/crypto/case-key';
import type { Result } from '../../electron/schema/result';
import type { CaseGenerator } from './generate';
import { importThroughCore } from './imports';
import { repeat, type Timing } from './measure';
import type { OpResult } from './report';
import { searchTerms } from './words';

const PASSPHRASE = 'bench passphrase: not a secret';

function value<T>(r: Result<unknown>, what: string): T {
  if (!r.ok) throw new Error(`${what} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function row(name: string, enc: Timing, plain: Timing | null, goal?: number, extra?: string): OpResult {
  const ratio = plain ? enc.ms / plain.ms : null;
  return {
    name,
    ours: enc.ms,
    raw: plain ? plain.ms : null,
    ratio,
    oursCpu: enc.cpuMs,
    rawCpu: plain ? plain.cpuMs : null,
    cpuRatio: plain && plain.cpuMs > 0 ? enc.cpuMs / plain.cpuMs : null,
    runs: enc.runs,
    ...(extra ? { extra } : {}),
    ...(goal !== undefined ? { target: `≤ ${goal}× plain`, met: ratio !== null && ratio <= goal } : {}),
  };
}

/** Times the same call on both cases, alternating runs so a busy machine hurts both alike. */
async function both(
  enc: Api,
  plain: Api,
  method: string,
  input: (i: number) => unknown,
  runs: Parameters<typeof repeat>[1],
): Promise<[Timing, Timing]> {
  const e = await repeat(async (i) => value(await enc.call(method, input(i)), method), runs);
  const p = await repeat(async (i) => value(await plain.call(method, input(i)), method), runs);
  return [e, p];
}

export async function encryptedRows(o: {
  gen: CaseGenerator;
  dir: string;
  plainPath: string;
  plainImport: Timing;
  log: (line: string) => void;
}): Promise<OpResult[]> {
  const { gen } = o;
  const rows: OpResult[] = [];
  const encPath = join(o.dir, `bench-${gen.counts.evidence}.encrypted.evidence`);
  o.log(`size ${gen.counts.evidence}: the same import into an encrypted case`);
  let enc = createApi(encPath, { create: true, actor: 'bench', passphrase: PASSPHRASE });
  const imported = importThroughCore(enc.file, gen, o.log);
  rows.push(row(`bulk import, core bulk path (${imported.records} records)`, imported, o.plainImport, 1.3));
  enc.close();

  const salt = readSalt(encPath);
  const kdf = await repeat(() => deriveCaseKey(PASSPHRASE, salt), {
    maxRuns: 5,
    minRuns: 3,
    budgetMs: 0,
    warmup: 0,
  });
  rows.push(row('unlock: derive the key (PBKDF2-SHA512, 256k)', kdf, null, undefined, 'once per unlock'));
  const openRuns = { maxRuns: 5, budgetMs: 2_000, minRuns: 3, warmup: 1 };
  const unlock = await repeat(() => createApi(encPath, { passphrase: PASSPHRASE }).close(), openRuns);
  const key = deriveCaseKey(PASSPHRASE, salt);
  const openKey = await repeat(() => createApi(encPath, { key }).close(), openRuns);
  const openPlain = await repeat(() => createApi(o.plainPath).close(), openRuns);
  rows.push(
    row('unlock and open (KDF + checks)', unlock, openPlain, undefined, 'what the unlock screen waits for'),
  );
  rows.push(row('open with the derived key (checks)', openKey, openPlain, 1.3));

  enc = createApi(encPath, { key });
  const plain = createApi(o.plainPath);
  try {
    o.log(`size ${gen.counts.evidence}: encrypted reads and writes`);
    const C = gen.counts.claims;
    const pick = (i: number) => gen.claimId(1 + ((i * 7919) % (C - 1)));
    const [ie, ip] = await both(enc, plain, 'case.info', () => ({}), { maxRuns: 50 });
    rows.push(row('case.info', ie, ip, 1.15));
    const [ge, gp] = await both(enc, plain, 'claims.get', (i) => ({ id: pick(i) }), { maxRuns: 1_000 });
    rows.push(row('claims.get (≈10 evidence)', ge, gp, 1.15));
    const heavy = gen.claimId(0);
    const [he, hp] = await both(enc, plain, 'claims.get', () => ({ id: heavy }), { maxRuns: 200 });
    rows.push(row(`claims.get (${gen.heavyEvidence} evidence)`, he, hp, 1.15));
    const list = () => ({
      filters: { status: ['under_review', 'disputed'] },
      sort: { field: 'updated', direction: 'desc' },
      limit: 100,
    });
    const [le, lp] = await both(enc, plain, 'claims.list', list, { maxRuns: 300 });
    rows.push(row('claims.list page 1', le, lp, 1.15));
    for (const [kind, term] of Object.entries(searchTerms)) {
      const [se, sp] = await both(enc, plain, 'search.query', () => ({ query: term, limit: 20 }), {
        maxRuns: 200,
      });
      rows.push(row(`search.query ${kind} "${term}"`, se, sp, 1.15));
    }
    const writes = { maxRuns: 30, budgetMs: 2_000, minRuns: 10, warmup: 2 };
    const [ce, cp] = await both(enc, plain, 'claims.create', (i) => gen.extraClaim(100_000 + i), writes);
    rows.push(row('claims.create (one transaction)', ce, cp, 1.3));
    const edit = (i: number) => ({ id: pick(i), statement: `Encrypted-run edit ${i}` });
    const [ue, up] = await both(enc, plain, 'claims.update', edit, writes);
    rows.push(row('claims.update (one transaction)', ue, up, 1.3));
    const verifyRuns = { maxRuns: 3, budgetMs: 0, minRuns: 3, warmup: 0 };
    const [ve, vp] = await both(enc, plain, 'audit.verify', () => ({}), verifyRuns);
    rows.push(row('audit.verify (whole chain)', ve, vp, 1.15));
  } finally {
    enc.close();
    plain.close();
  }
  return rows;
}
