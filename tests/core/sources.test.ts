import { createClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { addEvidence, removeEvidence } from '../../electron/core/evidence';
import { newId } from '../../electron/core/ids';
import {
  createSource,
  getSource,
  listSources,
  removeSource,
  updateSource,
} from '../../electron/core/sources';
import type { SourceCreate } from '../../electron/schema/inputs';
import type { Source } from '../../electron/schema/records';
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

const report: SourceCreate = {
  title: 'Surveillance exports to Central Asia',
  kind: 'report',
  url: 'https://example.org/reports/central-asia',
  author: 'A. Analyst',
  publisher: 'Example Institute',
  publishedAt: '2021-03',
  accessedAt: '2024-05-01',
  language: 'en',
  reliability: 'B',
  reliabilityNote: 'Established think tank; named authors.',
  confidential: false,
  notes: 'Cites procurement records.',
};
const ids = (page: { items: Source[] }) => page.items.map((s) => s.id);

describe('sources: create and get', () => {
  it('creates a source with every field and gets its detail back', () => {
    const c = newCase();
    const before = eventCount(c);
    const source = createSource(c, report);
    expect(source).toMatchObject({ ...report, derivedFrom: null, deletedAt: null });
    expect(eventCount(c)).toBe(before + 1);
    expect(getSource(c, source.id)).toEqual({ source, derivedFrom: null, derivatives: [], uses: [] });
  });

  it('defaults: not confidential, no origin, empty url becomes null', () => {
    const c = newCase();
    expect(
      createSource(c, { title: 'Interview', kind: 'interview', reliability: 'F', url: '' }),
    ).toMatchObject({
      confidential: false,
      derivedFrom: null,
      url: null,
      publishedAt: null,
    });
  });

  it('accepts a date as precise as it is known', () => {
    const c = newCase();
    for (const publishedAt of ['2019', '2019-03', '2019-03-21', '2019-03-21T10:00:00.000Z']) {
      expect(createSource(c, { ...report, publishedAt }).publishedAt).toBe(publishedAt);
    }
  });

  it('get shows where the source comes from, what repeats it and which evidence uses it', () => {
    const c = newCase();
    const original = createSource(c, { ...report, title: 'Original', reliability: 'A' });
    const copy = createSource(c, { ...report, title: 'Copy', reliability: 'C', derivedFrom: original.id });
    const claim = createClaim(c, { statement: 'Oniks-Line supplied SORM' });
    const ev = addEvidence(c, {
      claimId: claim.id,
      sourceId: original.id,
      stance: 'supports',
      excerpt: 'supplied',
      credibility: 2,
      locator: 'p. 4',
    });
    const detail = getSource(c, original.id);
    expect(detail.derivatives).toEqual([{ id: copy.id, title: 'Copy', reliability: 'C' }]);
    expect(detail.uses).toEqual([
      {
        evidenceId: ev.id,
        claimId: claim.id,
        statement: 'Oniks-Line supplied SORM',
        stance: 'supports',
        credibility: 2,
        excerpt: 'supplied',
        locator: 'p. 4',
      },
    ]);
    expect(getSource(c, copy.id).derivedFrom).toEqual({
      id: original.id,
      title: 'Original',
      reliability: 'A',
    });
  });
});

describe('sources: derivedFrom', () => {
  it('must name a live source: a missing or removed one is not_found naming derivedFrom', () => {
    const c = newCase();
    const before = snapshot(c);
    const missing = coreError(() => createSource(c, { ...report, derivedFrom: newId() }), 'not_found');
    expect(missing.fields).toHaveProperty('derivedFrom');
    expect(snapshot(c)).toEqual(before);
    const gone = createSource(c, report);
    removeSource(c, { id: gone.id });
    const other = createSource(c, report);
    const removed = coreError(() => updateSource(c, { id: other.id, derivedFrom: gone.id }), 'not_found');
    expect(removed.fields).toHaveProperty('derivedFrom');
  });

  it.each([
    ['itself', 1],
    ['a source derived from it', 2],
    ['the end of a longer chain', 4],
  ])('refuses to derive a source from %s (a cycle) as invalid_input on derivedFrom', (_label, length) => {
    const c = newCase();
    const chain = [createSource(c, { ...report, title: 'S0' })];
    for (let i = 1; i < length; i++)
      chain.push(createSource(c, { ...report, title: `S${i}`, derivedFrom: chain[i - 1]!.id }));
    const before = snapshot(c);
    const error = coreError(
      () => updateSource(c, { id: chain[0]!.id, derivedFrom: chain.at(-1)!.id }),
      'invalid_input',
    );
    expect(error.fields).toHaveProperty('derivedFrom');
    expect(snapshot(c)).toEqual(before);
  });

  it('can be re-pointed along a chain without a cycle, and cleared with null', () => {
    const c = newCase();
    const a = createSource(c, { ...report, title: 'A' });
    const b = createSource(c, { ...report, title: 'B', derivedFrom: a.id });
    const x = createSource(c, { ...report, title: 'X', derivedFrom: b.id });
    expect(updateSource(c, { id: x.id, derivedFrom: a.id }).derivedFrom).toBe(a.id);
    expect(updateSource(c, { id: x.id, derivedFrom: null }).derivedFrom).toBeNull();
    expect(updateSource(c, { id: a.id, derivedFrom: x.id }).derivedFrom).toBe(x.id);
  });
});

describe('sources: update', () => {
  it('changes only the named fields', () => {
    const c = newCase();
    const source = createSource(c, report);
    const next = updateSource(c, { id: source.id, reliability: 'D' });
    expect(next).toEqual({ ...source, reliability: 'D', updatedAt: next.updatedAt });
    expect(updateSource(c, { id: source.id, confidential: true })).toEqual({
      ...next,
      confidential: true,
      updatedAt: expect.any(String),
    });
  });

  it('an update that changes nothing records nothing', () => {
    const c = newCase();
    const source = createSource(c, report);
    const before = snapshot(c);
    expect(
      updateSource(c, { id: source.id, title: report.title, confidential: false, url: report.url }),
    ).toEqual(source);
    expect(snapshot(c)).toEqual(before);
  });

  it('a stale ifUpdatedAt is a conflict; a missing or removed source is not_found', () => {
    const c = newCase();
    const source = createSource(c, report);
    updateSource(c, { id: source.id, reliability: 'A' });
    const before = snapshot(c);
    coreError(
      () => updateSource(c, { id: source.id, ifUpdatedAt: source.updatedAt, reliability: 'E' }),
      'conflict',
    );
    expect(snapshot(c)).toEqual(before);
    coreError(() => updateSource(c, { id: newId(), title: 'x' }), 'not_found');
    removeSource(c, { id: source.id });
    coreError(() => updateSource(c, { id: source.id, title: 'x' }), 'not_found');
  });
});

describe('sources: remove', () => {
  it('tombstones: hidden from lists, listed on request, still readable', () => {
    const c = newCase();
    const keep = createSource(c, report);
    const gone = createSource(c, { ...report, title: 'Gone' });
    const removed = removeSource(c, { id: gone.id, reason: 'wrong URL' });
    expect(removed.deletedAt).not.toBeNull();
    expect(ids(listSources(c, {}))).toEqual([keep.id]);
    expect(ids(listSources(c, { includeRemoved: true }))).toEqual([keep.id, gone.id]);
    expect(getSource(c, gone.id).source).toEqual(removed);
    expect(snapshot(c).counts.sources).toBe(2);
  });

  it('a source still backing evidence is not removed (conflict), until that evidence is', () => {
    const c = newCase();
    const source = createSource(c, report);
    const claim = createClaim(c, { statement: 'Signatek sold DPI' });
    const ev = addEvidence(c, {
      claimId: claim.id,
      sourceId: source.id,
      stance: 'supports',
      excerpt: 'sold',
      credibility: 3,
    });
    const before = snapshot(c);
    expect(coreError(() => removeSource(c, { id: source.id }), 'conflict').message).toMatch(
      /still backs 1 evidence/,
    );
    expect(snapshot(c)).toEqual(before);
    removeEvidence(c, { id: ev.id });
    expect(removeSource(c, { id: source.id }).deletedAt).not.toBeNull();
  });

  it('a source others derive from is not removed (conflict)', () => {
    const c = newCase();
    const original = createSource(c, report);
    createSource(c, { ...report, derivedFrom: original.id });
    const before = snapshot(c);
    expect(coreError(() => removeSource(c, { id: original.id }), 'conflict').message).toMatch(
      /derived from this one/,
    );
    expect(snapshot(c)).toEqual(before);
  });
});

describe('sources: list', () => {
  function seed(c: CaseFile) {
    return {
      reuters: createSource(c, {
        title: 'Reuters wire',
        kind: 'article',
        reliability: 'B',
        publishedAt: '2019-05-02',
      }),
      court: createSource(c, {
        title: 'Court ruling',
        kind: 'court_record',
        reliability: 'A',
        publishedAt: '2020',
      }),
      leak: createSource(c, { title: 'Leaked contract', kind: 'leak', reliability: 'C', confidential: true }),
      tip: createSource(c, {
        title: 'Whistle-blower interview',
        kind: 'interview',
        reliability: 'F',
        confidential: true,
        publishedAt: '2018-11',
      }),
      blog: createSource(c, {
        title: 'Blog post',
        kind: 'article',
        reliability: 'E',
        notes: 'mentions Sergek cameras',
      }),
    };
  }

  it('filters by kind, reliability and confidentiality', () => {
    const c = newCase();
    const s = seed(c);
    expect(ids(listSources(c, { filters: { kind: ['article'] } }))).toEqual([s.reuters.id, s.blog.id]);
    expect(ids(listSources(c, { filters: { reliability: ['A', 'B'] } }))).toEqual([s.reuters.id, s.court.id]);
    expect(ids(listSources(c, { filters: { confidential: true } }))).toEqual([s.leak.id, s.tip.id]);
    expect(ids(listSources(c, { filters: { confidential: false } }))).toEqual([
      s.reuters.id,
      s.court.id,
      s.blog.id,
    ]);
    expect(listSources(c, { filters: { kind: ['article'], reliability: ['E'] } }).total).toBe(1);
  });

  it('finds sources by title and notes', () => {
    const c = newCase();
    const s = seed(c);
    expect(ids(listSources(c, { query: 'contract' }))).toEqual([s.leak.id]);
    expect(ids(listSources(c, { query: 'sergek' }))).toEqual([s.blog.id]);
  });

  it('sorts by title, reliability and publication date (undated first ascending), both ways', () => {
    const c = newCase();
    const s = seed(c);
    const titles = (p: { items: Source[] }) => p.items.map((x) => x.title);
    const sortedTitles = Object.values(s)
      .map((x) => x.title)
      .sort();
    expect(titles(listSources(c, { sort: { field: 'title', direction: 'asc' } }))).toEqual(sortedTitles);
    expect(titles(listSources(c, { sort: { field: 'title', direction: 'desc' } }))).toEqual(
      [...sortedTitles].reverse(),
    );
    expect(
      listSources(c, { sort: { field: 'reliability', direction: 'asc' } }).items.map((x) => x.reliability),
    ).toEqual(['A', 'B', 'C', 'E', 'F']);
    expect(
      listSources(c, { sort: { field: 'reliability', direction: 'desc' } }).items.map((x) => x.reliability),
    ).toEqual(['F', 'E', 'C', 'B', 'A']);
    const dated = listSources(c, { sort: { field: 'publishedAt', direction: 'asc' } }).items.map(
      (x) => x.publishedAt,
    );
    expect(dated.slice(2)).toEqual(['2018-11', '2019-05-02', '2020']);
    expect(dated.slice(0, 2)).toEqual([null, null]);
  });

  it.each([
    ['publishedAt', 'asc'],
    ['publishedAt', 'desc'],
    ['reliability', 'asc'],
    ['title', 'asc'],
  ] as const)('pages 237 sources by %s %s, each exactly once', (field, direction) => {
    const c = newCase();
    c.write(() => {
      for (let i = 0; i < 237; i++) {
        createSource(c, {
          title: `Source ${i % 4}`,
          kind: 'article',
          reliability: (['A', 'B', 'C'] as const)[i % 3]!,
          publishedAt: i % 3 === 0 ? null : `20${10 + (i % 5)}`,
        });
      }
    });
    const { pages, totals } = allPages((cursor) =>
      listSources(c, { sort: { field, direction }, limit: 50, cursor }),
    );
    expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 37]);
    expect(new Set(totals)).toEqual(new Set([237]));
    expect(new Set(pages.flat().map((x) => x.id)).size).toBe(237);
  });
});

describe('sources: invalid input names the field and changes nothing', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['title', { title: '' }],
    ['kind', { kind: 'tweet' }],
    ['url', { url: 'not a url' }],
    ['url', { url: `https://example.org/${'x'.repeat(4_000)}` }],
    ['author', { author: 12 }],
    ['publishedAt', { publishedAt: '21 March 2019' }],
    ['publishedAt', { publishedAt: '2019-13' }],
    ['publishedAt', { publishedAt: '2019-02-32' }],
    ['accessedAt', { accessedAt: 'yesterday' }],
    ['language', { language: 'x'.repeat(36) }],
    ['reliability', { reliability: 'G' }],
    ['reliability', { reliability: 'a' }],
    ['reliability', { reliability: 1 }],
    ['confidential', { confidential: 'yes' }],
    ['confidential', { confidential: 1 }],
    ['derivedFrom', { derivedFrom: 'the Reuters piece' }],
    ['notes', { notes: { text: 'x' } }],
    ['rating', { rating: 5 }],
  ];

  it.each(titled(bad))('create: %s = %s', (field, _input, change) => {
    const c = newCase();
    expectInvalid(c, () => createSource(c, { ...report, ...change }), field);
  });

  it.each(titled(bad))('update: %s = %s', (field, _input, change) => {
    const c = newCase();
    const source = createSource(c, report);
    expectInvalid(c, () => updateSource(c, { id: source.id, ...change }), field);
  });

  it.each([
    ['filters.reliability.0', { filters: { reliability: ['Z'] } }],
    ['filters.confidential', { filters: { confidential: 'true' } }],
    ['sort.field', { sort: { field: 'url' } }],
  ])('list: %s', (field, input) => {
    const c = newCase();
    expectInvalid(c, () => listSources(c, input), field);
  });
});
