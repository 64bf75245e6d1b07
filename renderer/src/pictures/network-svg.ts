// The network as a standalone SVG file, drawn from the positions Cytoscape computed: a vector copy
// for reports and slides that scales without blur. Cytoscape itself only exports bitmaps, and no
// SVG plugin is installed, so the few shapes the network uses are written out here.
import type { Graph, GraphNode } from './graph-elements';

export interface SvgOptions {
  title: string;
  /** Node centres in model coordinates; nodes without one are left out, with their edges. */
  positions: ReadonlyMap<string, { x: number; y: number }>;
  /** Only these nodes and edges are drawn (the filtered view); all when absent. */
  visible?: ReadonlySet<string>;
  background?: string;
  labelColour?: string;
}

const MARGIN = 40;
const LABEL_GAP = 14;

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function n(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function dash(style: GraphNode['ring']['style']): string {
  if (style === 'dashed') return ' stroke-dasharray="8 4"';
  if (style === 'dotted') return ' stroke-dasharray="2 3"';
  return '';
}

function polygon(points: [number, number][]): string {
  return points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
}

/** The outline of one node as an SVG element with the given paint attributes. */
function shapeOf(node: GraphNode, x: number, y: number, paint: string): string {
  const r = node.size / 2;
  switch (node.shape) {
    case 'ellipse':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}"${paint}/>`;
    case 'round-rectangle':
      return `<rect x="${n(x - r)}" y="${n(y - r)}" width="${n(node.size)}" height="${n(node.size)}" rx="${n(r / 3)}"${paint}/>`;
    case 'barrel':
      return `<rect x="${n(x - r)}" y="${n(y - r * 0.8)}" width="${n(node.size)}" height="${n(r * 1.6)}" rx="${n(r / 2)}"${paint}/>`;
    case 'diamond':
      return `<polygon points="${polygon([
        [x, y - r],
        [x + r, y],
        [x, y + r],
        [x - r, y],
      ])}"${paint}/>`;
    case 'triangle':
      return `<polygon points="${polygon([
        [x, y - r],
        [x + r, y + r],
        [x - r, y + r],
      ])}"${paint}/>`;
    default: {
      const pts: [number, number][] = [];
      for (let i = 0; i < 6; i++) {
        const a = (Math.PI / 3) * i;
        pts.push([x + r * Math.cos(a), y + r * Math.sin(a)]);
      }
      return `<polygon points="${polygon(pts)}"${paint}/>`;
    }
  }
}

export function networkSvg(graph: Graph, options: SvgOptions): string {
  const shown = (id: string) => !options.visible || options.visible.has(id);
  const nodes = graph.nodes.filter((node) => shown(node.id) && options.positions.has(node.id));
  const placed = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((e) => shown(e.id) && placed.has(e.source) && placed.has(e.target));
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  nodes.forEach((node, i) => {
    const p = options.positions.get(node.id) as { x: number; y: number };
    const r = node.size / 2;
    const [x0, y0, x1, y1] = [p.x - r, p.y - r, p.x + r, p.y + r + LABEL_GAP + 4];
    if (i === 0) [minX, minY, maxX, maxY] = [x0, y0, x1, y1];
    else
      [minX, minY, maxX, maxY] = [
        Math.min(minX, x0),
        Math.min(minY, y0),
        Math.max(maxX, x1),
        Math.max(maxY, y1),
      ];
  });
  const width = maxX - minX + 2 * MARGIN;
  const height = maxY - minY + 2 * MARGIN;
  const label = options.labelColour ?? '#1F2328';
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(minX - MARGIN)} ${n(minY - MARGIN)} ${n(width)} ${n(height)}" ` +
      `width="${n(width)}" height="${n(height)}" role="img" aria-labelledby="network-title" font-family="system-ui, sans-serif">`,
  );
  out.push(`<title id="network-title">${escapeXml(options.title)}</title>`);
  out.push(`<desc>${escapeXml(`${nodes.length} nodes and ${edges.length} links`)}</desc>`);
  out.push(
    `<rect x="${n(minX - MARGIN)}" y="${n(minY - MARGIN)}" width="${n(width)}" height="${n(height)}" fill="${options.background ?? '#FFFFFF'}"/>`,
  );
  out.push('<g class="edges">');
  for (const e of edges) {
    const s = options.positions.get(e.source) as { x: number; y: number };
    const t = options.positions.get(e.target) as { x: number; y: number };
    out.push(
      `<g class="edge"><title>${escapeXml(e.description)}</title>` +
        `<line x1="${n(s.x)}" y1="${n(s.y)}" x2="${n(t.x)}" y2="${n(t.y)}" stroke="${e.colour}" stroke-width="2.5" stroke-opacity="0.8"/>` +
        `<text x="${n((s.x + t.x) / 2)}" y="${n((s.y + t.y) / 2 - 3)}" font-size="9" text-anchor="middle" fill="${label}" opacity="0.75">${escapeXml(e.label)}</text></g>`,
    );
  }
  out.push('</g><g class="nodes">');
  for (const node of nodes) {
    const p = options.positions.get(node.id) as { x: number; y: number };
    const ring = node.ring;
    const parts = [`<g class="node ${node.kind}"><title>${escapeXml(node.description)}</title>`];
    parts.push(
      shapeOf(
        node,
        p.x,
        p.y,
        ` fill="${node.fill}" stroke="${ring.colour}" stroke-width="${n(ring.width)}"${dash(ring.style)}`,
      ),
    );
    if (ring.style === 'double') {
      // Two rings read as "double" in print as on screen: a light line through the middle of the stroke.
      parts.push(
        shapeOf(node, p.x, p.y, ` fill="none" stroke="#FFFFFF" stroke-width="${n(ring.width / 3)}"`),
      );
    }
    parts.push(
      `<text x="${n(p.x)}" y="${n(p.y + node.size / 2 + LABEL_GAP)}" font-size="11" text-anchor="middle" fill="${label}">${escapeXml(node.label)}</text></g>`,
    );
    out.push(parts.join(''));
  }
  out.push('</g></svg>');
  return out.join('\n');
}
