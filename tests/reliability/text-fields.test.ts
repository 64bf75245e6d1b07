// Every text field of every record survives exactly what an investigator may paste into it: NUL
// bytes, right-to-left overrides, combining marks, emoji, SQL and HTML, 1 MB where long text is
// allowed. Past a field's limit, or given broken Unicode (a lone surrogate, which could not be
// stored as written), it is refused as invalid_input naming the field and the limit: never
// stored altered, never a constraint error, never a broken audit chain.
import type { Api } from '../../electron/api/create-api';
import { limits } from '../../electron/schema/inputs';
import type { Result } from '../../electron/schema/result';
import { useTempCases as cleanUpTempCases, newApi } from '../support/temp-case';

cleanUpTempCases();

/** Hostile but valid text; none starts or ends with whitespace (fields are trimmed by design). */
const hostile: [string, string][] = [
  ['NUL bytes inside', 'before\u0000after\u0000\u0000end'],
  ['a right-to-left override', 'invoice \u202Egpj.exe\u202C from the ministry'],
  ['combining marks', 'Z\u0351\u0367\u0300a\u0308\u0301lgo\u0336 tex\u0489t'],
  ['emoji with joiners and flags', 'team 👩🏽‍💻🧑‍🤝‍🧑 🇰🇿🇺🇿 📡'],
  ['SQL', "Robert'); DROP TABLE claims;-- \" OR 1=1; /* */ ATTACH DATABASE 'x' AS y;"],
  [
    'HTML',
    '<img src=x onerror="alert(1)"><script>alert(document.domain)</script><a href="javascript:alert(1)">x</a>',
  ],
  ['a byte-order mark and zero-width characters inside', 'a\uFEFFb\u200Bc\u200Dd\u2060e'],
  ['noncharacters and astral code points', 'x\uFFFE\uFFFFy\u{10FFFF}\u{1F600}z'],
  ['escapes and format strings', `C:\\\\cases\\\\new %s %n \${x} {{x}} \\u0000 \\n`],
  ['lines, tabs and a lone carriage return', 'line 1\r\nline 2\n\tindented\rover'],
  ['Cyrillic, Arabic and CJK', 'Сигнатек поставил СОРМ — نظام مراقبة — 监控系统'],
];

interface Field {
  method: string;
  /** A valid input to which the field is added. */
  base: (ids: Ids) => Record<string, unknown>;
  field: string;
  max: number;
  /** Reads the stored value back through the contract. */
  read: (api: Api, id: string, ids: Ids) => Promise<unknown>;
  /** A list field: the value is sent and read as a one-element list. */
  list?: boolean;
}
interface Ids {
  claimId: string;
  sourceId: string;
}

const value = async (api: Api, method: string, input: unknown): Promise<Record<string, unknown>> => {
  const r = (await api.call(method, input)) as Result<Record<string, unknown>>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
};
const get = (method: string, key: string, field: string) => async (api: Api, id: string) =>
  ((await value(api, method, { id }))[key] as Record<string, unknown>)[field];
const fromClaim =
  (key: 'evidence' | 'assessments', field: string) => async (api: Api, id: string, ids: Ids) => {
    const detail = await value(api, 'claims.get', { id: ids.claimId });
    return (detail[key] as Record<string, unknown>[]).find((x) => x.id === id)?.[field];
  };

const fields: Field[] = [
  ...(['title', 'country', 'summary'] as const).map((f) => ({
    method: 'deals.create',
    base: () => ({ title: 'Safe City', technology: 'cctv', status: 'signed' }),
    field: f,
    max: f === 'title' ? limits.title : f === 'country' ? limits.short : limits.long,
    read: get('deals.get', 'deal', f),
  })),
  ...(['name', 'country'] as const).map((f) => ({
    method: 'actors.create',
    base: () => ({ name: 'Huawei', kind: 'company' }),
    field: f,
    max: f === 'name' ? limits.name : limits.short,
    read: get('actors.get', 'actor', f),
  })),
  {
    method: 'actors.create',
    base: () => ({ name: 'Huawei', kind: 'company' }),
    field: 'aliases',
    max: limits.name,
    list: true,
    read: get('actors.get', 'actor', 'aliases'),
  },
  ...(['title', 'author', 'publisher', 'language', 'reliabilityNote', 'notes'] as const).map((f) => ({
    method: 'sources.create',
    base: () => ({ title: 'Leak', kind: 'leak', reliability: 'C' }),
    field: f,
    max: f === 'language' ? 35 : f === 'reliabilityNote' || f === 'notes' ? limits.long : limits.title,
    read: get('sources.get', 'source', f),
  })),
  {
    method: 'claims.create',
    base: () => ({}),
    field: 'statement',
    max: limits.statement,
    read: get('claims.get', 'claim', 'statement'),
  },
  {
    method: 'claims.create',
    base: () => ({ statement: 'tagged' }),
    field: 'tags',
    max: limits.short,
    list: true,
    read: get('claims.get', 'claim', 'tags'),
  },
  ...(['excerpt', 'prefix', 'suffix', 'locator', 'note'] as const).map((f) => ({
    method: 'evidence.add',
    base: (ids: Ids) => ({ ...ids, stance: 'supports', credibility: 2, excerpt: 'quoted' }),
    field: f,
    max: f === 'excerpt' || f === 'note' ? limits.long : limits.title,
    read: fromClaim('evidence', f),
  })),
  ...(['rationale', 'author'] as const).map((f) => ({
    method: 'assessments.add',
    base: (ids: Ids) => ({
      claimId: ids.claimId,
      likelihood: 5,
      confidence: 'moderate',
      rationale: 'because',
    }),
    field: f,
    max: f === 'rationale' ? limits.long : limits.name,
    read: fromClaim('assessments', f),
  })),
];

async function setup(): Promise<{ api: Api; ids: Ids }> {
  const api = newApi();
  const sourceId = (
    await value(api, 'sources.create', { title: 'Base source', kind: 'report', reliability: 'B' })
  ).id as string;
  const claimId = (await value(api, 'claims.create', { statement: 'Base claim' })).id as string;
  return { api, ids: { claimId, sourceId } };
}

const label = (f: Field) => `${f.method} ${f.field}`;
const wrap = (f: Field, s: string) => (f.list ? [s] : s);

/** The longest prefix within `max` characters (code points, as the limits count), without trailing space. */
function within(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('').trimEnd();
}

async function roundTrip(api: Api, ids: Ids, f: Field, text: string): Promise<void> {
  const sent = within(text, f.max);
  const result = (await api.call(f.method, { ...f.base(ids), [f.field]: wrap(f, sent) })) as Result<
    Record<string, unknown>
  >;
  if (!result.ok)
    throw new Error(`${label(f)} refused ${JSON.stringify(sent.slice(0, 40))}: ${result.error.message}`);
  expect(result.value[f.field] ?? (await f.read(api, result.value.id as string, ids)), label(f)).toEqual(
    wrap(f, sent),
  );
  // Read back from the case, not from what the call echoed.
  expect(await f.read(api, result.value.id as string, ids), label(f)).toEqual(wrap(f, sent));
}

describe('hostile text round-trips exactly through every text field', () => {
  it.each(hostile)('%s', async (_name, text) => {
    const { api, ids } = await setup();
    for (const f of fields) await roundTrip(api, ids, f, text);
    // The URL field takes any of it inside a full address.
    const url = `https://example.org/${text.replaceAll(/\s/g, '').replaceAll('\u0000', '')}`;
    const src = await value(api, 'sources.create', {
      title: 'Linked',
      kind: 'article',
      reliability: 'B',
      url,
    });
    expect(
      ((await value(api, 'sources.get', { id: src.id })) as { source: { url: string } }).source.url,
    ).toBe(url);
    // A removal reason lives in the history only: it must be kept there exactly.
    const claim = await value(api, 'claims.create', { statement: 'to remove' });
    expect((await api.call('claims.remove', { id: claim.id, reason: within(text, limits.title) })).ok).toBe(
      true,
    );
    const events = (await value(api, 'audit.list', { entityId: claim.id, limit: 5 })) as {
      items: { payload: { removalReason?: string } }[];
    };
    expect(events.items[0]!.payload.removalReason).toBe(within(text, limits.title));
    // And who did it: the actor is hashed into every event.
    expect((await api.call('case.setActor', { actor: within(text, limits.name) })).ok).toBe(true);
    expect(await value(api, 'audit.verify', {})).toMatchObject({ ok: true });
    const check = await value(api, 'case.verifyIntegrity', {});
    expect(check.ok, String(check.text)).toBe(true);
  });
});

describe('limits', () => {
  it('each field takes text up to its limit (1 MB where long text is allowed) and refuses one character more, naming the limit', async () => {
    const { api, ids } = await setup();
    // Mixed content, so the limit is counted the way the message says, in characters: an emoji
    // is one (one code point), though JavaScript's .length counts it as two.
    const unit = Array.from('Oniks-Line СОРМ 📡 <b>x</b> \u0000 ');
    for (const f of fields) {
      const body = Array.from({ length: f.max - 2 }, (_, i) => unit[i % unit.length]).join('');
      const text = `A${body}Z`;
      expect(Array.from(text).length).toBe(f.max);
      await roundTrip(api, ids, f, text);
      const over = (await api.call(f.method, {
        ...f.base(ids),
        [f.field]: wrap(f, `${text}y`),
      })) as Result<unknown>;
      expect(over.ok, label(f)).toBe(false);
      if (over.ok) continue;
      expect(over.error.code).toBe('invalid_input');
      const key = f.list ? `${f.field}.0` : f.field;
      expect(over.error.fields?.[key], `${label(f)}: ${over.error.message}`).toBe(
        `must be at most ${f.max} characters`,
      );
    }
    expect(await value(api, 'audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a 1 MB excerpt, note and rationale are stored, searchable by their words, and kept whole in the history', async () => {
    const { api, ids } = await setup();
    const mb = `${'x'.repeat(limits.long - 40)} needle-Sergek-${'y'.repeat(25)}`.slice(0, limits.long);
    const ev = await value(api, 'evidence.add', {
      ...ids,
      stance: 'supports',
      credibility: 1,
      excerpt: mb,
      note: mb,
    });
    const stored = (await value(api, 'claims.get', { id: ids.claimId })) as {
      evidence: { excerpt: string; note: string }[];
    };
    expect(stored.evidence[0]!.excerpt.length).toBe(limits.long);
    expect(stored.evidence[0]!.excerpt).toBe(mb);
    expect(stored.evidence[0]!.note).toBe(mb);
    const found = (await value(api, 'search.query', { query: 'needle' })) as {
      groups: { hits: { id: string }[] }[];
    };
    expect(found.groups.flatMap((g) => g.hits.map((h) => h.id))).toContain(ev.id);
    const events = (await value(api, 'audit.list', { entityId: ev.id, limit: 1 })) as {
      items: { payload: { excerpt: string } }[];
    };
    expect(events.items[0]!.payload.excerpt).toBe(mb);
    expect(await value(api, 'audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('text that cannot be stored as written is refused clearly', () => {
  const fieldsToRefuse = [...fields];

  it('a lone surrogate, in every field (and the URL, and the actor): invalid_input naming the field', async () => {
    const { api, ids } = await setup();
    const before = await value(api, 'case.info', {});
    for (const f of fieldsToRefuse) {
      const r = (await api.call(f.method, {
        ...f.base(ids),
        [f.field]: wrap(f, 'broken \ud800 text'),
      })) as Result<unknown>;
      expect(r.ok, label(f)).toBe(false);
      if (r.ok) continue;
      const key = f.list ? `${f.field}.0` : f.field;
      expect([r.error.code, r.error.fields?.[key]], label(f)).toEqual([
        'invalid_input',
        'contains an unpaired surrogate (broken Unicode)',
      ]);
    }
    // Before: the URL parser accepted it and the case stored U+FFFD instead; the actor broke the chain.
    const url = await api.call('sources.create', {
      title: 't',
      kind: 'article',
      reliability: 'B',
      url: 'https://a.example/\udc00',
    });
    expect(url).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { url: 'contains an unpaired surrogate (broken Unicode)' } },
    });
    const actor = await api.call('case.setActor', { actor: 'bob\ud800' });
    expect(actor).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { actor: 'contains an unpaired surrogate (broken Unicode)' } },
    });
    const reason = await api.call('claims.remove', { id: ids.claimId, reason: '\udfff' });
    expect(reason).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await value(api, 'case.info', {})).toEqual(before);
    expect(await value(api, 'audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a required field that starts with a NUL: invalid_input, not a database constraint error', async () => {
    const { api, ids } = await setup();
    for (const f of fields.filter((x) =>
      ['title', 'name', 'statement', 'excerpt', 'rationale'].includes(x.field),
    )) {
      const r = (await api.call(f.method, {
        ...f.base(ids),
        [f.field]: '\u0000starts with NUL',
      })) as Result<unknown>;
      expect(r, label(f)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { [f.field]: 'must not start with a NUL character' } },
      });
    }
  });

  it('surrounding whitespace is trimmed (by design), inner whitespace is kept', async () => {
    const { api } = await setup();
    const claim = await value(api, 'claims.create', { statement: ' \t\n  inner  spaces\tkept \u00A0\n' });
    expect(claim.statement).toBe('inner  spaces\tkept');
  });
});
