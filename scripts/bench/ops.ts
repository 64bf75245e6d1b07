// One size of the bench: build the same case twice (through the contract's schemas and handlers,
// and raw), then time each operation on both sides in the same process: medians and ratios.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createApi } from '../../electron/api/create-api';
import { toMatchQuery } from '../../electron/core/match-query';
import { sidecarCheck } from '../../electron/core/sidecar-check';
import type { Result } from '../../electron/schema/result';
import { encryptedRows } from './encrypted';
import { CaseGenerator } from './generate';
import { importRaw, importThroughCore } from './imports';
import { once, peakRssMb, repeat, type Timing } from './measure';
import { baselineSchema, rawChainRead, rawCounts, rawCreate, rawOpen, rawSearch, rawStatements } from './raw';
import type { OpResult, SizeResult } from './report';
import { searchTerms } from './words';

export interface SizeOptions {
  evidence: number;
  seed: number;
  dir: string;
  log?: (line: string) => void;
}

/** The largest case JSON `exchange.import` takes (MAX_IMPORT_CHARS): bigger cases are imported through the core path only. */
const EXCHANGE_IMPORT_MAX_EVIDENCE = 20_000;

function value<T>(r: Result<unknown>, what: string): T {
  if (!r.ok) throw new Error(`${what} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const mb = (path: string) => {
  let bytes = 0;
  for (const f of [path, `${path}-wal`]) {
    try {
      bytes += statSync(f).size;
    } catch {
      // no WAL after a clean close
    }
  }
  return bytes / 1024 / 1024;
};

interface Target {
  text: string;
  met: (ours: Timing, ratio: number | null) => boolean;
}

function op(name: string, ours: Timing, raw: Timing | null, target?: Target, extra?: string): OpResult {
  const ratio = raw ? ours.ms / raw.ms : null;
  return {
    name,
    ours: ours.ms,
    raw: raw ? raw.ms : null,
    ratio,
    oursCpu: ours.cpuMs,
    rawCpu: raw ? raw.cpuMs : null,
    cpuRatio: raw && raw.cpuMs > 0 ? ours.cpuMs / raw.cpuMs : null,
    runs: ours.runs,
    ...(extra ? { extra } : {}),
    ...(target ? { target: target.text, met: target.met(ours, ratio) } : {}),
  };
}

const ratioAtMost = (x: number): Target => ({ text: `≤ ${x}× raw`, met: (_, r) => r !== null && r <= x });
const under = (ms: number, text = `< ${ms} ms`): Target => ({ text, met: (o) => o.ms < ms });

export async function runSize(o: SizeOptions): Promise<SizeResult> {
  const log = o.log ?? (() => {});
  const started = Date.now();
  const gen = new CaseGenerator(o.seed, o.evidence);
  const oursPath = join(o.dir, `bench-${o.evidence}.evidence`);
  const rawPath = join(o.dir, `bench-${o.evidence}.raw.sqlite`);
  const ops: OpResult[] = [];
  const big = o.evidence >= 500_000;

  // ---- bulk import ----
  log(`size ${o.evidence}: raw import of ${gen.totalRecords} records`);
  const schema = baselineSchema(join(o.dir, 'schema-scratch.evidence'));
  let rawDb = rawCreate(rawPath, schema);
  const rawImported = importRaw(rawDb, gen);
  log(`  raw import ${(rawImported.ms / 1000).toFixed(1)} s`);
  log(`size ${o.evidence}: import through the contract's schemas and handlers (one bulk transaction)`);
  let api = createApi(oursPath, { create: true, actor: 'bench' });
  const oursImported = importThroughCore(api.file, gen, log);
  log(`  import ${(oursImported.ms / 1000).toFixed(1)} s`);
  const records = oursImported.records;
  const perSecond = (t: Timing) => `${Math.round(records / (t.ms / 1000)).toLocaleString('en')} records/s`;
  ops.push(
    op(
      `bulk import, core bulk path (${records} records)`,
      oursImported,
      rawImported,
      ratioAtMost(3),
      perSecond(oursImported),
    ),
  );
  const auditEvents = api.file.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

  api.close();
  rawDb.close();

  // ---- open ----
  log(`size ${o.evidence}: open`);
  // At 1M one open takes seconds (see quick_check below): two runs, the first one cold.
  const openRuns = big
    ? { maxRuns: 2, budgetMs: 0, minRuns: 2, warmup: 0 }
    : { maxRuns: 10, budgetMs: 2_000, minRuns: 3, warmup: 1 };
  const openOurs = await repeat(() => createApi(oursPath).close(), openRuns);
  const openRaw = await repeat(() => rawOpen(rawPath).close(), openRuns);
  ops.push(op('open a case (with its checks)', openOurs, openRaw, under(1_000, '< 1 s')));
  const checkDb = new Database(oursPath, { readonly: true });
  const quickCheck = await repeat(() => checkDb.pragma('quick_check(20)'), {
    ...openRuns,
    warmup: 0,
    ...(big ? { maxRuns: 1, minRuns: 1 } : {}),
  });
  checkDb.close();
  ops.push(op('  of which PRAGMA quick_check', quickCheck, null));
  // The side-file checks read bytes only: nothing beside a cleanly closed case, and after a crash
  // the log's frames and one page of the case file (here a live log of 100 writes).
  const noLog = await repeat(() => sidecarCheck(oursPath), { maxRuns: 50 });
  ops.push(op('  of which the side-file checks (no log)', noLog, null));
  // On a case of its own, so the case being measured stays the same as the raw one; the cost is
  // the log's, not the case file's (one page of it is read).
  const logPath = join(o.dir, 'pending-log.evidence');
  const writer = createApi(logPath, { create: true });
  for (let i = 0; i < 100; i++)
    value(await writer.call('claims.create', { statement: `Pending in the log ${i}` }), 'claims.create');
  const withLog = await repeat(() => sidecarCheck(logPath), { maxRuns: 50 });
  writer.close();
  ops.push(op('  the side-file checks with 100 writes in the log', withLog, null));

  api = createApi(oursPath);
  rawDb = rawOpen(rawPath);
  const raw = rawStatements(rawDb);
  const call = (method: string, input: unknown) => api.call(method, input);

  log(`size ${o.evidence}: reads`);
  const info = await repeat(async () => value(await call('case.info', {}), 'case.info'), { maxRuns: 50 });
  const infoRaw = await repeat(() => rawCounts(rawDb), { maxRuns: 50 });
  ops.push(op('case.info (counts of every kind)', info, infoRaw));

  // ---- claims.get ----
  const C = gen.counts.claims;
  const sample = Array.from({ length: 200 }, (_, k) => gen.claimId(1 + ((k * 7919) % (C - 1))));
  const pick = (i: number) => sample[i % sample.length] as string;
  const getOurs = await repeat(async (i) => value(await call('claims.get', { id: pick(i) }), 'claims.get'), {
    maxRuns: 2_000,
  });
  const getRaw = await repeat((i) => raw.getClaim(pick(i)), { maxRuns: 2_000 });
  ops.push(
    op('claims.get (≈10 evidence)', getOurs, getRaw, {
      text: '≤ 2× raw, < 1 ms',
      met: (t, r) => t.ms < 1 && r !== null && r <= 2,
    }),
  );
  const heavy = gen.claimId(0);
  const heavyOurs = await repeat(async () => value(await call('claims.get', { id: heavy }), 'claims.get'), {
    maxRuns: 300,
  });
  const heavyRaw = await repeat(() => raw.getClaim(heavy), { maxRuns: 300 });
  ops.push(op(`claims.get (${gen.heavyEvidence} evidence)`, heavyOurs, heavyRaw));

  // The detail pane's one round trip (the claim, its evidence, verdict and trail) against the two
  // calls it replaced; and the deal network every Pictures visit draws (its tests assert no time).
  const trailOne = await repeat(
    async (i) => value(await call('claims.get', { id: pick(i), trail: true }), 'claims.get'),
    {
      maxRuns: 500,
    },
  );
  const trailTwo = await repeat(
    async (i) => {
      value(await call('claims.get', { id: pick(i) }), 'claims.get');
      value(await call('audit.list', { claimId: pick(i), limit: 500 }), 'audit.list');
    },
    { maxRuns: 500 },
  );
  ops.push(op('claims.get with its trail (one call; "raw" = the two calls before)', trailOne, trailTwo));
  const network = await repeat(async () => value(await call('pictures.network', {}), 'pictures.network'), {
    maxRuns: 30,
    budgetMs: 3_000,
  });
  ops.push(op('pictures.network (every deal, actor and party)', network, null));

  // ---- list pages ----
  const statuses: [string, string] = ['under_review', 'disputed'];
  const listInput = (cursor?: string) => ({
    filters: { status: statuses },
    sort: { field: 'updated', direction: 'desc' },
    limit: 100,
    ...(cursor ? { cursor } : {}),
  });
  type PageOut = { items: unknown[]; nextCursor: string | null; total: number };
  const listPage = async (cursor?: string) =>
    value<PageOut>(await call('claims.list', listInput(cursor)), 'claims.list');
  const firstOurs = await repeat(() => listPage(), { maxRuns: 500 });
  const firstRaw = await repeat(() => raw.listPage(statuses, 100), { maxRuns: 500 });
  ops.push(op('claims.list page 1 (2 statuses, by updated)', firstOurs, firstRaw, under(5)));
  // A write makes the next page count its total again (the count is kept until the data changes).
  const touch = async (i: number) =>
    value(await call('claims.update', { id: pick(i), tags: [`t${i}`] }), 'claims.update');
  const coldOurs = await repeat(() => listPage(), { maxRuns: 30, budgetMs: 2_000, before: touch });
  ops.push(op('claims.list page 1 after an edit (total recounted)', coldOurs, firstRaw, under(5)));

  // Walk to 80% of the filtered rows on both sides, then time the page found there.
  const total = (await listPage()).total;
  const depth = Math.floor(total * 0.8);
  const stride = depth >= 5_000 ? 500 : 10;
  let cursor: string | undefined;
  let reached = 0;
  for (; reached + stride <= depth; reached += stride) {
    const page = value<PageOut>(
      await call('claims.list', { ...listInput(cursor), limit: stride }),
      'claims.list',
    );
    cursor = page.nextCursor ?? undefined;
  }
  let after: { key: string; id: string } | undefined;
  for (let seen = 0; seen + stride <= depth; seen += stride)
    after = raw.listPage(statuses, stride, after).next ?? undefined;
  const deepOurs = await repeat(() => listPage(cursor), { maxRuns: 500 });
  const deepRaw = await repeat(() => raw.listPage(statuses, 100, after), { maxRuns: 500 });
  ops.push(op(`claims.list page at row ${reached} of ${total}`, deepOurs, deepRaw, under(5)));

  // ---- search ----
  const ftsDb = new Database(oursPath, { readonly: true });
  const rawFts = rawSearch(ftsDb);
  const searchTargets: Record<keyof typeof searchTerms, Target | undefined> = {
    rare: under(10),
    mid: undefined,
    prefix: under(10),
    common: under(50),
  };
  type SearchOut = { total: number };
  for (const [kind, term] of Object.entries(searchTerms) as [keyof typeof searchTerms, string][]) {
    const match = toMatchQuery(term) as string;
    const search = async () =>
      value<SearchOut>(await call('search.query', { query: term, limit: 20 }), 'search.query');
    const found = await search();
    if (found.total === 0)
      throw new Error(`search for ${term} found nothing: the generator did not plant it`);
    const ours = await repeat(search, { maxRuns: 300 });
    const rawT = await repeat(() => rawFts(match, 20), { maxRuns: 300 });
    ops.push(
      op(
        `search.query ${kind} "${term}"`,
        ours,
        rawT,
        searchTargets[kind],
        `${rawFts.count(match)} matching docs`,
      ),
    );
  }
  ftsDb.close();

  // ---- writes (synchronous=FULL on both sides: each commit waits for the disk) ----
  log(`size ${o.evidence}: writes`);
  const writes = { maxRuns: 40, budgetMs: 2_000, minRuns: 10, warmup: 2 };
  const createOurs = await repeat(
    async (i) => value(await call('claims.create', gen.extraClaim(i)), 'claims.create'),
    writes,
  );
  const createRaw = await repeat((i) => raw.createClaim(gen.extraClaim(i)), writes);
  ops.push(op('claims.create (one transaction)', createOurs, createRaw, ratioAtMost(2)));
  const edit = (i: number) => ({
    id: pick(i),
    statement: `Edited statement ${i}: ${gen.claim(i % C).statement}`,
  });
  const updateOurs = await repeat(
    async (i) => value(await call('claims.update', edit(i)), 'claims.update'),
    writes,
  );
  const updateRaw = await repeat((i) => raw.updateClaim(edit(i).id, edit(i).statement), writes);
  ops.push(op('claims.update (one transaction)', updateOurs, updateRaw, ratioAtMost(2)));

  // ---- audit.verify ----
  log(`size ${o.evidence}: audit.verify`);
  let checked = 0;
  const verifyRuns = { maxRuns: big ? 1 : 3, budgetMs: 0, minRuns: big ? 1 : 3, warmup: 0 };
  const verify = await repeat(async () => {
    const v = value<{ ok: boolean; checked: number }>(await call('audit.verify', {}), 'audit.verify');
    if (!v.ok) throw new Error('the audit chain of the bench case does not verify');
    checked = v.checked;
  }, verifyRuns);
  const chainDb = new Database(oursPath, { readonly: true });
  const chainRaw = await repeat(() => rawChainRead(chainDb), verifyRuns);
  chainDb.close();
  const eventsPerSecond = checked / (verify.ms / 1000);
  ops.push(
    op(
      'audit.verify (whole chain; raw = reading it)',
      verify,
      chainRaw,
      { text: '≥ 200k events/s', met: () => eventsPerSecond >= 200_000 },
      `${Math.round(eventsPerSecond / 1000)}k events/s (cpu: ${Math.round(checked / verify.cpuMs)}k/s)`,
    ),
  );

  // Last: a whole case JSON in memory (the file, its parse, the plan) would otherwise set the peak RSS of the size.
  const peakRss = peakRssMb();
  if (o.evidence <= EXCHANGE_IMPORT_MAX_EVIDENCE) {
    log(`size ${o.evidence}: exchange.import of the case exported as JSON`);
    const exported = value<{ text: string }>(
      await api.call('exchange.export', { format: 'case-json' }),
      'exchange.export',
    );
    const target = createApi(join(o.dir, `bench-${o.evidence}-exchange.evidence`), {
      create: true,
      actor: 'bench',
    });
    const imported = await once(async () =>
      value(
        await target.call('exchange.import', { kind: 'case-json', text: exported.text }),
        'exchange.import',
      ),
    );
    target.close();
    ops.splice(
      1,
      0,
      op(
        'bulk import, exchange.import of its case JSON',
        imported,
        rawImported,
        ratioAtMost(3),
        `${perSecond(imported)}; peak RSS ${Math.round(peakRssMb())} MB`,
      ),
    );
  }

  api.close();
  rawDb.close();
  // Last, on the case as the rows above left it: the same work on an encrypted copy of the import.
  const encrypted = await encryptedRows({
    gen,
    dir: o.dir,
    plainPath: oursPath,
    plainImport: oursImported,
    log,
  });
  return {
    encrypted,
    evidence: o.evidence,
    seed: o.seed,
    counts: { ...gen.counts, auditEvents, records },
    files: { oursMb: mb(oursPath), rawMb: mb(rawPath) },
    ops,
    peakRssMb: peakRss,
    wallSeconds: (Date.now() - started) / 1000,
  };
}
