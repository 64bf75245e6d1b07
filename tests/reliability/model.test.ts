// Model-based tests: fast-check draws random sequences of valid and invalid calls on claims,
// sources and evidence; each runs against a real case through the contract and against a plain
// in-memory model of what the user expects. After every step the case agrees with the model (what
// the lists show, each claim's verdict and evidence count, which calls were refused and how) and
// the audit chain verifies with exactly one event per change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type ApiWithFile as Api, createApi } from '../../electron/api/create-api';
import { newId } from '../../electron/core/ids';
import {
  claimStatuses,
  type Reliability,
  reliabilities,
  type Stance,
  stances,
} from '../../electron/schema/enums';
import type { ClaimListItem, Source } from '../../electron/schema/records';
import type { Result } from '../../electron/schema/result';
import { longMode } from './support/random';

interface ClaimM {
  statement: string;
  status: string;
  tags: string[];
  removed: boolean;
}
interface SourceM {
  title: string;
  reliability: Reliability;
  removed: boolean;
}
interface EvidenceM {
  claimId: string;
  sourceId: string;
  stance: Stance;
  credibility: number;
  removed: boolean;
}
interface Model {
  claims: Map<string, ClaimM>;
  sources: Map<string, SourceM>;
  evidence: Map<string, EvidenceM>;
  /** Audit events the case must hold: those of its creation plus one per change. */
  events: number;
}
interface Real {
  api: Api;
}

// The rating scales of DESIGN.md, written out again here so the model does not share code with
// what it checks.
const R: Record<Reliability, number> = { A: 1, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.3 };
const C: Record<number, number> = { 1: 1, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.3 };

/** The verdict of a claim whose sources derive from none other: each source is its own line. */
function modelVerdict(m: Model, claimId: string): { verdict: string; count: number } {
  const lines = { supports: new Map<string, number>(), contradicts: new Map<string, number>() };
  let count = 0;
  for (const e of m.evidence.values()) {
    if (e.removed || e.claimId !== claimId) continue;
    count++;
    if (e.stance === 'context') continue;
    const w = Math.round(R[m.sources.get(e.sourceId)!.reliability] * C[e.credibility]! * 100) / 100;
    const line = lines[e.stance];
    line.set(e.sourceId, Math.max(line.get(e.sourceId) ?? 0, w));
  }
  const sup = [...lines.supports.values()];
  const con = [...lines.contradicts.values()];
  const contesting = (ws: number[]) => ws.some((w) => w >= 0.4);
  let verdict = 'unsupported';
  if (contesting(sup) && contesting(con)) verdict = 'contested';
  else if (sup.filter((w) => w >= 0.3).length >= 2 && sup.some((w) => w >= 0.6) && !contesting(con))
    verdict = 'corroborated';
  else if (sup.length > 0) verdict = 'single_source';
  return { verdict, count };
}

/** Ids in the order they were made; a command names one by index so shrinking stays meaningful. */
const pick = <T>(map: Map<string, T>, index: number): string | null => {
  const ids = [...map.keys()];
  return ids.length === 0 ? null : ids[index % ids.length]!;
};

type Cmd = fc.AsyncCommand<Model, Real>;
/** What the runs did, printed at the end: proof the sequences reach the interesting states. */
const tally: Record<string, number> = {};
const verdictsSeen: Record<string, number> = {};
type Expect = { ok: true } | { ok: false; code: string; field?: string };

function expectResult(result: Result<unknown>, expected: Expect, what: string): void {
  if (expected.ok) {
    expect(result, what).toMatchObject({ ok: true });
    return;
  }
  expect(result.ok, `${what} should be refused as ${expected.code}`).toBe(false);
  if (result.ok) return;
  expect(result.error.code, `${what}: ${result.error.message}`).toBe(expected.code);
  expect(result.error.message.length).toBeGreaterThan(10);
  if (expected.field) expect(Object.keys(result.error.fields ?? {}), what).toContain(expected.field);
}

async function agrees(m: Model, r: Real): Promise<void> {
  const list = (await r.api.call('claims.list', { limit: 500 })) as Result<{
    items: ClaimListItem[];
    total: number;
  }>;
  if (!list.ok) throw new Error(list.error.message);
  const live = [...m.claims.entries()].filter(([, c]) => !c.removed);
  expect(list.value.total).toBe(live.length);
  const shown = new Map(list.value.items.map((c) => [c.id, c]));
  for (const [id, c] of live) {
    const item = shown.get(id);
    expect(item, `claim ${id} is listed`).toBeDefined();
    expect({ statement: item!.statement, status: item!.status, tags: item!.tags }).toEqual({
      statement: c.statement,
      status: c.status,
      tags: c.tags,
    });
    const v = modelVerdict(m, id);
    verdictsSeen[v.verdict] = (verdictsSeen[v.verdict] ?? 0) + 1;
    expect({ verdict: item!.verdict, evidenceCount: item!.evidenceCount }, `verdict of claim ${id}`).toEqual({
      verdict: v.verdict,
      evidenceCount: v.count,
    });
  }
  const sources = (await r.api.call('sources.list', { limit: 500 })) as Result<{
    items: Source[];
    total: number;
  }>;
  if (!sources.ok) throw new Error(sources.error.message);
  const liveSources = [...m.sources.entries()].filter(([, s]) => !s.removed);
  expect(sources.value.items.map((s) => [s.id, s.title, s.reliability]).sort()).toEqual(
    liveSources.map(([id, s]) => [id, s.title, s.reliability]).sort(),
  );
  const verify = (await r.api.call('audit.verify', {})) as Result<{ ok: boolean; checked: number }>;
  expect(verify).toMatchObject({ ok: true, value: { ok: true, checked: m.events } });
}

/** Runs a call, checks the outcome the model predicts, applies the model change on success. */
function command(
  name: string,
  plan: (m: Model) => {
    method: string;
    input: unknown;
    expect: Expect;
    apply?: (value: Record<string, unknown>) => void;
  },
): Cmd {
  let described = name;
  return {
    check: () => true,
    run: async (m, r) => {
      const p = plan(m);
      described = `${name} ${JSON.stringify(p.input).slice(0, 120)}`;
      const result = await r.api.call(p.method, p.input);
      const outcome = result.ok ? p.method : `${p.method} → ${result.error.code}`;
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      expectResult(result, p.expect, described);
      if (result.ok && p.expect.ok) p.apply?.(result.value as Record<string, unknown>);
      await agrees(m, r);
    },
    toString: () => described,
  };
}

const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((s) => s.trim() === s && s.trim() !== '' && !s.startsWith('\0'));
const tag = fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/);

const createClaim = fc
  .record({
    statement: text,
    status: fc.constantFrom(...claimStatuses),
    tags: fc.uniqueArray(tag, { maxLength: 3 }),
  })
  .map((input) =>
    command('create claim', (m) => ({
      method: 'claims.create',
      input,
      expect: { ok: true },
      apply: (v) => {
        m.claims.set(v.id as string, { ...input, removed: false });
        m.events++;
      },
    })),
  );

const invalidClaim = fc
  .constantFrom<[unknown, string]>(
    [{ statement: '   ' }, 'statement'],
    [{ statement: 'x'.repeat(20_001) }, 'statement'],
    [{ statement: 'ok', status: 'maybe' }, 'status'],
    [{ statement: 'ok', colour: 'red' }, 'colour'],
    [{ statement: 'ok', tags: ['\ud800'] }, 'tags.0'],
    [{ statement: 42 }, 'statement'],
  )
  .map(([input, field]) =>
    command('invalid claim', () => ({
      method: 'claims.create',
      input,
      expect: { ok: false, code: 'invalid_input', field },
    })),
  );

const updateClaim = fc
  .record({
    at: fc.nat(),
    status: fc.option(fc.constantFrom(...claimStatuses), { nil: undefined }),
    statement: fc.option(text, { nil: undefined }),
  })
  .map(({ at, status, statement }) =>
    command('update claim', (m) => {
      const id = pick(m.claims, at) ?? newId();
      const c = m.claims.get(id);
      const input = { id, ...(status ? { status } : {}), ...(statement ? { statement } : {}) };
      if (!c || c.removed)
        return { method: 'claims.update', input, expect: { ok: false, code: 'not_found' } };
      return {
        method: 'claims.update',
        input,
        expect: { ok: true },
        apply: () => {
          const next = { ...c, ...(status ? { status } : {}), ...(statement ? { statement } : {}) };
          if (next.status !== c.status || next.statement !== c.statement) m.events++;
          m.claims.set(id, next);
        },
      };
    }),
  );

const removeClaim = fc.nat().map((at) =>
  command('remove claim', (m) => {
    const id = pick(m.claims, at) ?? newId();
    const c = m.claims.get(id);
    if (!c || c.removed)
      return { method: 'claims.remove', input: { id }, expect: { ok: false, code: 'not_found' } };
    return {
      method: 'claims.remove',
      input: { id, reason: 'duplicate' },
      expect: { ok: true },
      apply: () => {
        c.removed = true;
        m.events++;
      },
    };
  }),
);

const createSource = fc.record({ title: text, reliability: fc.constantFrom(...reliabilities) }).map((s) =>
  command('create source', (m) => ({
    method: 'sources.create',
    input: { ...s, kind: 'report' },
    expect: { ok: true },
    apply: (v) => {
      m.sources.set(v.id as string, { ...s, removed: false });
      m.events++;
    },
  })),
);

const rateSource = fc
  .record({ at: fc.nat(), reliability: fc.constantFrom(...reliabilities) })
  .map(({ at, reliability }) =>
    command('rate source', (m) => {
      const id = pick(m.sources, at) ?? newId();
      const s = m.sources.get(id);
      if (!s || s.removed)
        return {
          method: 'sources.update',
          input: { id, reliability },
          expect: { ok: false, code: 'not_found' },
        };
      return {
        method: 'sources.update',
        input: { id, reliability },
        expect: { ok: true },
        apply: () => {
          if (s.reliability !== reliability) m.events++;
          s.reliability = reliability;
        },
      };
    }),
  );

const removeSource = fc.nat().map((at) =>
  command('remove source', (m) => {
    const id = pick(m.sources, at) ?? newId();
    const s = m.sources.get(id);
    if (!s || s.removed)
      return { method: 'sources.remove', input: { id }, expect: { ok: false, code: 'not_found' } };
    const backs = [...m.evidence.values()].some((e) => !e.removed && e.sourceId === id);
    if (backs) return { method: 'sources.remove', input: { id }, expect: { ok: false, code: 'conflict' } };
    return {
      method: 'sources.remove',
      input: { id },
      expect: { ok: true },
      apply: () => {
        s.removed = true;
        m.events++;
      },
    };
  }),
);

/** Ids of records not removed, in the order they were made. */
function liveOnly<T extends { removed: boolean }>(map: Map<string, T>): Map<string, T> {
  return new Map([...map].filter(([, v]) => !v.removed));
}

// Mostly onto the first live claims, from several live sources, mostly supporting: claims gather
// evidence from independent sources, so every verdict occurs. Now and then onto any record made,
// removed ones included, which must be refused.
const addEvidence = fc
  .record({
    claim: fc.nat({ max: 2 }),
    source: fc.nat({ max: 6 }),
    anyRecord: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    stance: fc.constantFrom<Stance>('supports', 'supports', 'supports', 'contradicts', 'context'),
    credibility: fc.integer({ min: 1, max: 6 }),
    excerpt: text,
  })
  .map((e) =>
    command('add evidence', (m) => {
      const claimId = pick(e.anyRecord ? m.claims : liveOnly(m.claims), e.claim) ?? newId();
      const sourceId = pick(e.anyRecord ? m.sources : liveOnly(m.sources), e.source) ?? newId();
      const input = { claimId, sourceId, stance: e.stance, credibility: e.credibility, excerpt: e.excerpt };
      const claim = m.claims.get(claimId);
      const source = m.sources.get(sourceId);
      if (!claim || claim.removed)
        return { method: 'evidence.add', input, expect: { ok: false, code: 'not_found', field: 'claimId' } };
      if (!source || source.removed) {
        return { method: 'evidence.add', input, expect: { ok: false, code: 'not_found', field: 'sourceId' } };
      }
      return {
        method: 'evidence.add',
        input,
        expect: { ok: true },
        apply: (v) => {
          m.evidence.set(v.id as string, {
            claimId,
            sourceId,
            stance: e.stance,
            credibility: e.credibility,
            removed: false,
          });
          m.events++;
        },
      };
    }),
  );

const invalidEvidence = fc
  .constantFrom<[Record<string, unknown>, string]>(
    [{ credibility: 7 }, 'credibility'],
    [{ credibility: 2.5 }, 'credibility'],
    [{ stance: 'endorses' }, 'stance'],
    [{ excerpt: '' }, 'excerpt'],
    [{ claimId: 'not-a-uuid' }, 'claimId'],
  )
  .map(([override, field]) =>
    command('invalid evidence', () => ({
      method: 'evidence.add',
      input: {
        claimId: newId(),
        sourceId: newId(),
        stance: 'supports',
        credibility: 1,
        excerpt: 'x',
        ...override,
      },
      expect: { ok: false, code: 'invalid_input', field },
    })),
  );

const updateEvidence = fc
  .record({ at: fc.nat(), stance: fc.constantFrom(...stances), credibility: fc.integer({ min: 1, max: 6 }) })
  .map(({ at, stance, credibility }) =>
    command('update evidence', (m) => {
      const id = pick(m.evidence, at) ?? newId();
      const e = m.evidence.get(id);
      const input = { id, stance, credibility };
      if (!e || e.removed)
        return { method: 'evidence.update', input, expect: { ok: false, code: 'not_found' } };
      return {
        method: 'evidence.update',
        input,
        expect: { ok: true },
        apply: () => {
          if (e.stance !== stance || e.credibility !== credibility) m.events++;
          e.stance = stance;
          e.credibility = credibility;
        },
      };
    }),
  );

const removeEvidence = fc.nat().map((at) =>
  command('remove evidence', (m) => {
    const id = pick(m.evidence, at) ?? newId();
    const e = m.evidence.get(id);
    if (!e || e.removed)
      return { method: 'evidence.remove', input: { id }, expect: { ok: false, code: 'not_found' } };
    return {
      method: 'evidence.remove',
      input: { id },
      expect: { ok: true },
      apply: () => {
        e.removed = true;
        m.events++;
      },
    };
  }),
);

const garbage = fc
  .constantFrom<[string, unknown]>(
    ['claims.drop', {}],
    ['__proto__', {}],
    ['claims.create', null],
    ['claims.create', 'DROP TABLE claims'],
    ['evidence.add', []],
    ['sources.update', { id: newId(), reliability: 'A', derivedFrom: 'x' }],
  )
  .map(([method, input]) =>
    command('garbage', () => ({ method, input, expect: { ok: false, code: 'invalid_input' } })),
  );

const allCommands = [
  createClaim,
  createClaim,
  invalidClaim,
  updateClaim,
  removeClaim,
  createSource,
  createSource,
  createSource,
  rateSource,
  rateSource,
  removeSource,
  addEvidence,
  addEvidence,
  addEvidence,
  addEvidence,
  addEvidence,
  addEvidence,
  invalidEvidence,
  updateEvidence,
  updateEvidence,
  removeEvidence,
  garbage,
];

describe('random call sequences against a model', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'corroborate-model-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the case agrees with the model after every step, and the audit chain verifies', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.commands(allCommands, { maxCommands: longMode ? 150 : 60, size: 'max' }),
        async (cmds) => {
          const api = createApi(join(dir, `run-${run++}.evidence`), { create: true, actor: 'model' });
          try {
            const events = (await api.call('case.info', {})) as Result<{ counts: { auditEvents: number } }>;
            if (!events.ok) throw new Error(events.error.message);
            const model: Model = {
              claims: new Map(),
              sources: new Map(),
              evidence: new Map(),
              events: events.value.counts.auditEvents,
            };
            await fc.asyncModelRun(() => ({ model, real: { api } }), cmds);
          } finally {
            api.close();
          }
        },
      ),
      { numRuns: longMode ? 300 : 60 },
    );
    console.info(
      `model runs: ${Object.values(tally).reduce((a, b) => a + b, 0)} calls ${JSON.stringify(tally)}`,
    );
    console.info(`verdicts checked: ${JSON.stringify(verdictsSeen)}`);
    expect(tally['evidence.add']).toBeGreaterThan(100);
    for (const v of ['unsupported', 'single_source', 'corroborated', 'contested'])
      expect(verdictsSeen[v]).toBeGreaterThan(0);
    expect(tally['sources.remove → conflict']).toBeGreaterThan(0);
  });
});
