// The network's SVG export: a file another program can open, with every visible node and link
// where Cytoscape put it, and nothing from the record text able to break out of the markup.
import { type Graph, graphOf } from '../../renderer/src/pictures/graph-elements';
import { escapeXml, networkSvg } from '../../renderer/src/pictures/network-svg';

const D1 = '00000000-0000-7000-8000-000000000001';
const D2 = '00000000-0000-7000-8000-000000000002';
const A1 = '00000000-0000-7000-8000-000000000003';
const A2 = '00000000-0000-7000-8000-000000000004';
const P1 = '00000000-0000-7000-8000-000000000005';
const P2 = '00000000-0000-7000-8000-000000000006';

function graph(): Graph {
  const counts = { unsupported: 0, single_source: 1, corroborated: 0, contested: 1 };
  return graphOf({
    deals: [
      {
        id: D1,
        title: 'Cameras <for> "Almaty" & Astana',
        technology: 'cctv',
        country: 'Kazakhstan',
        status: 'signed',
        year: 2019,
        claimCount: 2,
        verdictCounts: counts,
        weakestVerdict: 'contested',
      },
      {
        id: D2,
        title: 'DPI tender',
        technology: 'dpi',
        country: null,
        status: 'rumoured',
        year: null,
        claimCount: 0,
        verdictCounts: { ...counts, single_source: 0, contested: 0 },
        weakestVerdict: null,
      },
    ],
    actors: [
      { id: A1, name: 'Huawei', kind: 'company', country: 'China', claimCount: 2, dealCount: 1 },
      { id: A2, name: 'Ministry', kind: 'government', country: 'Kazakhstan', claimCount: 2, dealCount: 1 },
    ],
    parties: [
      { id: P1, dealId: D1, actorId: A1, role: 'vendor' },
      { id: P2, dealId: D1, actorId: A2, role: 'buyer' },
    ],
  });
}

const positions = new Map([
  [D1, { x: 0, y: 0 }],
  [D2, { x: 300, y: 0 }],
  [A1, { x: -150, y: 100 }],
  [A2, { x: 150, y: 100 }],
]);

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('networkSvg', () => {
  it('draws every node and link as well-formed SVG, with titles for each', () => {
    const doc = parse(networkSvg(graph(), { title: 'Deal network — Central Asia', positions }));
    expect(doc.querySelectorAll('g.node')).toHaveLength(4);
    expect(doc.querySelectorAll('g.node.deal')).toHaveLength(2);
    expect(doc.querySelectorAll('g.edge line')).toHaveLength(2);
    expect(doc.querySelector('svg > title')?.textContent).toBe('Deal network — Central Asia');
    const labels = [...doc.querySelectorAll('g.node > text')].map((t) => t.textContent);
    expect(labels).toContain('Cameras <for> "Almaty" & Astana');
    expect(doc.querySelector('g.edge title')?.textContent).toBe(
      'Huawei — vendor — Cameras <for> "Almaty" & Astana',
    );
  });

  it.each([
    ['a contested deal gets a double ring (two outlines)', D1, 2],
    ['a deal without claims one outline', D2, 1],
    ['an actor one outline', A1, 1],
  ])('%s', (_name, nodeId, shapes) => {
    const doc = parse(networkSvg(graph(), { title: 't', positions }));
    const index = graph().nodes.findIndex((n) => n.id === nodeId);
    const node = doc.querySelectorAll('g.node')[index] as Element;
    expect(node.querySelectorAll('rect, circle, polygon')).toHaveLength(shapes);
  });

  it('draws only the visible part of a filtered picture', () => {
    const doc = parse(networkSvg(graph(), { title: 't', positions, visible: new Set([D1, A1, P1]) }));
    expect(doc.querySelectorAll('g.node')).toHaveLength(2);
    expect(doc.querySelectorAll('g.edge')).toHaveLength(1);
    expect(doc.querySelector('desc')?.textContent).toBe('2 nodes and 1 links');
  });

  it('frames the drawing around the nodes with a margin', () => {
    const doc = parse(networkSvg(graph(), { title: 't', positions }));
    const [x, y, w, h] = (doc.documentElement.getAttribute('viewBox') ?? '').split(' ').map(Number);
    // Leftmost: the actor at -150, 39 px wide (2 claims), then the 40 px margin.
    expect(x).toBe(-150 - 39 / 2 - 40);
    expect(y).toBeLessThan(-20);
    expect((x as number) + (w as number)).toBeGreaterThan(300 + 17);
    expect((y as number) + (h as number)).toBeGreaterThan(100);
  });

  it('leaves out nodes without a position, and their links', () => {
    const doc = parse(
      networkSvg(graph(), {
        title: 't',
        positions: new Map([
          [D1, { x: 0, y: 0 }],
          [A1, { x: 10, y: 10 }],
        ]),
      }),
    );
    expect(doc.querySelectorAll('g.node')).toHaveLength(2);
    expect(doc.querySelectorAll('g.edge')).toHaveLength(1);
  });

  it.each([
    ['<script>', '&#60;script&#62;'],
    ['a & b', 'a &#38; b'],
    [`"quoted" 'single'`, '&#34;quoted&#34; &#39;single&#39;'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeXml(text)).toBe(escaped);
  });
});
