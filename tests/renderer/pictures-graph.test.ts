// The deal network's shaping: what each node and edge looks like, what a filter keeps, where new
// nodes go, and that it all holds at 2,000 nodes.
import type {
  NetworkActor,
  NetworkDeal,
  NetworkFilters,
  NetworkParty,
  NetworkPicture,
} from '../../electron/schema/pictures';
import { emptyVerdictCounts, weakestOf } from '../../electron/schema/pictures';
import {
  concentricLevels,
  graphCounts,
  graphOf,
  labelledNodes,
  layoutFor,
  nodeSize,
  orientToFrame,
  placeNodes,
  shortLabel,
  visibleIds,
} from '../../renderer/src/pictures/graph-elements';
import { networkSvg } from '../../renderer/src/pictures/network-svg';
import { technologyColours, verdictRings } from '../../renderer/src/pictures/palette';

let seq = 0;
const id = () => `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

function deal(title: string, over: Partial<NetworkDeal> = {}): NetworkDeal {
  const verdictCounts = { ...emptyVerdictCounts(), ...over.verdictCounts };
  return {
    id: id(),
    title,
    technology: 'cctv',
    country: null,
    status: 'signed',
    year: null,
    claimCount: Object.values(verdictCounts).reduce((a, b) => a + b, 0),
    ...over,
    verdictCounts,
    weakestVerdict: weakestOf(verdictCounts),
  };
}

function actor(name: string, over: Partial<NetworkActor> = {}): NetworkActor {
  return { id: id(), name, kind: 'company', country: null, claimCount: 0, dealCount: 0, ...over };
}

function party(d: NetworkDeal, a: NetworkActor, role: NetworkParty['role'] = 'vendor'): NetworkParty {
  return { id: id(), dealId: d.id, actorId: a.id, role };
}

function centralAsia() {
  const sergek = deal('Sergek', {
    country: 'Kazakhstan',
    year: 2019,
    verdictCounts: { corroborated: 1, single_source: 2 } as never,
  });
  const sorm = deal('SORM for Kyrgyzstan', {
    technology: 'lawful_intercept',
    country: 'Kyrgyzstan',
    year: 2015,
    status: 'deployed',
    verdictCounts: { contested: 1, single_source: 1 } as never,
  });
  const safeCity = deal('Safe City Tashkent', { country: 'Uzbekistan', year: 2019 });
  const huawei = actor('Huawei', { country: 'China', claimCount: 3, dealCount: 2 });
  const oniks = actor('Oniks-Line', { country: 'Russia', claimCount: 2, dealCount: 1 });
  const kyrgyz = actor('Government of Kyrgyzstan', {
    kind: 'government',
    country: 'Kyrgyzstan',
    claimCount: 2,
    dealCount: 1,
  });
  const loner = actor('Unlinked consultancy', { country: 'Latvia' });
  const parties = [
    party(sergek, huawei),
    party(safeCity, huawei),
    party(sorm, oniks),
    party(sorm, kyrgyz, 'buyer'),
  ];
  const net: Pick<NetworkPicture, 'deals' | 'actors' | 'parties'> = {
    deals: [sergek, sorm, safeCity],
    actors: [huawei, oniks, kyrgyz, loner],
    parties,
  };
  return { net, sergek, sorm, safeCity, huawei, oniks, kyrgyz, loner, parties };
}

describe('nodes and edges', () => {
  it.each([
    ['deal', 0, 34],
    ['deal', 1, 43],
    ['deal', 4, 52],
    ['deal', 16, 70],
    ['deal', 10_000, 96],
    ['actor', 0, 26],
    ['actor', 9, 53],
  ] as const)('a %s with %i claims is %i px wide', (kind, claims, size) => {
    expect(nodeSize(kind, claims)).toBe(size);
  });

  it('sizes grow with claims and never shrink', () => {
    for (let n = 0; n < 200; n++) expect(nodeSize('deal', n + 1)).toBeGreaterThanOrEqual(nodeSize('deal', n));
  });

  it.each([
    ['Sergek', 'Sergek'],
    ['  padded  ', 'padded'],
    [
      'A very long deal title that goes on and on about cameras and more',
      'A very long deal title that goes on and on abou…',
    ],
    ['Exactly forty-eight characters long, no cut.....', 'Exactly forty-eight characters long, no cut.....'],
  ])('labels %j as %j on the canvas', (text, label) => {
    expect(shortLabel(text)).toBe(label);
  });

  it('colours deals and their links by technology and rings each deal with its weakest verdict', () => {
    const k = centralAsia();
    const g = graphOf(k.net);
    const node = (x: { id: string }) => g.nodes.find((n) => n.id === x.id);
    expect(node(k.sergek)).toMatchObject({
      kind: 'deal',
      fill: technologyColours.cctv,
      verdict: 'single_source',
      ring: { colour: verdictRings.single_source.colour, style: 'dashed' },
      size: nodeSize('deal', 3),
      shape: 'round-rectangle',
    });
    expect(node(k.sorm)).toMatchObject({
      fill: technologyColours.lawful_intercept,
      verdict: 'contested',
      ring: { style: 'double' },
    });
    expect(node(k.safeCity)).toMatchObject({ verdict: null, ring: { colour: verdictRings.none.colour } });
    expect(node(k.kyrgyz)).toMatchObject({ kind: 'actor', shape: 'hexagon', size: nodeSize('actor', 2) });
    const sormLinks = g.edges.filter((e) => e.target === k.sorm.id);
    expect(sormLinks.map((e) => [e.label, e.colour]).sort()).toEqual([
      ['buyer', technologyColours.lawful_intercept],
      ['vendor', technologyColours.lawful_intercept],
    ]);
    expect(g.edges.find((e) => e.source === k.kyrgyz.id)?.description).toBe(
      'Government of Kyrgyzstan — buyer — SORM for Kyrgyzstan',
    );
  });

  it('describes each node in words a screen reader can say', () => {
    const k = centralAsia();
    const g = graphOf(k.net);
    expect(g.nodes.find((n) => n.id === k.sorm.id)?.description).toBe(
      'Deal: SORM for Kyrgyzstan (Kyrgyzstan, 2015); Lawful intercept; Deployed; 2 claims; weakest verdict contested',
    );
    expect(g.nodes.find((n) => n.id === k.safeCity.id)?.description).toMatch(/0 claims; no claims yet$/);
    expect(g.nodes.find((n) => n.id === k.huawei.id)?.description).toBe(
      'Company: Huawei (China); party to 2 deals; 3 claims',
    );
  });

  it('drops an edge whose deal or actor is not in the picture', () => {
    const k = centralAsia();
    const g = graphOf({ ...k.net, actors: k.net.actors.filter((a) => a.id !== k.oniks.id) });
    expect(g.edges.some((e) => e.source === k.oniks.id)).toBe(false);
    expect(g.edges).toHaveLength(3);
  });
});

describe('filters', () => {
  it.each([
    [
      'no filter: everything, the unlinked actor too',
      undefined,
      ['sergek', 'sorm', 'safeCity', 'huawei', 'oniks', 'kyrgyz', 'loner'],
      4,
    ],
    ['technology', { technologies: ['lawful_intercept'] }, ['sorm', 'oniks', 'kyrgyz'], 2],
    ['a party’s country', { countries: ['china'] }, ['sergek', 'safeCity', 'huawei'], 2],
    ['year range', { yearFrom: 2016 }, ['sergek', 'safeCity', 'huawei'], 2],
    ['verdict', { verdicts: ['contested'] }, ['sorm', 'oniks', 'kyrgyz'], 2],
    ['verdict (no claims never matches)', { verdicts: ['unsupported'] }, [], 0],
    [
      'empty lists are no filter',
      { countries: [], technologies: [] },
      ['sergek', 'sorm', 'safeCity', 'huawei', 'oniks', 'kyrgyz', 'loner'],
      4,
    ],
  ] as const)('%s', (_name, filters, keys, links) => {
    const k = centralAsia();
    const visible = visibleIds(k.net, filters as NetworkFilters | undefined);
    const nodeIds = keys.map((key) => (k as unknown as Record<string, { id: string }>)[key]?.id);
    const g = graphOf(k.net);
    expect(
      g.nodes
        .filter((n) => visible.has(n.id))
        .map((n) => n.id)
        .sort(),
    ).toEqual([...nodeIds].sort());
    expect(graphCounts(g, visible).links).toBe(links);
  });
});

describe('placing nodes', () => {
  it('asks for a layout on a first visit', () => {
    const k = centralAsia();
    expect(placeNodes(graphOf(k.net), [])).toMatchObject({ needsLayout: true, placed: [] });
  });

  it('keeps every stored position exactly and ignores positions of nodes no longer there', () => {
    const k = centralAsia();
    const g = graphOf(k.net);
    const stored = g.nodes.map((n, i) => ({ id: n.id, x: i * 10, y: -i }));
    const plan = placeNodes(g, [...stored, { id: id(), x: 5, y: 5 }]);
    expect(plan.needsLayout).toBe(false);
    expect(plan.placed).toEqual([]);
    expect([...plan.positions.entries()].sort()).toEqual(
      stored.map((s) => [s.id, { x: s.x, y: s.y }]).sort(),
    );
  });

  it('puts a new node beside its linked neighbours, and an unlinked one in a row below', () => {
    const k = centralAsia();
    const g = graphOf(k.net);
    const stored = g.nodes
      .filter((n) => n.id !== k.oniks.id && n.id !== k.loner.id)
      .map((n, i) => ({ id: n.id, x: 100 * i, y: 50 * (i % 2) }));
    const plan = placeNodes(g, stored);
    expect(plan.needsLayout).toBe(false);
    expect(plan.placed.sort()).toEqual([k.oniks.id, k.loner.id].sort());
    const sorm = plan.positions.get(k.sorm.id) as { x: number; y: number };
    const oniks = plan.positions.get(k.oniks.id) as { x: number; y: number };
    expect(Math.hypot(oniks.x - sorm.x, oniks.y - sorm.y)).toBeCloseTo(70, 5);
    const loner = plan.positions.get(k.loner.id) as { x: number; y: number };
    expect(loner.y).toBeGreaterThan(Math.max(...stored.map((s) => s.y)));
  });

  it('runs a new layout when most nodes are new', () => {
    const k = centralAsia();
    const g = graphOf(k.net);
    expect(placeNodes(g, [{ id: k.sergek.id, x: 0, y: 0 }]).needsLayout).toBe(true);
  });

  it.each([
    [10, 'cose'],
    [400, 'cose'],
    [401, 'concentric'],
    [2_000, 'concentric'],
  ] as const)('uses %i nodes → %s', (count, layout) => {
    expect(layoutFor(count)).toBe(layout);
  });
});

describe('orienting and labelling', () => {
  const points = (list: [number, number][]) => new Map(list.map(([x, y], i) => [`n${i}`, { x, y }]));

  it.each([
    [
      'a tall picture in a wide frame is turned',
      [
        [0, 0],
        [10, 300],
        [20, 600],
      ],
      { width: 1200, height: 600 },
      true,
    ],
    [
      'a wide picture in a wide frame stays',
      [
        [0, 0],
        [300, 10],
        [600, 20],
      ],
      { width: 1200, height: 600 },
      false,
    ],
    [
      'a wide picture in a tall frame is turned',
      [
        [0, 0],
        [300, 10],
        [600, 20],
      ],
      { width: 400, height: 900 },
      true,
    ],
    [
      'a square picture stays',
      [
        [0, 0],
        [100, 100],
        [0, 100],
        [100, 0],
      ],
      { width: 1200, height: 600 },
      false,
    ],
    ['a single node stays', [[5, 9]], { width: 1200, height: 600 }, false],
  ] as const)('%s', (_name, list, frame, turned) => {
    const before = points(list as unknown as [number, number][]);
    const after = orientToFrame(before, frame);
    for (const [id, p] of before) {
      expect(after.get(id)).toEqual(turned ? { x: p.y, y: p.x } : p);
    }
  });

  it('labels every node of a small network, and only the best-connected of a large one', () => {
    const k = centralAsia();
    const g = graphOf(k.net);
    expect(labelledNodes(g, 150).size).toBe(g.nodes.length);
    const top = labelledNodes(g, 2);
    // Huawei (2 links) and SORM (2 links) lead; ties go to more claims, then the name.
    expect([...top].sort()).toEqual([k.huawei.id, k.sorm.id].sort());
  });

  it('fills the concentric rings from the middle, best-connected first, six more per ring', () => {
    const k = centralAsia();
    const g = graphOf(k.net);
    const levels = concentricLevels(g);
    expect(levels.size).toBe(g.nodes.length);
    const counts = new Map<number, number>();
    for (const level of levels.values()) counts.set(level, (counts.get(level) ?? 0) + 1);
    // Seven nodes: one in the middle (level 1), six around it (level 0).
    expect(Object.fromEntries(counts)).toEqual({ 1: 1, 0: 6 });
    expect(levels.get(k.huawei.id)).toBe(1);
    expect(levels.get(k.loner.id)).toBe(0);
  });
});

describe('at 2,000 nodes', () => {
  it('shapes, filters and places 1,000 deals and 1,000 actors in well under a frame budget per step', () => {
    const technologies = ['cctv', 'lawful_intercept', 'dpi', 'spyware'] as const;
    const deals = Array.from({ length: 1000 }, (_, i) =>
      deal(`Deal ${i}`, {
        technology: technologies[i % 4],
        country: `Country ${i % 30}`,
        year: 2000 + (i % 25),
        verdictCounts: { single_source: i % 3, corroborated: 1 } as never,
      }),
    );
    const actors = Array.from({ length: 1000 }, (_, i) =>
      actor(`Actor ${i}`, { country: `Country ${i % 40}` }),
    );
    const parties = deals.flatMap((d, i) => [
      party(d, actors[i] as NetworkActor),
      party(d, actors[(i * 7 + 3) % 1000] as NetworkActor, 'buyer'),
    ]);
    const net = { deals, actors, parties };
    let t = performance.now();
    const g = graphOf(net);
    const shapeMs = performance.now() - t;
    t = performance.now();
    const visible = visibleIds(net, {
      technologies: ['cctv'],
      verdicts: ['single_source'],
      countries: ['Country 4'],
    });
    const filterMs = performance.now() - t;
    const stored = g.nodes.slice(0, 1900).map((n, i) => ({ id: n.id, x: i, y: i }));
    t = performance.now();
    const plan = placeNodes(g, stored);
    const placeMs = performance.now() - t;
    t = performance.now();
    const levels = concentricLevels(g);
    const levelMs = performance.now() - t;
    t = performance.now();
    const svg = networkSvg(g, { title: 'Deal network', positions: plan.positions });
    const svgMs = performance.now() - t;
    // Rings of 1, 6, 12, … hold 1 + 3k(k + 1) nodes up to ring k: 2,000 first fit at k = 26.
    expect(Math.max(...levels.values())).toBe(26);
    expect(g.nodes).toHaveLength(2000);
    expect(g.edges).toHaveLength(2000);
    expect(plan.placed).toHaveLength(100);
    expect(plan.positions.size).toBe(2000);
    expect(graphCounts(g, visible).deals).toBeGreaterThan(0);
    expect(svg.match(/<g class="node /g)).toHaveLength(2000);
    console.info(
      `graph of 2,000 nodes: shape ${shapeMs.toFixed(1)} ms, filter ${filterMs.toFixed(1)} ms, place ${placeMs.toFixed(1)} ms, ` +
        `rings ${levelMs.toFixed(1)} ms, svg ${svgMs.toFixed(1)} ms`,
    );
    // Times are printed, not asserted: on a shared machine a bound is a coin toss (the bench measures).
  });
});
