// The pictures' queries against real case files: what an investigator would see in the network,
// the timeline and the evidence matrix, and that the network's layout is kept without touching
// the audit log.
import { callOn } from '../../electron/api/create-api';
import { createActor, removeActor } from '../../electron/core/actors';
import { addAssessment } from '../../electron/core/assessments';
import { createClaim, getClaim, removeClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { createDeal, removeDeal, setParties, updateDeal } from '../../electron/core/deals';
import { addEvidence, removeEvidence } from '../../electron/core/evidence';
import { newId } from '../../electron/core/ids';
import { matrixPicture, networkPicture, savePositions, timelinePicture } from '../../electron/core/pictures';
import { createSource } from '../../electron/core/sources';
import { type ConfidenceSource, corroborate } from '../../electron/schema/confidence';
import type { Stance } from '../../electron/schema/enums';
import {
  cleanUpAfterEach,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  reopenCase,
  snapshot,
} from '../support/temp-case';

cleanUpAfterEach();

/** A small Central Asia case with every verdict, a derived source, a removed record of each kind and a status history. */
function centralAsia(c: CaseFile) {
  const deal = (
    title: string,
    technology: string,
    country: string | null,
    status: string,
    year: number | null,
  ) => createDeal(c, { title, technology, country, status, year }).id;
  const sergek = deal('Sergek cameras', 'cctv', 'Kazakhstan', 'deployed', 2019);
  const sorm = deal('SORM for Kyrgyzstan', 'lawful_intercept', 'Kyrgyzstan', 'rumoured', 2015);
  const safeCity = deal('Safe City Tashkent', 'cctv', 'Uzbekistan', 'signed', 2019);
  const bare = deal('Unnamed DPI tender', 'dpi', null, 'rumoured', null);
  const gone = deal('Withdrawn entry', 'spyware', 'Kazakhstan', 'rumoured', 2020);
  updateDeal(c, { id: sorm, status: 'announced' });
  updateDeal(c, { id: sorm, title: 'SORM equipment for Kyrgyzstan' }); // same status: not a step
  updateDeal(c, { id: sorm, status: 'deployed' });

  const actor = (name: string, kind: string, country: string) => createActor(c, { name, kind, country }).id;
  const huawei = actor('Huawei', 'company', 'China');
  const oniks = actor('Oniks-Line', 'company', 'Russia');
  const signatek = actor('Signatek', 'company', 'Russia');
  const kyrgyz = actor('Government of Kyrgyzstan', 'government', 'Kyrgyzstan');
  const kazakh = actor('Government of Kazakhstan', 'government', 'Kazakhstan');
  const lonely = actor('Unlinked consultancy', 'company', 'Latvia');
  const removedActor = actor('Removed agency', 'agency', 'Russia');
  setParties(c, {
    dealId: sergek,
    parties: [
      { actorId: kazakh, role: 'buyer' },
      { actorId: huawei, role: 'vendor' },
    ],
  });
  setParties(c, {
    dealId: sorm,
    parties: [
      { actorId: oniks, role: 'vendor' },
      { actorId: signatek, role: 'vendor' },
      { actorId: kyrgyz, role: 'buyer' },
      { actorId: removedActor, role: 'intermediary' },
    ],
  });
  setParties(c, { dealId: safeCity, parties: [{ actorId: huawei, role: 'vendor' }] });
  setParties(c, { dealId: gone, parties: [{ actorId: huawei, role: 'vendor' }] });
  removeActor(c, { id: removedActor });
  removeDeal(c, { id: gone });

  const source = (
    title: string,
    reliability: string,
    publishedAt: string | null,
    derivedFrom: string | null = null,
  ) => createSource(c, { title, kind: 'article', reliability, publishedAt, derivedFrom }).id;
  const opinion = source('Opinion piece on Central Asia', 'C', '2021-02-11');
  const copy = source('Blog repeating the opinion piece', 'B', '2021-03', opinion);
  const report = source('NGO report on Sergek', 'B', '2020');
  const official = source('Ministry statement', 'B', '2018-07-02');
  const undated = source('Undated leaflet', 'D', null);

  const claim = (dealId: string | null, statement: string) => createClaim(c, { statement, dealId }).id;
  const ev = (claimId: string, sourceId: string, stance: Stance, credibility: number) =>
    addEvidence(c, {
      claimId,
      sourceId,
      stance,
      credibility,
      excerpt: `excerpt ${newId()}`,
      locator: 'para. 3',
    }).id;

  // Sergek: one corroborated claim (opinion + independent report) and one single-source claim.
  const sergekCameras = claim(sergek, 'Sergek cameras watch Kazakh cities');
  ev(sergekCameras, opinion, 'supports', 1);
  ev(sergekCameras, report, 'supports', 2);
  const sergekDissidents = claim(sergek, 'Sergek is used against dissidents');
  ev(sergekDissidents, copy, 'supports', 2); // rests on the opinion line through the copy
  const removedClaim = claim(sergek, 'A retracted claim');
  ev(removedClaim, report, 'supports', 1);
  removeClaim(c, { id: removedClaim });

  // SORM: contested, plus an unsupported claim and a removed evidence item.
  const sormBought = claim(sorm, 'Kyrgyzstan bought SORM equipment from Oniks-Line and Signatek');
  ev(sormBought, opinion, 'supports', 2);
  ev(sormBought, official, 'contradicts', 2);
  ev(sormBought, undated, 'context', 6);
  const sormRemoved = ev(sormBought, report, 'supports', 1);
  removeEvidence(c, { id: sormRemoved });
  const sormUnsupported = claim(sorm, 'The equipment was financed by a state loan');
  addAssessment(c, {
    claimId: sormBought,
    likelihood: 6,
    confidence: 'low',
    rationale: 'Two voices, one of them official',
  });

  // A claim with no deal: its evidence still belongs on the timeline.
  const general = claim(null, 'Surveillance exports to Central Asia grow');
  ev(general, report, 'supports', 3);

  return {
    deals: { sergek, sorm, safeCity, bare, gone },
    actors: { huawei, oniks, signatek, kyrgyz, kazakh, lonely, removedActor },
    sources: { opinion, copy, report, official, undated },
    claims: { sergekCameras, sergekDissidents, removedClaim, sormBought, sormUnsupported, general },
  };
}

describe('pictures.network', () => {
  it('shows each live deal with its claim count, verdicts and weakest verdict', () => {
    const c = newCase();
    const k = centralAsia(c);
    const net = networkPicture(c, {});
    const byId = new Map(net.deals.map((d) => [d.id, d]));
    expect([...byId.keys()].sort()).toEqual(
      [k.deals.sergek, k.deals.sorm, k.deals.safeCity, k.deals.bare].sort(),
    );
    expect(byId.get(k.deals.sergek)).toMatchObject({
      title: 'Sergek cameras',
      technology: 'cctv',
      claimCount: 2, // the removed claim does not count
      verdictCounts: { corroborated: 1, single_source: 1, contested: 0, unsupported: 0 },
      weakestVerdict: 'single_source',
    });
    expect(byId.get(k.deals.sorm)).toMatchObject({
      title: 'SORM equipment for Kyrgyzstan',
      status: 'deployed',
      claimCount: 2,
      verdictCounts: { contested: 1, unsupported: 1, single_source: 0, corroborated: 0 },
      weakestVerdict: 'unsupported',
    });
    expect(byId.get(k.deals.safeCity)).toMatchObject({ claimCount: 0, weakestVerdict: null });
  });

  it('links actors to deals by role, counting each actor’s claims once across its deals', () => {
    const c = newCase();
    const k = centralAsia(c);
    const net = networkPicture(c, {});
    const names = net.actors.map((a) => a.name);
    expect(names).toContain('Unlinked consultancy');
    expect(names).not.toContain('Removed agency');
    const huawei = net.actors.find((a) => a.id === k.actors.huawei);
    // Party to Sergek (2 claims) and Safe City (0); the removed deal is not counted.
    expect(huawei).toMatchObject({ claimCount: 2, dealCount: 2, country: 'China', kind: 'company' });
    const roles = net.parties.filter((p) => p.dealId === k.deals.sorm).map((p) => [p.actorId, p.role]);
    expect(roles.sort()).toEqual(
      [
        [k.actors.oniks, 'vendor'],
        [k.actors.signatek, 'vendor'],
        [k.actors.kyrgyz, 'buyer'],
      ].sort(),
    );
    expect(net.parties.some((p) => p.dealId === k.deals.gone)).toBe(false);
    expect(net.facets).toEqual({
      countries: ['China', 'Kazakhstan', 'Kyrgyzstan', 'Latvia', 'Russia', 'Uzbekistan'],
      technologies: ['cctv', 'dpi', 'lawful_intercept'],
      years: [2015, 2019],
      total: { deals: 4, actors: 6 },
    });
  });

  it.each([
    ['technology', { technologies: ['lawful_intercept'] }, ['sorm'], ['oniks', 'signatek', 'kyrgyz']],
    ['country of the deal', { countries: ['kazakhstan'] }, ['sergek'], ['huawei', 'kazakh']],
    ['country of a party', { countries: ['Russia'] }, ['sorm'], ['oniks', 'signatek', 'kyrgyz']],
    [
      'year range (a deal without a year never matches)',
      { yearFrom: 2016, yearTo: 2030 },
      ['sergek', 'safeCity'],
      ['huawei', 'kazakh'],
    ],
    ['verdict of any claim', { verdicts: ['contested'] }, ['sorm'], ['oniks', 'signatek', 'kyrgyz']],
    [
      'several at once',
      { technologies: ['cctv'], verdicts: ['single_source', 'corroborated'] },
      ['sergek'],
      ['huawei', 'kazakh'],
    ],
    ['nothing matching', { countries: ['Mongolia'] }, [], []],
  ] as const)('filters by %s', (_name, filters, dealKeys, actorKeys) => {
    const c = newCase();
    const k = centralAsia(c);
    const net = networkPicture(c, { filters });
    expect(net.deals.map((d) => d.id).sort()).toEqual(dealKeys.map((key) => k.deals[key]).sort());
    expect(net.actors.map((a) => a.id).sort()).toEqual(actorKeys.map((key) => k.actors[key]).sort());
    expect(
      net.parties.every((p) =>
        (dealKeys as readonly string[]).some((key) => k.deals[key as keyof typeof k.deals] === p.dealId),
      ),
    ).toBe(true);
    expect(net.facets.total).toEqual({ deals: 4, actors: 6 });
  });

  it('refuses a bad filter naming the field, through the contract, changing nothing', async () => {
    const c = newCase();
    centralAsia(c);
    const before = snapshot(c);
    const result = await callOn(c, 'pictures.network', {
      filters: { technologies: ['drones'], yearFrom: 1200 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(Object.keys(result.error.fields ?? {}).sort()).toEqual([
        'filters.technologies.0',
        'filters.yearFrom',
      ]);
    }
    expect(snapshot(c)).toEqual(before);
  });
});

describe('pictures.savePositions', () => {
  it('keeps positions across visits and reopening, overwriting in place, without audit events', () => {
    const c = newCase();
    const k = centralAsia(c);
    const events = eventCount(c);
    expect(
      savePositions(c, {
        positions: [
          { id: k.deals.sergek, x: 10.5, y: -20 },
          { id: k.actors.huawei, x: 0, y: 0 },
        ],
      }),
    ).toEqual({
      saved: 2,
    });
    savePositions(c, { picture: 'network', positions: [{ id: k.deals.sergek, x: 99, y: 98 }] });
    expect(eventCount(c)).toBe(events);
    const path = c.path;
    c.close();
    const again = reopenCase(path);
    expect(networkPicture(again, {}).positions).toEqual(
      [
        { id: k.deals.sergek, x: 99, y: 98 },
        { id: k.actors.huawei, x: 0, y: 0 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('refuses ids that name no live deal or actor, naming each entry, before writing anything', () => {
    const c = newCase();
    const k = centralAsia(c);
    const error = expectInvalid(
      c,
      () =>
        savePositions(c, {
          positions: [
            { id: k.deals.sergek, x: 1, y: 1 },
            { id: k.deals.gone, x: 1, y: 1 },
            { id: k.sources.report, x: 1, y: 1 },
            { id: k.actors.removedActor, x: 1, y: 1 },
          ],
        }),
      'positions.1.id',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'positions.1.id',
      'positions.2.id',
      'positions.3.id',
    ]);
    expect(networkPicture(c, {}).positions).toEqual([]);
  });

  it.each([
    ['an empty list', { positions: [] }, 'positions'],
    ['a coordinate out of range', { positions: [{ id: newId(), x: 1e9, y: 0 }] }, 'positions.0.x'],
    ['an id that is not a UUID', { positions: [{ id: 'node-1', x: 0, y: 0 }] }, 'positions.0.id'],
    ['an unknown picture', { picture: 'timeline', positions: [{ id: newId(), x: 0, y: 0 }] }, 'picture'],
  ])('refuses %s', (_name, input, field) => {
    const c = newCase();
    centralAsia(c);
    expectInvalid(c, () => savePositions(c, input), field);
  });
});

describe('pictures.timeline', () => {
  it('gives each deal its status steps as recorded, collapsing events that kept the status', () => {
    const c = newCase();
    const k = centralAsia(c);
    const t = timelinePicture(c, {});
    const sorm = t.deals.find((d) => d.id === k.deals.sorm);
    expect(sorm?.statusHistory.map((s) => s.status)).toEqual(['rumoured', 'announced', 'deployed']);
    const times = sorm?.statusHistory.map((s) => s.recordedAt) ?? [];
    expect([...times].sort()).toEqual(times);
    expect(t.deals.find((d) => d.id === k.deals.sergek)?.statusHistory.map((s) => s.status)).toEqual([
      'deployed',
    ]);
    expect(t.deals.map((d) => d.id)).not.toContain(k.deals.gone);
    // Grouped by country, earliest first; the deal without a country comes first.
    expect(t.deals.map((d) => d.country)).toEqual([null, 'Kazakhstan', 'Kyrgyzstan', 'Uzbekistan']);
  });

  it('dates live evidence by its source’s publication, earliest first, then the undated, and counts them', () => {
    const c = newCase();
    const k = centralAsia(c);
    const t = timelinePicture(c, {});
    expect(t.evidence.map((e) => e.date)).toEqual([
      '2018-07-02',
      '2020',
      '2020',
      '2021-02-11',
      '2021-02-11',
      '2021-03',
      null,
    ]);
    expect(t.evidence.at(-1)).toMatchObject({
      sourceTitle: 'Undated leaflet',
      stance: 'context',
      dealId: k.deals.sorm,
    });
    expect(t.undatedEvidence).toBe(1);
    expect(t.omittedEvidence).toBe(0);
    const official = t.evidence[0];
    expect(official).toMatchObject({
      claimId: k.claims.sormBought,
      dealId: k.deals.sorm,
      sourceTitle: 'Ministry statement',
      stance: 'contradicts',
      reliability: 'B',
      credibility: 2,
    });
    const general = t.evidence.find((e) => e.claimId === k.claims.general);
    expect(general?.dealId).toBeNull();
    expect(t.evidence.map((e) => e.claimId)).not.toContain(k.claims.removedClaim);
  });

  it('says how many items a limit left out, and how many are undated in all', () => {
    const c = newCase();
    centralAsia(c);
    const t = timelinePicture(c, { limit: 2 });
    expect(t.evidence).toHaveLength(2);
    expect(t.omittedEvidence).toBe(5);
    expect(t.undatedEvidence).toBe(1);
  });
});

describe('pictures.matrix', () => {
  it('gives a deal’s live claims, their evidence, and every source with its ancestors', () => {
    const c = newCase();
    const k = centralAsia(c);
    const m = matrixPicture(c, { dealId: k.deals.sergek });
    expect(m.deal).toMatchObject({
      id: k.deals.sergek,
      title: 'Sergek cameras',
      country: 'Kazakhstan',
      year: 2019,
    });
    expect(m.claims.map((cl) => cl.id).sort()).toEqual(
      [k.claims.sergekCameras, k.claims.sergekDissidents].sort(),
    );
    expect(m.evidence).toHaveLength(3);
    // The opinion piece is cited only through its copy for one claim, yet it must be there to group the line.
    expect(m.sources.map((s) => s.title)).toEqual([
      'Blog repeating the opinion piece',
      'NGO report on Sergek',
      'Opinion piece on Central Asia',
    ]);
    expect(m.sources.find((s) => s.id === k.sources.copy)?.derivedFrom).toBe(k.sources.opinion);
  });

  it('holds exactly what the confidence model needs: recomputed verdicts equal the stored ones', () => {
    const c = newCase();
    const k = centralAsia(c);
    for (const dealId of [k.deals.sergek, k.deals.sorm]) {
      const m = matrixPicture(c, { dealId });
      const sources = new Map<string, ConfidenceSource>(m.sources.map((s) => [s.id, s]));
      for (const claim of m.claims) {
        const result = corroborate({
          evidence: m.evidence.filter((e) => e.claimId === claim.id),
          sources,
          latestLikelihood: claim.latestLikelihood,
        });
        expect(result.verdict).toBe(claim.verdict);
        expect(result).toEqual(getClaim(c, claim.id).corroboration);
      }
    }
    expect(
      matrixPicture(c, { dealId: k.deals.sorm }).claims.find((cl) => cl.id === k.claims.sormBought)
        ?.latestLikelihood,
    ).toBe(6);
  });

  it('refuses a deal that does not exist or was removed', () => {
    const c = newCase();
    const k = centralAsia(c);
    expect(coreError(() => matrixPicture(c, { dealId: newId() }), 'not_found').fields).toHaveProperty(
      'dealId',
    );
    coreError(() => matrixPicture(c, { dealId: k.deals.gone }), 'not_found');
    coreError(() => matrixPicture(c, { dealId: 'sergek' }), 'invalid_input');
  });
});

describe('pictures at size', () => {
  it('answers the network of 2,000 nodes and keeps its layout (the time is a bench row)', () => {
    const c = newCase();
    const at = '2024-05-01T10:00:00.000Z';
    const dealIds: string[] = [];
    const actorIds: string[] = [];
    const technologies = ['cctv', 'lawful_intercept', 'dpi', 'spyware', 'biometrics'];
    // Straight into the tables in one transaction: this measures the reads, not 4,000 audited writes.
    c.db.transaction(() => {
      const deal = c.db.prepare(
        "INSERT INTO deals (id, title, technology, country, status, year, created_at, updated_at) VALUES (?, ?, ?, ?, 'signed', ?, ?, ?)",
      );
      const actor = c.db.prepare(
        "INSERT INTO actors (id, name, kind, country, created_at, updated_at) VALUES (?, ?, 'company', ?, ?, ?)",
      );
      const party = c.db.prepare(
        'INSERT INTO deal_parties (id, deal_id, actor_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const claim = c.db.prepare(
        "INSERT INTO claims (id, statement, deal_id, status, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?)",
      );
      for (let i = 0; i < 1000; i++) {
        const id = newId();
        dealIds.push(id);
        deal.run(
          id,
          `Deal ${i}`,
          technologies[i % technologies.length],
          `Country ${i % 30}`,
          2000 + (i % 25),
          at,
          at,
        );
        const a = newId();
        actorIds.push(a);
        actor.run(a, `Actor ${i}`, `Country ${i % 40}`, at, at);
      }
      for (let i = 0; i < 1000; i++) {
        party.run(newId(), dealIds[i], actorIds[i], 'vendor', at, at);
        party.run(newId(), dealIds[i], actorIds[(i * 7 + 3) % 1000], 'buyer', at, at);
        for (let j = 0; j < 3; j++) claim.run(newId(), `Claim ${i}.${j}`, dealIds[i], at, at);
      }
    })();
    const net = networkPicture(c, {});
    expect(net.deals).toHaveLength(1000);
    expect(net.actors).toHaveLength(1000);
    expect(net.parties).toHaveLength(2000);
    expect(net.deals.every((d) => d.claimCount === 3 && d.weakestVerdict === 'unsupported')).toBe(true);

    savePositions(c, {
      positions: [...dealIds, ...actorIds].map((id, i) => ({ id, x: i % 50, y: Math.floor(i / 50) })),
    });
    expect(networkPicture(c, {}).positions).toHaveLength(2000);
  });
});
