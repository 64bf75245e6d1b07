// The deal network as plain nodes and edges: what each looks like (colour by technology, size by
// claims, ring by weakest verdict), which a filter keeps, and where each sits. Pure, so it is
// tested with table cases and at 2,000 nodes without a canvas; DealNetwork.tsx hands the result
// to Cytoscape as it is.
import type { ActorKind, DealStatus, PartyRole, Technology } from '../../../electron/schema/enums';
import type { Verdict } from '../../../electron/schema/inputs';
import {
  filterNetwork,
  type NetworkFilters,
  type NetworkPicture,
  type NodePosition,
} from '../../../electron/schema/pictures';
import { plural } from '../../../electron/schema/plural';
import {
  actorKindLabels,
  dealStatusLabels,
  partyRoleLabels,
  technologyLabels,
  verdictLabels,
} from '../labels';
import {
  actorBorder,
  actorFill,
  actorShapes,
  type RingStyle,
  technologyColours,
  verdictRings,
} from './palette';

export interface GraphNode {
  id: string;
  kind: 'deal' | 'actor';
  /** The full title or name; `label` is the short form drawn on the canvas. */
  name: string;
  label: string;
  /** The whole sentence a screen reader hears for this node. */
  description: string;
  size: number;
  shape: string;
  fill: string;
  ring: { colour: string; style: RingStyle; width: number };
  claimCount: number;
  technology: Technology | null;
  actorKind: ActorKind | null;
  status: DealStatus | null;
  verdict: Verdict | null;
  country: string | null;
  year: number | null;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  role: PartyRole;
  label: string;
  colour: string;
  actorName: string;
  dealTitle: string;
  description: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const MIN_DEAL = 34;
const MIN_ACTOR = 26;
const MAX_SIZE = 96;

/** Area grows with the number of claims, so a deal with 16 claims is not 16 times as wide as one with 1. */
export function nodeSize(kind: 'deal' | 'actor', claimCount: number): number {
  const base = kind === 'deal' ? MIN_DEAL : MIN_ACTOR;
  return Math.min(MAX_SIZE, Math.round(base + 9 * Math.sqrt(Math.max(0, claimCount))));
}

/** Long titles are cut on the canvas only; the full text stays in the accessible description. */
export function shortLabel(text: string, max = 48): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export function graphOf(net: Pick<NetworkPicture, 'deals' | 'actors' | 'parties'>): Graph {
  const nodes: GraphNode[] = [];
  const dealTech = new Map<string, Technology>();
  const titles = new Map<string, string>();
  for (const d of net.deals) {
    dealTech.set(d.id, d.technology);
    titles.set(d.id, d.title);
    const ring = verdictRings[d.weakestVerdict ?? 'none'];
    const where = [d.country, d.year?.toString()].filter(Boolean).join(', ');
    nodes.push({
      id: d.id,
      kind: 'deal',
      name: d.title,
      label: shortLabel(d.title),
      description:
        `Deal: ${d.title}` +
        `${where ? ` (${where})` : ''}; ${technologyLabels[d.technology]}; ${dealStatusLabels[d.status]}; ` +
        `${plural(d.claimCount, 'claim')}; ${d.weakestVerdict ? `weakest verdict ${verdictLabels[d.weakestVerdict].toLowerCase()}` : 'no claims yet'}`,
      size: nodeSize('deal', d.claimCount),
      shape: 'round-rectangle',
      fill: technologyColours[d.technology],
      ring: { colour: ring.colour, style: ring.style, width: ring.width },
      claimCount: d.claimCount,
      technology: d.technology,
      actorKind: null,
      status: d.status,
      verdict: d.weakestVerdict,
      country: d.country,
      year: d.year,
    });
  }
  for (const a of net.actors) {
    titles.set(a.id, a.name);
    nodes.push({
      id: a.id,
      kind: 'actor',
      name: a.name,
      label: shortLabel(a.name),
      description:
        `${actorKindLabels[a.kind]}: ${a.name}${a.country ? ` (${a.country})` : ''}; ` +
        `party to ${plural(a.dealCount, 'deal')}; ${plural(a.claimCount, 'claim')}`,
      size: nodeSize('actor', a.claimCount),
      shape: actorShapes[a.kind],
      fill: actorFill,
      ring: { colour: actorBorder, style: 'solid', width: 1.5 },
      claimCount: a.claimCount,
      technology: null,
      actorKind: a.kind,
      status: null,
      verdict: null,
      country: a.country,
      year: null,
    });
  }
  const edges: GraphEdge[] = [];
  for (const p of net.parties) {
    const tech = dealTech.get(p.dealId);
    const actorName = titles.get(p.actorId);
    const dealTitle = titles.get(p.dealId);
    if (!tech || actorName === undefined || dealTitle === undefined) continue;
    edges.push({
      id: p.id,
      source: p.actorId,
      target: p.dealId,
      role: p.role,
      label: partyRoleLabels[p.role].toLowerCase(),
      colour: technologyColours[tech],
      actorName,
      dealTitle,
      description: `${actorName} — ${partyRoleLabels[p.role].toLowerCase()} — ${dealTitle}`,
    });
  }
  return { nodes, edges };
}

/** Ids of the nodes and edges a filter keeps (the rest are hidden, never removed, so positions hold). */
export function visibleIds(
  net: Pick<NetworkPicture, 'deals' | 'actors' | 'parties'>,
  filters: NetworkFilters | undefined,
): Set<string> {
  const kept = filterNetwork(net, filters);
  return new Set([
    ...kept.deals.map((d) => d.id),
    ...kept.actors.map((a) => a.id),
    ...kept.parties.map((p) => p.id),
  ]);
}

export type LayoutName = 'cose' | 'concentric';

/**
 * Cose (force-directed) reads best but costs O(n²) per iteration; past a few hundred nodes the
 * concentric layout (by number of links) stays instant. Either runs once: its result is kept.
 */
export function layoutFor(nodeCount: number): LayoutName {
  return nodeCount <= 400 ? 'cose' : 'concentric';
}

/**
 * Levels for the concentric layout of a large network, most connected nodes in the middle. Each
 * ring holds room for six more nodes than the one inside it, so the rings fill a disc evenly
 * instead of stringing thousands of nodes on a few huge circles. Higher level = nearer the centre.
 */
export function concentricLevels(graph: Graph): Map<string, number> {
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const ranked = [...graph.nodes].sort(
    (a, b) =>
      (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) ||
      b.claimCount - a.claimCount ||
      a.id.localeCompare(b.id),
  );
  const rings: number[] = [];
  let ring = 0;
  let room = 1;
  for (let i = 0; i < ranked.length; i++) {
    if (room === 0) {
      ring++;
      room = 6 * ring;
    }
    rings.push(ring);
    room--;
  }
  const outermost = ring;
  return new Map(ranked.map((n, i) => [n.id, outermost - (rings[i] as number)]));
}

export interface Placement {
  positions: Map<string, { x: number; y: number }>;
  /** No usable layout is stored (a first visit, or most nodes new): run the layout on everything. */
  needsLayout: boolean;
  /** Nodes that had no stored position and were placed here. */
  placed: string[];
}

/**
 * Stored positions are reused; a node that has none is put beside the nodes it is linked to (or
 * in a row under the picture when it has no placed neighbour), so adding a deal does not reshuffle
 * the map the investigator has learned. When most nodes lack positions, a layout is needed instead.
 */
export function placeNodes(graph: Graph, stored: readonly NodePosition[]): Placement {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const positions = new Map<string, { x: number; y: number }>();
  for (const p of stored) if (ids.has(p.id)) positions.set(p.id, { x: p.x, y: p.y });
  const missing = graph.nodes.filter((n) => !positions.has(n.id)).map((n) => n.id);
  if (graph.nodes.length === 0) return { positions, needsLayout: false, placed: [] };
  if (missing.length * 2 > graph.nodes.length) return { positions, needsLayout: true, placed: [] };

  const neighbours = new Map<string, string[]>();
  for (const e of graph.edges) {
    neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target]);
    neighbours.set(e.target, [...(neighbours.get(e.target) ?? []), e.source]);
  }
  let minX = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of positions.values()) {
    minX = Math.min(minX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  let row = 0;
  missing.forEach((id, i) => {
    const placedNeighbours = (neighbours.get(id) ?? []).flatMap((n) => {
      const p = positions.get(n);
      return p ? [p] : [];
    });
    if (placedNeighbours.length > 0) {
      const cx = placedNeighbours.reduce((s, p) => s + p.x, 0) / placedNeighbours.length;
      const cy = placedNeighbours.reduce((s, p) => s + p.y, 0) / placedNeighbours.length;
      // A fixed angle per node keeps siblings of one neighbour from landing on the same spot.
      const angle = (i * 2.399963) % (2 * Math.PI);
      positions.set(id, { x: cx + 70 * Math.cos(angle), y: cy + 70 * Math.sin(angle) });
    } else {
      positions.set(id, { x: minX + row * 90, y: maxY + 120 });
      row++;
    }
  });
  return { positions, needsLayout: false, placed: missing };
}

/**
 * Force-directed layouts come out in any orientation; a network that runs tall in a wide window is
 * drawn small. Turning it a quarter (x and y swapped) makes it fill the frame; distances, and so the
 * picture itself, are unchanged.
 */
export function orientToFrame(
  positions: ReadonlyMap<string, { x: number; y: number }>,
  frame: { width: number; height: number },
): Map<string, { x: number; y: number }> {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of positions.values()) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const out = new Map(positions);
  if (positions.size < 2 || frame.width <= 0 || frame.height <= 0) return out;
  const tall = maxY - minY > (maxX - minX) * 1.15;
  const wide = maxX - minX > (maxY - minY) * 1.15;
  const frameWide = frame.width > frame.height;
  if ((tall && frameWide) || (wide && !frameWide)) {
    for (const [id, p] of positions) out.set(id, { x: p.y, y: p.x });
  }
  return out;
}

/**
 * In a large network only the most connected nodes carry a label on the canvas: two thousand labels
 * are unreadable and costly to measure. The rest show theirs on hover, and all are in the tables.
 */
export function labelledNodes(graph: Graph, max: number): Set<string> {
  if (graph.nodes.length <= max) return new Set(graph.nodes.map((n) => n.id));
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const ranked = [...graph.nodes].sort(
    (a, b) =>
      (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) ||
      b.claimCount - a.claimCount ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
  return new Set(ranked.slice(0, max).map((n) => n.id));
}

/** Counts for the caption: "4 deals, 6 actors, 9 links (of 12 deals)". */
export function graphCounts(
  graph: Graph,
  visible: Set<string>,
): { deals: number; actors: number; links: number } {
  let deals = 0;
  let actors = 0;
  for (const n of graph.nodes) {
    if (!visible.has(n.id)) continue;
    if (n.kind === 'deal') deals++;
    else actors++;
  }
  return { deals, actors, links: graph.edges.filter((e) => visible.has(e.id)).length };
}
