// The Cytoscape canvas of the deal network. It draws what graph-elements.ts shaped, runs a built-in
// layout only when no stored one fits, hands every position the investigator settles on back to be
// kept in the case file, and hides (never removes) what a filter leaves out so nothing moves.
import cytoscape, {
  type Core,
  type ElementDefinition,
  type LayoutOptions,
  type StylesheetStyle,
} from 'cytoscape';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import type { NodePosition } from '../../../electron/schema/pictures';
import {
  concentricLevels,
  type Graph,
  labelledNodes,
  layoutFor,
  orientToFrame,
  placeNodes,
} from './graph-elements';

export interface NetworkCanvasHandle {
  /** PNG of the whole (visible) network as a data URL. */
  png(): string | null;
  /** Current centre of every node, in model coordinates. */
  positions(): Map<string, { x: number; y: number }>;
  relayout(): void;
}

interface Props {
  graph: Graph;
  stored: readonly NodePosition[];
  visible: ReadonlySet<string>;
  label: string;
  onOpen(kind: 'deal' | 'actor', id: string): void;
  onPositions(positions: NodePosition[]): void;
  /** Told once a drawing (and any layout) is on screen: its size and how long it took. */
  onDrawn?(info: { nodes: number; edges: number; ms: number; layout: string | null }): void;
}

/** Past this many elements, drawing favours speed: straight "haystack" links without labels. */
const LARGE = 1200;
/** Nodes labelled on the canvas at most; the others on hover (graph-elements.ts labelledNodes). */
const LABELLED = 150;

function cssVar(el: Element, name: string, fallback: string): string {
  const value = getComputedStyle(el).getPropertyValue(name).trim();
  return value || fallback;
}

function stylesheet(large: boolean, text: string, surface: string): StylesheetStyle[] {
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        shape: 'data(shape)' as never,
        'background-color': 'data(fill)',
        'border-color': 'data(ringColour)',
        'border-width': 'data(ringWidth)',
        'border-style': 'data(ringStyle)' as never,
        label: 'data(label)',
        color: text,
        'font-size': 12,
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        'font-family': 'system-ui, sans-serif',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-background-color': surface,
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 5,
      },
    },
    { selector: 'node.deal', style: { 'font-weight': 600 } },
    {
      selector: 'edge',
      style: large
        ? { width: 3, 'line-color': 'data(colour)', opacity: 0.45, 'curve-style': 'haystack' }
        : {
            width: 2.5,
            'line-color': 'data(colour)',
            opacity: 0.85,
            'curve-style': 'straight',
            label: 'data(label)',
            'font-size': 10,
            color: text,
            'text-rotation': 'autorotate',
            'text-background-color': surface,
            'text-background-opacity': 0.8,
            'text-background-padding': '1px',
            'min-zoomed-font-size': 6,
          },
    },
    { selector: 'node.hover', style: { label: 'data(hoverLabel)', 'z-index': 10 } },
    {
      selector: 'node:selected',
      style: { 'overlay-color': '#2f6fde', 'overlay-opacity': 0.18, 'overlay-padding': 6 },
    },
    { selector: '.filtered-out', style: { display: 'none' } },
  ];
}

function layoutOptions(graph: Graph): LayoutOptions {
  if (layoutFor(graph.nodes.length) === 'cose') {
    return {
      name: 'cose',
      animate: false,
      randomize: true,
      padding: 30,
      nodeDimensionsIncludeLabels: false,
      // Long enough for a role ("intermediary") to be read along the link.
      idealEdgeLength: () => 110,
      nodeRepulsion: () => 9000,
      nodeOverlap: 20,
      gravity: 0.6,
      componentSpacing: 60,
      numIter: 2000,
      fit: false,
    };
  }
  const levels = concentricLevels(graph);
  return {
    name: 'concentric',
    animate: false,
    padding: 30,
    minNodeSpacing: 10,
    concentric: (node) => levels.get(node.id()) ?? 0,
    levelWidth: () => 1,
    fit: false,
  };
}

function elementsOf(graph: Graph, positions: Map<string, { x: number; y: number }>): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  const labelled = labelledNodes(graph, LABELLED);
  for (const n of graph.nodes) {
    const position = positions.get(n.id);
    out.push({
      group: 'nodes',
      data: {
        id: n.id,
        kind: n.kind,
        label: labelled.has(n.id) ? n.label : '',
        hoverLabel: n.label,
        size: n.size,
        shape: n.shape,
        fill: n.fill,
        ringColour: n.ring.colour,
        ringWidth: n.ring.width,
        ringStyle: n.ring.style,
      },
      classes: n.kind,
      ...(position ? { position: { ...position } } : {}),
    });
  }
  for (const e of graph.edges) {
    out.push({
      group: 'edges',
      data: { id: e.id, source: e.source, target: e.target, label: e.label, colour: e.colour },
    });
  }
  return out;
}

/**
 * Fits the picture from node centres and sizes alone (Cytoscape's own fit measures every label,
 * which costs seconds at 2,000 nodes), never magnifying a small network past 1.4×.
 */
function fitView(cy: Core, nodes: cytoscape.NodeCollection = cy.nodes()): void {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  nodes.forEach((n) => {
    const p = n.position();
    const r = (n.data('size') as number) / 2;
    // Room for the label: up to 150 px wide, two lines under the node.
    const half = n.data('label') ? Math.max(r, 75) : r;
    minX = Math.min(minX, p.x - half);
    maxX = Math.max(maxX, p.x + half);
    minY = Math.min(minY, p.y - r);
    maxY = Math.max(maxY, p.y + r + 34);
  });
  if (!Number.isFinite(minX)) return;
  const pad = 40;
  const width = Math.max(1, cy.width() - 2 * pad);
  const height = Math.max(1, cy.height() - 2 * pad);
  const zoom = Math.min(1.4, width / Math.max(1, maxX - minX), height / Math.max(1, maxY - minY));
  cy.viewport({
    zoom,
    pan: { x: cy.width() / 2 - ((minX + maxX) / 2) * zoom, y: cy.height() / 2 - ((minY + maxY) / 2) * zoom },
  });
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function allPositions(cy: Core): NodePosition[] {
  return cy.nodes().map((n) => ({ id: n.id(), x: round(n.position('x')), y: round(n.position('y')) }));
}

/**
 * Cytoscape prepends a <style> element ("position: relative" for its container), which the strict
 * CSP refuses and reports. pictures.css already gives .pic-canvas that position; an inert
 * placeholder with the id Cytoscape looks for tells it the sheet is there.
 */
function claimCytoscapeStylesheetId(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  placeholder.setAttribute('name', 'cytoscape-stylesheet');
  document.head.appendChild(placeholder);
}

export const NetworkCanvas = forwardRef<NetworkCanvasHandle, Props>(function NetworkCanvas(
  { graph, stored, visible, label, onOpen, onPositions, onDrawn },
  ref,
) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const fitted = useRef(false);
  const drawnGraph = useRef<Graph | null>(null);
  const callbacks = useRef({ onOpen, onPositions, onDrawn });
  callbacks.current = { onOpen, onPositions, onDrawn };

  // Stable: it reads only refs, so effects can name it without re-running.
  const runLayout = useCallback((cy: Core, graph: Graph, started: number) => {
    const layout = cy.layout(layoutOptions(graph));
    layout.one('layoutstop', () => {
      const turned = orientToFrame(new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }] as const)), {
        width: cy.width(),
        height: cy.height(),
      });
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          const p = turned.get(n.id());
          if (p) n.position(p);
        });
      });
      fitView(cy);
      callbacks.current.onPositions(allPositions(cy));
      fitted.current = true;
      callbacks.current.onDrawn?.({
        nodes: cy.nodes().length,
        edges: cy.edges().length,
        ms: performance.now() - started,
        layout: layoutFor(cy.nodes().length),
      });
    });
    layout.run();
  }, []);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    claimCytoscapeStylesheetId();
    const cy = cytoscape({
      container: el,
      elements: [],
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      textureOnViewport: false,
      motionBlur: false,
    });
    cyRef.current = cy;
    const report = () => {
      // The viewport on the element, so a test (or an assistive tool) can find where a node is drawn.
      const pan = cy.pan();
      el.dataset.zoom = String(cy.zoom());
      el.dataset.panX = String(pan.x);
      el.dataset.panY = String(pan.y);
    };
    cy.on('viewport', report);
    cy.on('render', report);
    cy.on('tap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      callbacks.current.onOpen(node.data('kind') as 'deal' | 'actor', node.id());
    });
    cy.on('mouseover', 'node', (event) => {
      (event.target as cytoscape.NodeSingular).addClass('hover');
    });
    cy.on('mouseout', 'node', (event) => {
      (event.target as cytoscape.NodeSingular).removeClass('hover');
    });
    cy.on('dragfree', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      callbacks.current.onPositions([
        { id: node.id(), x: round(node.position('x')), y: round(node.position('y')) },
      ]);
    });
    return () => {
      cy.destroy();
      cyRef.current = null;
      fitted.current = false;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    const el = container.current;
    if (!cy || !el) return;
    const started = performance.now();
    // Positions the canvas holds now win over the stored ones: a drag may not be saved yet.
    const current = cy.nodes().length > 0 ? allPositions(cy) : [];
    const byId = new Map(stored.map((p) => [p.id, p]));
    for (const p of current) byId.set(p.id, p);
    const plan = placeNodes(graph, [...byId.values()]);
    const large = graph.nodes.length + graph.edges.length > LARGE;
    cy.batch(() => {
      cy.elements().remove();
      cy.style(stylesheet(large, cssVar(el, '--text', '#1c2129'), cssVar(el, '--surface', '#ffffff')));
      cy.add(elementsOf(graph, plan.positions));
    });
    if (plan.needsLayout) {
      runLayout(cy, graph, started);
      return;
    }
    if (plan.placed.length > 0) {
      callbacks.current.onPositions(
        plan.placed.map((id) => {
          const p = plan.positions.get(id) as { x: number; y: number };
          return { id, x: round(p.x), y: round(p.y) };
        }),
      );
    }
    if (!fitted.current) {
      fitView(cy);
      fitted.current = true;
    }
    callbacks.current.onDrawn?.({
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      ms: performance.now() - started,
      layout: null,
    });
  }, [graph, stored, runLayout]);

  // Only what changed is restyled: a filter on 2,000 nodes then costs what it shows or hides.
  const hidden = useRef(new Set<string>());
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    if (drawnGraph.current !== graph) {
      drawnGraph.current = graph;
      hidden.current = new Set();
    }
    const next = new Set<string>();
    for (const n of graph.nodes) if (!visible.has(n.id)) next.add(n.id);
    for (const e of graph.edges) if (!visible.has(e.id)) next.add(e.id);
    const was = hidden.current;
    // One collection each way: Cytoscape restyles a collection far faster than element by element.
    const hide = cy.elements().filter((ele) => next.has(ele.id()) && !was.has(ele.id()));
    const show = cy.elements().filter((ele) => was.has(ele.id()) && !next.has(ele.id()));
    cy.batch(() => {
      hide.addClass('filtered-out');
      show.removeClass('filtered-out');
    });
    // A changed filter frames what it shows; the first drawing was framed already.
    if (hide.length + show.length > 0 && was.size + next.size > 0) {
      const shown = cy.nodes().filter((n) => !next.has(n.id()));
      if (shown.length > 0) fitView(cy, shown);
    }
    hidden.current = next;
  }, [visible, graph]);

  useImperativeHandle(
    ref,
    () => ({
      png: () => {
        const cy = cyRef.current;
        if (!cy || !container.current) return null;
        return cy.png({
          full: true,
          scale: 2,
          bg: cssVar(container.current, '--surface', '#ffffff'),
          maxWidth: 8000,
          maxHeight: 8000,
        });
      },
      positions: () => {
        const out = new Map<string, { x: number; y: number }>();
        cyRef.current?.nodes().forEach((n) => {
          out.set(n.id(), { x: n.position('x'), y: n.position('y') });
        });
        return out;
      },
      relayout: () => {
        const cy = cyRef.current;
        if (cy && drawnGraph.current) runLayout(cy, drawnGraph.current, performance.now());
      },
    }),
    [runLayout],
  );

  return (
    <div ref={container} className="pic-canvas" role="img" aria-label={label} data-testid="network-canvas" />
  );
});
