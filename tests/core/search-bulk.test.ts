// A bulk (an import) indexes the records it inserts at its end, all at once, instead of through
// the insert triggers row by row. What a user would notice if the two disagreed: a record that an
// import brought in not found, or found under other words, than the same record typed in.
import Database from 'better-sqlite3';
import { createActor, updateActor } from '../../electron/core/actors';
import { createClaim, updateClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { createDeal } from '../../electron/core/deals';
import { addEvidence, updateEvidence } from '../../electron/core/evidence';
import { searchCase } from '../../electron/core/search';
import { searchTables } from '../../electron/core/search-index';
import { createSource } from '../../electron/core/sources';
import type { SearchResult } from '../../electron/schema/search';
import { useTempCases as cleanUpTempCases, newCase } from '../support/temp-case';

cleanUpTempCases();

/** Every kind, names in several scripts and spellings; returns the ids in the order written. */
function populate(c: CaseFile, tag: string): string[] {
  const ids: string[] = [];
  const keep = <T extends { id: string }>(r: T) => {
    ids.push(r.id);
    return r;
  };
  keep(createActor(c, { name: 'Сергек', kind: 'company', country: 'Kazakhstan', aliases: ['Sergek Group'] }));
  keep(createActor(c, { name: `Oniks-Line ${tag}`, kind: 'company', country: 'Russia' }));
  keep(
    createDeal(c, {
      title: 'Safe City for the capital',
      technology: 'cctv',
      status: 'deployed',
      country: 'Uzbekistan',
      summary: 'Cameras installed across Ташкент in 2019',
    }),
  );
  const report = keep(
    createSource(c, {
      title: 'Surveillance exports to Central Asia',
      kind: 'report',
      reliability: 'B',
      author: 'Dina Abenova',
      publisher: 'Zürich Institute',
      notes: 'Procurement tables in annex Qorgau',
    }),
  );
  keep(createSource(c, { title: 'Тошкент шаҳар ҳокимлиги', kind: 'official_record', reliability: 'A' }));
  for (let i = 0; i < 5; i++) {
    const claim = keep(
      createClaim(c, {
        statement: `Signatek supplied SORM equipment to Tashkent, batch ${i}`,
        tags: ['intercept', tag],
      }),
    );
    for (let j = 0; j < 3; j++) {
      keep(
        addEvidence(c, {
          claimId: claim.id,
          sourceId: report.id,
          stance: j === 2 ? 'contradicts' : 'supports',
          excerpt: `Контракт с Сигнатек подписан в 201${j}. Oniks delivered ${i}.`,
          note: j === 0 ? 'Муйнак district' : undefined,
          locator: `p. ${i * 3 + j}`,
          credibility: 2,
        }),
      );
    }
  }
  return ids;
}

/** The index with each record named by its position in `ids`, so two cases compare row for row. */
function indexOf(c: CaseFile, ids: string[]) {
  const at = new Map(ids.map((id, i) => [id, i]));
  const docs = (
    c.db.prepare('SELECT doc, entity, entity_id FROM search_docs ORDER BY doc').all() as {
      doc: number;
      entity: string;
      entity_id: string;
    }[]
  ).map((d) => ({ doc: d.doc, entity: d.entity, record: at.get(d.entity_id) }));
  const fts = Object.fromEntries(
    searchTables.map((t) => [
      t,
      c.db.prepare(`SELECT rowid, title, body, folded, variant FROM ${t} ORDER BY rowid`).all(),
    ]),
  );
  return { docs, fts };
}

const found = (c: CaseFile, ids: string[], query: string) => {
  const at = new Map(ids.map((id, i) => [id, i]));
  const r: SearchResult = searchCase(c, { query });
  return r.groups.map((g) => ({ kind: g.kind, total: g.total, hits: g.hits.map((h) => at.get(h.id)) }));
};

const triggerNames = (c: CaseFile) =>
  c.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_fts_%' ORDER BY name")
    .pluck()
    .all();

describe('search indexing of a bulk', () => {
  it('indexes exactly as the triggers do, on a case that already holds records', () => {
    const single = newCase();
    const bulk = newCase();
    // Records before the bulk: its docs must number on from them.
    const before = [populate(single, 'first'), populate(bulk, 'first')];
    const singleIds = [...before[0]!, ...populate(single, 'second')];
    const bulkIds = [...before[1]!, ...bulk.bulk(() => populate(bulk, 'second'))];

    const a = indexOf(single, singleIds);
    const b = indexOf(bulk, bulkIds);
    expect(a.docs).toHaveLength(singleIds.length);
    expect(a.docs.every((d) => d.record !== undefined)).toBe(true);
    expect(b.docs).toEqual(a.docs);
    for (const t of searchTables) expect(b.fts[t]).toEqual(a.fts[t]);

    for (const query of [
      'Ташкент',
      'Tashkent',
      'Toshkent',
      'Signatek',
      'Сигнатек',
      'Муйнак',
      'Onik',
      'Serg',
    ]) {
      const expected = found(single, singleIds, query);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(found(bulk, bulkIds, query), query).toEqual(expected);
    }
    expect(triggerNames(bulk)).toEqual(triggerNames(single));
  });

  it('indexes records updated in the same bulk with their final values', () => {
    const c = newCase();
    const { claim, evidence, actor } = c.bulk(() => {
      const actor = createActor(c, { name: 'Oniks-Line', kind: 'company' });
      updateActor(c, { id: actor.id, name: 'Qorgau Systems', aliases: ['Коргау'] });
      const source = createSource(c, { title: 'Registry extract', kind: 'report', reliability: 'A' });
      const claim = createClaim(c, { statement: 'Draft wording', tags: [] });
      updateClaim(c, { id: claim.id, statement: 'Signatek supplied cameras to Нукус' });
      const evidence = addEvidence(c, {
        claimId: claim.id,
        sourceId: source.id,
        stance: 'supports',
        excerpt: 'placeholder',
        credibility: 3,
      });
      updateEvidence(c, { id: evidence.id, excerpt: 'Invoice for Нукус cameras' });
      return { claim, evidence, actor };
    });
    const ids = (q: string) => searchCase(c, { query: q }).groups.flatMap((g) => g.hits.map((h) => h.id));
    expect(ids('Draft')).toEqual([]);
    expect(ids('placeholder')).toEqual([]);
    expect(ids('Oniks')).toEqual([]);
    expect(ids('Nukus').sort()).toEqual([claim.id, evidence.id].sort());
    expect(ids('Korgau')).toEqual([actor.id]);
    expect(ids('Qorgau')).toEqual([actor.id]);
  });

  it('leaves the triggers in place when the bulk fails, and indexes the next insert', () => {
    const c = newCase();
    const triggers = triggerNames(c);
    expect(triggers).toHaveLength(10);
    expect(() =>
      c.bulk(() => {
        createClaim(c, { statement: 'Rolled back Signatek claim', tags: [] });
        throw new Error('the import stops');
      }),
    ).toThrow('the import stops');
    expect(triggerNames(c)).toEqual(triggers);
    expect(searchCase(c, { query: 'Signatek' }).groups).toEqual([]);

    const claim = createClaim(c, { statement: 'Signatek supplied SORM', tags: [] });
    const hits = searchCase(c, { query: 'Signatek' }).groups.flatMap((g) => g.hits.map((h) => h.id));
    expect(hits).toEqual([claim.id]);
    // Through the file too: another connection sees the triggers, not just this one's cache.
    const other = new Database(c.path, { readonly: true });
    try {
      expect(
        other
          .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_fts_insert'")
          .pluck()
          .get(),
      ).toBe(5);
    } finally {
      other.close();
    }
  });
});
