import { createActor, getActor, removeActor } from '../../electron/core/actors';
import type { CaseFile } from '../../electron/core/db';
import {
  createDeal,
  getDeal,
  listDeals,
  listParties,
  removeDeal,
  setParties,
  updateDeal,
} from '../../electron/core/deals';
import { newId } from '../../electron/core/ids';
import type { DealCreate } from '../../electron/schema/inputs';
import type { Deal } from '../../electron/schema/records';
import {
  allPages,
  cleanUpAfterEach,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  snapshot,
  titled,
} from '../support/temp-case';

cleanUpAfterEach();

const full: DealCreate = {
  title: 'Safe City for Bishkek',
  technology: 'cctv',
  country: 'Kyrgyzstan',
  status: 'deployed',
  year: 2019,
  valueAmount: 60_000_000,
  valueCurrency: 'USD',
  summary: 'Huawei cameras and a command centre, financed by a Chinese loan.',
};

function events(c: CaseFile, id: string) {
  return c.db.prepare('SELECT action, payload FROM audit_log WHERE entity_id = ? ORDER BY seq').all(id) as {
    action: string;
    payload: string;
  }[];
}

describe('deals: create and get', () => {
  it('creates a deal with every field, a UUIDv7 id and timestamps, and gets it back', () => {
    const c = newCase();
    const before = eventCount(c);
    const deal = createDeal(c, full);
    expect(deal).toMatchObject({ ...full, deletedAt: null });
    expect(deal.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deal.createdAt).toBe(deal.updatedAt);
    expect(new Date(deal.createdAt).toISOString()).toBe(deal.createdAt);
    expect(getDeal(c, deal.id)).toEqual(deal);
    expect(eventCount(c)).toBe(before + 1);
  });

  it('fills optional fields with null and trims text', () => {
    const c = newCase();
    const deal = createDeal(c, {
      title: '  Oniks-Line SORM  ',
      technology: 'lawful_intercept',
      status: 'rumoured',
      country: '   ',
    });
    expect(deal).toMatchObject({
      title: 'Oniks-Line SORM',
      country: null,
      year: null,
      valueAmount: null,
      valueCurrency: null,
      summary: null,
    });
  });

  it('keeps a caller-chosen id and refuses to reuse it', () => {
    const c = newCase();
    const id = newId();
    expect(createDeal(c, { ...full, id }).id).toBe(id);
    const before = snapshot(c);
    const error = coreError(() => createDeal(c, { ...full, id }), 'conflict');
    expect(error.fields).toHaveProperty('id');
    expect(snapshot(c)).toEqual(before);
  });

  it('get of an unknown id is not_found', () => {
    const c = newCase();
    expect(coreError(() => getDeal(c, newId()), 'not_found').message).toMatch(/No deal with id/);
  });
});

describe('deals: update', () => {
  it('changes only the named fields and moves updatedAt', () => {
    const c = newCase();
    const deal = createDeal(c, full);
    const next = updateDeal(c, { id: deal.id, status: 'cancelled' });
    expect(next).toEqual({ ...deal, status: 'cancelled', updatedAt: next.updatedAt });
    expect(next.updatedAt > deal.updatedAt).toBe(true);
    expect(getDeal(c, deal.id)).toEqual(next);
  });

  it('clears an optional field with null or an empty string', () => {
    const c = newCase();
    const deal = createDeal(c, full);
    expect(updateDeal(c, { id: deal.id, country: null, summary: '' })).toMatchObject({
      country: null,
      summary: null,
    });
    expect(updateDeal(c, { id: deal.id, year: null, valueAmount: null })).toMatchObject({
      year: null,
      valueAmount: null,
    });
  });

  it('an update that changes nothing writes nothing and records no event', () => {
    const c = newCase();
    const deal = createDeal(c, full);
    const before = snapshot(c);
    expect(updateDeal(c, { id: deal.id, title: full.title, year: 2019 })).toEqual(deal);
    expect(updateDeal(c, { id: deal.id })).toEqual(deal);
    expect(snapshot(c)).toEqual(before);
  });

  it('refuses a stale ifUpdatedAt as conflict and accepts the current one', () => {
    const c = newCase();
    const deal = createDeal(c, full);
    const moved = updateDeal(c, { id: deal.id, year: 2020 });
    const before = snapshot(c);
    const error = coreError(
      () => updateDeal(c, { id: deal.id, ifUpdatedAt: deal.updatedAt, year: 2021 }),
      'conflict',
    );
    expect(error.message).toMatch(/changed by someone else/);
    expect(snapshot(c)).toEqual(before);
    expect(updateDeal(c, { id: deal.id, ifUpdatedAt: moved.updatedAt, year: 2021 }).year).toBe(2021);
  });

  it('two updates in the same millisecond still move updatedAt', () => {
    const c = newCase();
    const deal = createDeal(c, full);
    const stamps = new Set([deal.updatedAt]);
    for (let i = 0; i < 20; i++) stamps.add(updateDeal(c, { id: deal.id, year: 2000 + i }).updatedAt);
    expect(stamps.size).toBe(21);
  });

  it('update of a missing or removed deal is not_found', () => {
    const c = newCase();
    coreError(() => updateDeal(c, { id: newId(), title: 'x' }), 'not_found');
    const deal = createDeal(c, full);
    removeDeal(c, { id: deal.id });
    const before = snapshot(c);
    expect(coreError(() => updateDeal(c, { id: deal.id, title: 'x' }), 'not_found').message).toMatch(
      /has been removed/,
    );
    expect(snapshot(c)).toEqual(before);
  });
});

describe('deals: remove', () => {
  it('tombstones: hidden from the list, listed on request, still readable, row kept', () => {
    const c = newCase();
    const keep = createDeal(c, { ...full, title: 'Kept' });
    const gone = createDeal(c, { ...full, title: 'Gone' });
    const rows = snapshot(c).counts.deals;
    const removed = removeDeal(c, { id: gone.id, reason: 'duplicate entry' });
    expect(removed.deletedAt).not.toBeNull();
    expect(removed.updatedAt).toBe(removed.deletedAt);
    expect(snapshot(c).counts.deals).toBe(rows);
    expect(listDeals(c, {}).items.map((d) => d.id)).toEqual([keep.id]);
    expect(listDeals(c, {}).total).toBe(1);
    const all = listDeals(c, { includeRemoved: true });
    expect(all.items.map((d) => d.id)).toEqual([keep.id, gone.id]);
    expect(all.items[1]!.deletedAt).toBe(removed.deletedAt);
    expect(getDeal(c, gone.id)).toEqual(removed);
    const last = events(c, gone.id).at(-1)!;
    expect(last.action).toBe('remove');
    expect(JSON.parse(last.payload)).toMatchObject({ id: gone.id, removalReason: 'duplicate entry' });
  });

  it('removing twice is not_found and changes nothing', () => {
    const c = newCase();
    const deal = createDeal(c, full);
    removeDeal(c, { id: deal.id });
    const before = snapshot(c);
    coreError(() => removeDeal(c, { id: deal.id }), 'not_found');
    expect(snapshot(c)).toEqual(before);
  });
});

describe('deals: list', () => {
  function seed(c: CaseFile): Record<string, Deal> {
    return {
      bishkek: createDeal(c, full),
      astana: createDeal(c, {
        title: 'Sergek traffic cameras',
        technology: 'facial_recognition',
        country: 'Kazakhstan',
        status: 'signed',
        year: 2018,
      }),
      sorm: createDeal(c, {
        title: 'SORM upgrade',
        technology: 'lawful_intercept',
        country: 'kazakhstan',
        status: 'announced',
        year: 2016,
      }),
      dpi: createDeal(c, {
        title: 'National DPI gateway',
        technology: 'dpi',
        country: 'Uzbekistan',
        status: 'rumoured',
      }),
      spy: createDeal(c, {
        title: 'Spyware licence',
        technology: 'spyware',
        country: 'Tajikistan',
        status: 'cancelled',
        year: 2021,
      }),
    };
  }
  const ids = (page: { items: Deal[] }) => page.items.map((d) => d.id);

  it('filters by technology, status, country (any case) and year', () => {
    const c = newCase();
    const d = seed(c);
    expect(ids(listDeals(c, { filters: { technology: ['cctv', 'dpi'] } }))).toEqual([
      d.bishkek!.id,
      d.dpi!.id,
    ]);
    expect(ids(listDeals(c, { filters: { status: ['signed', 'cancelled'] } }))).toEqual([
      d.astana!.id,
      d.spy!.id,
    ]);
    expect(ids(listDeals(c, { filters: { country: 'KAZAKHSTAN' } }))).toEqual([d.astana!.id, d.sorm!.id]);
    expect(ids(listDeals(c, { filters: { year: 2016 } }))).toEqual([d.sorm!.id]);
    const both = listDeals(c, { filters: { country: 'kazakhstan', technology: ['lawful_intercept'] } });
    expect(ids(both)).toEqual([d.sorm!.id]);
    expect(both.total).toBe(1);
    expect(listDeals(c, { filters: { technology: ['biometrics'] } })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it('finds deals by words of their title, country or summary, as you type', () => {
    const c = newCase();
    const d = seed(c);
    expect(ids(listDeals(c, { query: 'serg' }))).toEqual([d.astana!.id]);
    expect(ids(listDeals(c, { query: 'chinese loan' }))).toEqual([d.bishkek!.id]);
    expect(ids(listDeals(c, { query: 'uzbek' }))).toEqual([d.dpi!.id]);
    expect(listDeals(c, { query: 'nothing-like-this' }).total).toBe(0);
    removeDeal(c, { id: d.astana!.id });
    expect(ids(listDeals(c, { query: 'sergek' }))).toEqual([]);
    expect(ids(listDeals(c, { query: 'sergek', includeRemoved: true }))).toEqual([d.astana!.id]);
  });

  it('sorts by title, year, country and update time, both ways', () => {
    const c = newCase();
    const d = seed(c);
    const all = Object.values(d);
    const by = (key: (x: Deal) => string | number) =>
      [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
    expect(ids(listDeals(c, { sort: { field: 'title', direction: 'asc' } }))).toEqual(
      by((x) => x.title).map((x) => x.id),
    );
    expect(ids(listDeals(c, { sort: { field: 'title', direction: 'desc' } }))).toEqual(
      by((x) => x.title)
        .map((x) => x.id)
        .reverse(),
    );
    expect(ids(listDeals(c, { sort: { field: 'year', direction: 'asc' } }))).toEqual(
      by((x) => x.year ?? 0).map((x) => x.id),
    );
    expect(ids(listDeals(c, { sort: { field: 'year', direction: 'desc' } }))).toEqual(
      by((x) => x.year ?? 0)
        .map((x) => x.id)
        .reverse(),
    );
    expect(ids(listDeals(c, { sort: { field: 'country', direction: 'asc' } }))).toEqual(
      by((x) => x.country ?? '').map((x) => x.id),
    );
    expect(ids(listDeals(c, { sort: { field: 'created', direction: 'desc' } }))).toEqual(
      all.map((x) => x.id).reverse(),
    );
    updateDeal(c, { id: d.sorm!.id, year: 2017 });
    expect(ids(listDeals(c, { sort: { field: 'updated', direction: 'desc' } }))[0]).toBe(d.sorm!.id);
    expect(ids(listDeals(c, { sort: { field: 'updated', direction: 'asc' } })).at(-1)).toBe(d.sorm!.id);
  });

  it.each([
    ['created', 'asc'],
    ['created', 'desc'],
    ['year', 'asc'],
    ['year', 'desc'],
    ['title', 'desc'],
    ['country', 'asc'],
  ] as const)('pages through 237 deals by %s %s, visiting each exactly once', (field, direction) => {
    const c = newCase();
    const countries = ['Kazakhstan', 'Kyrgyzstan', null, 'Uzbekistan'];
    c.write(() => {
      for (let i = 0; i < 237; i++) {
        // Few distinct values (and nulls) so that page boundaries fall inside runs of ties.
        createDeal(c, {
          title: `Deal ${i % 7}`,
          technology: 'cctv',
          status: 'signed',
          year: i % 5 === 0 ? null : 2010 + (i % 3),
          country: countries[i % 4]!,
        });
      }
    });
    const { pages, totals } = allPages((cursor) =>
      listDeals(c, { sort: { field, direction }, limit: 50, cursor }),
    );
    expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 37]);
    expect(new Set(totals)).toEqual(new Set([237]));
    const seen = pages.flat().map((d) => d.id);
    expect(new Set(seen).size).toBe(237);
    expect(seen).toEqual(ids(listDeals(c, { sort: { field, direction }, limit: 500 })));
  });

  it('pages a filtered list with the filter applied to every page', () => {
    const c = newCase();
    c.write(() => {
      for (let i = 0; i < 120; i++)
        createDeal(c, { title: `Deal ${i}`, technology: i % 2 ? 'dpi' : 'cctv', status: 'signed' });
    });
    const { pages, totals } = allPages((cursor) =>
      listDeals(c, { filters: { technology: ['dpi'] }, limit: 25, cursor }),
    );
    expect(pages.flat()).toHaveLength(60);
    expect(pages.flat().every((d) => d.technology === 'dpi')).toBe(true);
    expect(new Set(totals)).toEqual(new Set([60]));
  });

  it('refuses a cursor it did not hand out', () => {
    const c = newCase();
    seed(c);
    expect(coreError(() => listDeals(c, { cursor: 'not-a-cursor' }), 'invalid_input').fields).toHaveProperty(
      'cursor',
    );
  });
});

describe('deals: invalid input names the field and changes nothing', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['title', { title: '' }],
    ['title', { title: '    ' }],
    ['title', { title: 'x'.repeat(2_001) }],
    ['title', { title: 42 }],
    ['title', { title: 'broken \ud800 surrogate' }],
    ['technology', { technology: 'laser' }],
    ['technology', { technology: null }],
    ['status', { status: 'rumored' }],
    ['country', { country: 'x'.repeat(201) }],
    ['country', { country: 7 }],
    ['year', { year: 1899 }],
    ['year', { year: 2101 }],
    ['year', { year: 2019.5 }],
    ['year', { year: '2019' }],
    ['valueAmount', { valueAmount: -1 }],
    ['valueAmount', { valueAmount: Number.POSITIVE_INFINITY }],
    ['valueAmount', { valueAmount: Number.NaN }],
    ['valueAmount', { valueAmount: '60m' }],
    ['valueCurrency', { valueCurrency: 'usd' }],
    ['valueCurrency', { valueCurrency: 'US' }],
    ['valueCurrency', { valueCurrency: 'DOLLARS' }],
    ['summary', { summary: ['a'] }],
    ['id', { id: 'not-a-uuid' }],
    ['owner', { owner: 'someone' }],
  ];

  it.each(titled(bad))('create: %s = %s', (field, _input, change) => {
    const c = newCase();
    createDeal(c, full);
    expectInvalid(c, () => createDeal(c, { ...full, ...change }), field);
  });

  it.each(titled(bad.filter(([field]) => field !== 'id')))('update: %s = %s', (field, _input, change) => {
    const c = newCase();
    const deal = createDeal(c, full);
    expectInvalid(c, () => updateDeal(c, { id: deal.id, ...change }), field);
  });

  it.each([
    ['title', {}],
    ['technology', { title: 'x', status: 'signed' }],
    ['status', { title: 'x', technology: 'cctv' }],
  ])('create without %s', (field, input) => {
    const c = newCase();
    expectInvalid(c, () => createDeal(c, input), field);
  });

  it('names every bad field at once', () => {
    const c = newCase();
    const error = expectInvalid(
      c,
      () => createDeal(c, { title: '', technology: 'x', status: 'y', year: 1 }),
      'title',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['status', 'technology', 'title', 'year']);
  });

  it.each([
    ['id', { title: 'x' }],
    ['id', { id: 'nope' }],
    ['ifUpdatedAt', { id: newId(), ifUpdatedAt: 5 }],
  ])('update: %s in %j', (field, input) => {
    const c = newCase();
    expectInvalid(c, () => updateDeal(c, input), field);
  });

  it.each([
    ['id', {}],
    ['reason', { id: newId(), reason: 'x'.repeat(2_001) }],
  ])('remove: %s', (field, input) => {
    const c = newCase();
    expectInvalid(c, () => removeDeal(c, input), field);
  });

  it.each([
    ['limit', { limit: 0 }],
    ['limit', { limit: 501 }],
    ['sort.field', { sort: { field: 'value', direction: 'asc' } }],
    ['sort.direction', { sort: { field: 'title', direction: 'up' } }],
    ['filters.technology.0', { filters: { technology: ['laser'] } }],
    ['filters.status', { filters: { status: 'signed' } }],
    ['filters.year', { filters: { year: 'recent' } }],
    ['filters.owner', { filters: { owner: 'x' } }],
    ['query', { query: 'x'.repeat(201) }],
    ['includeRemoved', { includeRemoved: 'yes' }],
  ])('list: %s in %j', (field, input) => {
    const c = newCase();
    expectInvalid(c, () => listDeals(c, input), field);
  });
});

describe('deals: parties', () => {
  function cast(c: CaseFile) {
    return {
      deal: createDeal(c, full),
      huawei: createActor(c, { name: 'Huawei', kind: 'company', country: 'China' }),
      city: createActor(c, { name: 'Bishkek city hall', kind: 'government', country: 'Kyrgyzstan' }),
      bank: createActor(c, { name: 'Exim Bank of China', kind: 'organisation' }),
    };
  }

  it('sets the parties, one audited event per party added', () => {
    const c = newCase();
    const { deal, huawei, city } = cast(c);
    const before = eventCount(c);
    const parties = setParties(c, {
      dealId: deal.id,
      parties: [
        { actorId: huawei.id, role: 'vendor' },
        { actorId: city.id, role: 'buyer' },
      ],
    });
    expect(eventCount(c)).toBe(before + 2);
    expect(parties.map((p) => [p.actor.name, p.role])).toEqual([
      ['Bishkek city hall', 'buyer'],
      ['Huawei', 'vendor'],
    ]);
    expect(parties[1]!.actor).toEqual({ id: huawei.id, name: 'Huawei', kind: 'company', country: 'China' });
    expect(getActor(c, huawei.id).deals).toEqual([expect.objectContaining({ id: deal.id, role: 'vendor' })]);
  });

  it('replacing the list tombstones the dropped party, adds the new one and keeps the rest', () => {
    const c = newCase();
    const { deal, huawei, city, bank } = cast(c);
    const first = setParties(c, {
      dealId: deal.id,
      parties: [
        { actorId: huawei.id, role: 'vendor' },
        { actorId: city.id, role: 'buyer' },
      ],
    });
    const before = eventCount(c);
    const second = setParties(c, {
      dealId: deal.id,
      parties: [
        { actorId: huawei.id, role: 'vendor' },
        { actorId: bank.id, role: 'financier' },
      ],
    });
    expect(eventCount(c)).toBe(before + 2);
    expect(second.map((p) => p.role).sort()).toEqual(['financier', 'vendor']);
    const keptVendor = first.find((p) => p.role === 'vendor')!;
    expect(second.find((p) => p.role === 'vendor')!.id).toBe(keptVendor.id);
    const dropped = first.find((p) => p.role === 'buyer')!;
    const row = c.db.prepare('SELECT deleted_at FROM deal_parties WHERE id = ?').get(dropped.id) as {
      deleted_at: string | null;
    };
    expect(row.deleted_at).not.toBeNull();
    expect(getActor(c, city.id).deals).toEqual([]);
  });

  it('setting the same parties again changes nothing; duplicates in the input count once', () => {
    const c = newCase();
    const { deal, huawei } = cast(c);
    const parties = [
      { actorId: huawei.id, role: 'vendor' as const },
      { actorId: huawei.id, role: 'vendor' as const },
    ];
    expect(setParties(c, { dealId: deal.id, parties })).toHaveLength(1);
    const before = snapshot(c);
    setParties(c, { dealId: deal.id, parties });
    expect(snapshot(c)).toEqual(before);
  });

  it('the same actor can hold two roles; an empty list removes every party', () => {
    const c = newCase();
    const { deal, huawei } = cast(c);
    const two = setParties(c, {
      dealId: deal.id,
      parties: [
        { actorId: huawei.id, role: 'vendor' },
        { actorId: huawei.id, role: 'operator' },
      ],
    });
    expect(two).toHaveLength(2);
    expect(setParties(c, { dealId: deal.id, parties: [] })).toEqual([]);
    expect(listParties(c, deal.id)).toEqual([]);
  });

  it('refuses a missing or removed deal or actor as not_found naming it, changing nothing', () => {
    const c = newCase();
    const { deal, huawei, city } = cast(c);
    removeActor(c, { id: city.id });
    const before = snapshot(c);
    const missingDeal = coreError(
      () => setParties(c, { dealId: newId(), parties: [{ actorId: huawei.id, role: 'vendor' }] }),
      'not_found',
    );
    expect(missingDeal.fields).toHaveProperty('dealId');
    const missingActor = coreError(
      () =>
        setParties(c, {
          dealId: deal.id,
          parties: [
            { actorId: huawei.id, role: 'vendor' },
            { actorId: newId(), role: 'buyer' },
          ],
        }),
      'not_found',
    );
    expect(missingActor.fields).toHaveProperty(['parties.1.actorId']);
    const removedActor = coreError(
      () => setParties(c, { dealId: deal.id, parties: [{ actorId: city.id, role: 'buyer' }] }),
      'not_found',
    );
    expect(removedActor.fields).toHaveProperty(['parties.0.actorId']);
    expect(snapshot(c)).toEqual(before);
    removeDeal(c, { id: deal.id });
    coreError(() => setParties(c, { dealId: deal.id, parties: [] }), 'not_found');
  });

  it.each([
    ['parties.0.role', { parties: [{ actorId: newId(), role: 'seller' }] }],
    ['parties.0.actorId', { parties: [{ actorId: 'x', role: 'vendor' }] }],
    ['parties', { parties: 'Huawei' }],
    ['parties', { parties: Array.from({ length: 201 }, () => ({ actorId: newId(), role: 'vendor' })) }],
    ['dealId', { dealId: 'nope', parties: [] }],
  ])('invalid: %s', (field, change) => {
    const c = newCase();
    const { deal } = cast(c);
    expectInvalid(
      c,
      () => setParties(c, { dealId: deal.id, ...change, parties: 'parties' in change ? change.parties : [] }),
      field,
    );
  });
});
