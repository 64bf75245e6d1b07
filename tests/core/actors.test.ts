import { createActor, getActor, listActors, removeActor, updateActor } from '../../electron/core/actors';
import type { CaseFile } from '../../electron/core/db';
import { createDeal, removeDeal, setParties } from '../../electron/core/deals';
import { newId } from '../../electron/core/ids';
import type { ActorCreate } from '../../electron/schema/inputs';
import type { Actor } from '../../electron/schema/records';
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

const huawei: ActorCreate = {
  name: 'Huawei',
  kind: 'company',
  country: 'China',
  aliases: ['Huawei Technologies', '华为'],
};
const ids = (page: { items: Actor[] }) => page.items.map((a) => a.id);

describe('actors: create and get', () => {
  it('creates an actor with aliases (trimmed, duplicates dropped) and gets it back', () => {
    const c = newCase();
    const before = eventCount(c);
    const actor = createActor(c, {
      ...huawei,
      aliases: [' Huawei Technologies ', '华为', 'Huawei Technologies'],
    });
    expect(actor).toMatchObject({ ...huawei, deletedAt: null });
    expect(eventCount(c)).toBe(before + 1);
    expect(getActor(c, actor.id)).toEqual({ actor, deals: [] });
  });

  it('defaults aliases to an empty list and country to null', () => {
    const c = newCase();
    expect(createActor(c, { name: 'GKNB', kind: 'agency' })).toMatchObject({ aliases: [], country: null });
  });

  it('get lists the live deals the actor is party to, with its role', () => {
    const c = newCase();
    const actor = createActor(c, huawei);
    const live = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'deployed', year: 2019 });
    const gone = createDeal(c, { title: 'Old deal', technology: 'cctv', status: 'cancelled' });
    setParties(c, { dealId: live.id, parties: [{ actorId: actor.id, role: 'vendor' }] });
    setParties(c, { dealId: gone.id, parties: [{ actorId: actor.id, role: 'vendor' }] });
    removeDeal(c, { id: gone.id });
    expect(getActor(c, actor.id).deals).toEqual([
      {
        id: live.id,
        title: 'Safe City',
        technology: 'cctv',
        country: null,
        status: 'deployed',
        year: 2019,
        role: 'vendor',
      },
    ]);
  });

  it('get of an unknown id is not_found', () => {
    const c = newCase();
    coreError(() => getActor(c, newId()), 'not_found');
  });
});

describe('actors: update', () => {
  it('changes only the named fields: renaming keeps the aliases', () => {
    const c = newCase();
    const actor = createActor(c, huawei);
    const next = updateActor(c, { id: actor.id, name: 'Huawei Technologies Co.' });
    expect(next).toEqual({ ...actor, name: 'Huawei Technologies Co.', updatedAt: next.updatedAt });
    expect(getActor(c, actor.id).actor.aliases).toEqual(huawei.aliases);
  });

  it('replaces the aliases when they are named, and clears them with []', () => {
    const c = newCase();
    const actor = createActor(c, huawei);
    expect(updateActor(c, { id: actor.id, aliases: ['HW'] }).aliases).toEqual(['HW']);
    expect(updateActor(c, { id: actor.id, aliases: [] }).aliases).toEqual([]);
  });

  it('an update that changes nothing records nothing', () => {
    const c = newCase();
    const actor = createActor(c, huawei);
    const before = snapshot(c);
    expect(
      updateActor(c, { id: actor.id, kind: 'company', aliases: ['Huawei Technologies', '华为'] }),
    ).toEqual(actor);
    expect(snapshot(c)).toEqual(before);
  });

  it('a stale ifUpdatedAt is a conflict', () => {
    const c = newCase();
    const actor = createActor(c, huawei);
    updateActor(c, { id: actor.id, country: 'PRC' });
    const before = snapshot(c);
    coreError(() => updateActor(c, { id: actor.id, ifUpdatedAt: actor.updatedAt, name: 'x' }), 'conflict');
    expect(snapshot(c)).toEqual(before);
  });

  it('update of a missing or removed actor is not_found', () => {
    const c = newCase();
    coreError(() => updateActor(c, { id: newId(), name: 'x' }), 'not_found');
    const actor = createActor(c, huawei);
    removeActor(c, { id: actor.id });
    coreError(() => updateActor(c, { id: actor.id, name: 'x' }), 'not_found');
  });
});

describe('actors: remove', () => {
  it('tombstones: hidden from lists, listed on request, still readable', () => {
    const c = newCase();
    const keep = createActor(c, huawei);
    const gone = createActor(c, { name: 'Signatek', kind: 'company', country: 'Russia' });
    const rows = snapshot(c).counts.actors;
    const removed = removeActor(c, { id: gone.id });
    expect(removed.deletedAt).not.toBeNull();
    expect(snapshot(c).counts.actors).toBe(rows);
    expect(ids(listActors(c, {}))).toEqual([keep.id]);
    expect(ids(listActors(c, { includeRemoved: true }))).toEqual([keep.id, gone.id]);
    expect(getActor(c, gone.id).actor).toEqual(removed);
    coreError(() => removeActor(c, { id: gone.id }), 'not_found');
  });
});

describe('actors: list', () => {
  function seed(c: CaseFile) {
    return {
      huawei: createActor(c, huawei),
      signatek: createActor(c, {
        name: 'Signatek',
        kind: 'company',
        country: 'Russia',
        aliases: ['Сигнатек'],
      }),
      gknb: createActor(c, { name: 'GKNB', kind: 'agency', country: 'Kyrgyzstan' }),
      ministry: createActor(c, {
        name: 'Ministry of Digital Development',
        kind: 'government',
        country: 'kyrgyzstan',
      }),
      person: createActor(c, { name: 'A. Researcher', kind: 'person' }),
    };
  }

  it('filters by kind and country (any case)', () => {
    const c = newCase();
    const a = seed(c);
    expect(ids(listActors(c, { filters: { kind: ['company'] } }))).toEqual([a.huawei.id, a.signatek.id]);
    expect(ids(listActors(c, { filters: { kind: ['agency', 'government'] } }))).toEqual([
      a.gknb.id,
      a.ministry.id,
    ]);
    expect(ids(listActors(c, { filters: { country: 'KYRGYZSTAN' } }))).toEqual([a.gknb.id, a.ministry.id]);
    expect(listActors(c, { filters: { kind: ['company'], country: 'Russia' } })).toMatchObject({
      items: [a.signatek],
      total: 1,
    });
  });

  it('finds actors by name and by alias, in either script', () => {
    const c = newCase();
    const a = seed(c);
    expect(ids(listActors(c, { query: 'signa' }))).toEqual([a.signatek.id]);
    expect(ids(listActors(c, { query: 'Сигнатек' }))).toEqual([a.signatek.id]);
    expect(ids(listActors(c, { query: 'technologies' }))).toEqual([a.huawei.id]);
  });

  it('sorts by name both ways, and by update time', () => {
    const c = newCase();
    const a = seed(c);
    const names = Object.values(a)
      .map((x) => x.name)
      .sort();
    expect(listActors(c, { sort: { field: 'name', direction: 'asc' } }).items.map((x) => x.name)).toEqual(
      names,
    );
    expect(listActors(c, { sort: { field: 'name', direction: 'desc' } }).items.map((x) => x.name)).toEqual(
      names.reverse(),
    );
    updateActor(c, { id: a.gknb.id, country: 'KG' });
    expect(ids(listActors(c, { sort: { field: 'updated', direction: 'desc' } }))[0]).toBe(a.gknb.id);
  });

  it.each([
    ['created', 'asc'],
    ['name', 'desc'],
    ['updated', 'asc'],
  ] as const)('pages 237 actors by %s %s, each exactly once', (field, direction) => {
    const c = newCase();
    c.write(() => {
      for (let i = 0; i < 237; i++) createActor(c, { name: `Actor ${i % 9}`, kind: 'company' });
    });
    const { pages, totals } = allPages((cursor) =>
      listActors(c, { sort: { field, direction }, limit: 50, cursor }),
    );
    expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 37]);
    expect(new Set(totals)).toEqual(new Set([237]));
    expect(new Set(pages.flat().map((a) => a.id)).size).toBe(237);
  });
});

describe('actors: invalid input names the field and changes nothing', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['name', { name: '' }],
    ['name', { name: 'x'.repeat(501) }],
    ['name', { name: null }],
    ['kind', { kind: 'robot' }],
    ['country', { country: 'x'.repeat(201) }],
    ['aliases', { aliases: 'Huawei Tech' }],
    ['aliases.1', { aliases: ['ok', ''] }],
    ['aliases.0', { aliases: [7] }],
    ['aliases', { aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`) }],
    ['nickname', { nickname: 'HW' }],
  ];

  it.each(titled(bad))('create: %s = %s', (field, _input, change) => {
    const c = newCase();
    expectInvalid(c, () => createActor(c, { ...huawei, ...change }), field);
  });

  it.each(titled(bad))('update: %s = %s', (field, _input, change) => {
    const c = newCase();
    const actor = createActor(c, huawei);
    expectInvalid(c, () => updateActor(c, { id: actor.id, ...change }), field);
  });

  it.each([
    ['filters.kind.0', { filters: { kind: ['robot'] } }],
    ['sort.field', { sort: { field: 'country' } }],
    ['cursor', { cursor: 'x'.repeat(2_001) }],
  ])('list: %s', (field, input) => {
    const c = newCase();
    expectInvalid(c, () => listActors(c, input), field);
  });
});
