// The deal network: who sold what to whom. Actors and deals linked by role, deals coloured by
// technology, sized by claims and ringed by their weakest verdict, with filters, PNG and SVG export,
// and the same picture as tables for screen readers (and for anyone who asks).
import { useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { actorKinds, type Technology, technologies } from '../../../electron/schema/enums';
import { Verdict, type Verdict as VerdictType } from '../../../electron/schema/inputs';
import type { NetworkFilters, NodePosition } from '../../../electron/schema/pictures';
import { plural } from '../../../electron/schema/plural';
import { call } from '../client';
import { ErrorMessage, Loading } from '../components/status-message';
import { clickDownload, downloadText } from '../files/downloads';
import { useSessionState } from '../hooks/use-session-state';
import { actorKindLabels, technologyLabels, verdictLabels } from '../labels';
import { useApi } from '../queries';
import {
  type Graph,
  type GraphEdge,
  type GraphNode,
  graphCounts,
  graphOf,
  visibleIds,
} from './graph-elements';
import { NetworkCanvas, type NetworkCanvasHandle } from './network-canvas';
import { networkSvg } from './network-svg';
import { actorBorder, actorFill, actorShapes, technologyColours, verdictRings } from './palette';
import { networkFiltersKey, networkTablesKey } from './session-keys';

export type OpenRecord = (kind: 'deal' | 'actor' | 'claim', id: string) => void;

const verdicts = Verdict.options;
const SAVE_DELAY_MS = 400;

/** Node moves are collected briefly and stored in one call: a layout or a drag burst is one write. */
function usePositionSaver() {
  const queryClient = useQueryClient();
  const pending = useRef(new Map<string, NodePosition>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(async () => {
    timer.current = null;
    const batch = [...pending.current.values()];
    pending.current.clear();
    for (let i = 0; i < batch.length; i += 10_000) {
      try {
        await call('pictures.savePositions', { positions: batch.slice(i, i + 10_000) });
      } catch {
        // Layout is a convenience: if it cannot be kept, the picture still works and is redrawn next time.
        return;
      }
    }
    // The cached network still holds the old layout; fetch it again on the next visit, not now.
    await queryClient.invalidateQueries({ queryKey: ['pictures.network'], refetchType: 'none' });
  }, [queryClient]);
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void flush();
      }
    },
    [flush],
  );
  return useCallback(
    (positions: NodePosition[]) => {
      for (const p of positions) pending.current.set(p.id, p);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );
}

export function DealNetwork({ onOpen }: { onOpen: OpenRecord }) {
  const query = useApi('pictures.network', {});
  const [filters, setFilters] = useSessionState<NetworkFilters>(networkFiltersKey, {});
  const [showTables, setShowTables] = useSessionState(networkTablesKey, false);
  const [drawn, setDrawn] = useState<{ nodes: number; ms: number; layout: string | null } | null>(null);
  const canvas = useRef<NetworkCanvasHandle>(null);
  const save = usePositionSaver();

  const data = query.data;
  const graph = useMemo<Graph>(() => (data ? graphOf(data) : { nodes: [], edges: [] }), [data]);
  const visible = useMemo(() => (data ? visibleIds(data, filters) : new Set<string>()), [data, filters]);
  const counts = graphCounts(graph, visible);
  const stored = useMemo(() => data?.positions ?? [], [data]);

  if (query.isPending) return <Loading what="the deal network" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  const facets = query.data.facets;
  const summary =
    `Deal network: ${plural(counts.deals, 'deal')}, ${plural(counts.actors, 'actor')}, ${plural(counts.links, 'link')}` +
    (counts.deals < facets.total.deals ? ` (filtered from ${plural(facets.total.deals, 'deal')})` : '');

  const exportPng = () => {
    const url = canvas.current?.png();
    if (url) clickDownload(url, 'deal-network.png');
  };
  const exportSvg = () => {
    const positions = canvas.current?.positions();
    if (!positions) return;
    const body = getComputedStyle(document.body);
    const svg = networkSvg(graph, {
      title: summary,
      positions,
      visible,
      background: body.getPropertyValue('--surface').trim() || '#ffffff',
      labelColour: body.getPropertyValue('--text').trim() || '#1c2129',
    });
    downloadText(svg, 'deal-network.svg', 'image/svg+xml');
  };

  return (
    <figure className="pic-figure" aria-label={summary}>
      <NetworkFilterBar facets={facets} filters={filters} onChange={setFilters} />
      <div className="pic-toolbar">
        <NetworkLegend present={facets.technologies as Technology[]} />
        <div className="pic-actions">
          <button type="button" className="button button-small" onClick={() => canvas.current?.relayout()}>
            Lay out again
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={exportPng}
            disabled={counts.deals + counts.actors === 0}
          >
            Export PNG
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={exportSvg}
            disabled={counts.deals + counts.actors === 0}
          >
            Export SVG
          </button>
          <button
            type="button"
            className="button button-small"
            aria-pressed={showTables}
            onClick={() => setShowTables(!showTables)}
          >
            Show as tables
          </button>
        </div>
      </div>
      <NetworkCanvas
        ref={canvas}
        graph={graph}
        stored={stored}
        visible={visible}
        label={`${summary}. The same network is listed in the tables below.`}
        onOpen={onOpen}
        onPositions={save}
        onDrawn={(info) => setDrawn({ nodes: info.nodes, ms: info.ms, layout: info.layout })}
      />
      <figcaption className="pic-caption">
        {summary}. Click a node to open its record; drag to arrange — the arrangement is kept in the case
        file.
        {drawn && (
          <span className="muted" data-testid="network-drawn" data-ms={Math.round(drawn.ms)}>
            {' '}
            Drawn in {Math.round(drawn.ms)} ms{drawn.layout ? ` (${drawn.layout} layout)` : ''}.
          </span>
        )}
      </figcaption>
      <NetworkTables graph={graph} visible={visible} onOpen={onOpen} shown={showTables} />
    </figure>
  );
}

function NetworkFilterBar({
  facets,
  filters,
  onChange,
}: {
  facets: { countries: string[]; technologies: string[]; years: number[] };
  filters: NetworkFilters;
  onChange(next: NetworkFilters): void;
}) {
  const one = <T extends string>(value: string): T[] | undefined => (value ? [value as T] : undefined);
  const yearBounds = facets.years.length
    ? [facets.years[0], facets.years[facets.years.length - 1]]
    : [undefined, undefined];
  const setYear = (key: 'yearFrom' | 'yearTo', raw: string) => {
    const n = Number(raw);
    onChange({
      ...filters,
      [key]: raw === '' || !Number.isInteger(n) || n < 1900 || n > 2100 ? undefined : n,
    });
  };
  const active =
    Boolean(filters.countries?.length || filters.technologies?.length || filters.verdicts?.length) ||
    filters.yearFrom !== undefined ||
    filters.yearTo !== undefined;
  return (
    <fieldset className="pic-toolbar" aria-label="Filter the network">
      <label className="pic-field">
        Country
        <select
          value={filters.countries?.[0] ?? ''}
          onChange={(e) => onChange({ ...filters, countries: one(e.target.value) })}
        >
          <option value="">All countries</option>
          {facets.countries.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="pic-field">
        Technology
        <select
          value={filters.technologies?.[0] ?? ''}
          onChange={(e) => onChange({ ...filters, technologies: one(e.target.value) })}
        >
          <option value="">All technologies</option>
          {technologies.map((t) => (
            <option key={t} value={t}>
              {technologyLabels[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="pic-field">
        From year
        <input
          type="number"
          min={1900}
          max={2100}
          placeholder={yearBounds[0]?.toString() ?? ''}
          value={filters.yearFrom ?? ''}
          onChange={(e) => setYear('yearFrom', e.target.value)}
        />
      </label>
      <label className="pic-field">
        To year
        <input
          type="number"
          min={1900}
          max={2100}
          placeholder={yearBounds[1]?.toString() ?? ''}
          value={filters.yearTo ?? ''}
          onChange={(e) => setYear('yearTo', e.target.value)}
        />
      </label>
      <label className="pic-field">
        A claim is
        <select
          value={filters.verdicts?.[0] ?? ''}
          onChange={(e) => onChange({ ...filters, verdicts: one<VerdictType>(e.target.value) })}
        >
          <option value="">Any verdict</option>
          {verdicts.map((v) => (
            <option key={v} value={v}>
              {verdictLabels[v]}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="button button-small button-quiet" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </fieldset>
  );
}

const dash: Record<string, string | undefined> = {
  dashed: '4 2',
  dotted: '1.5 2',
  solid: undefined,
  double: undefined,
};

function RingIcon({ verdict }: { verdict: keyof typeof verdictRings }) {
  const r = verdictRings[verdict];
  return (
    <svg width="16" height="16" aria-hidden="true">
      <rect
        x="2"
        y="2"
        width="12"
        height="12"
        rx="3"
        fill="none"
        stroke={r.colour}
        strokeWidth={r.style === 'double' ? 3.5 : 2.5}
        strokeDasharray={dash[r.style]}
      />
      {r.style === 'double' && (
        <rect x="2" y="2" width="12" height="12" rx="3" fill="none" stroke="#ffffff" strokeWidth="1" />
      )}
    </svg>
  );
}

function ShapeIcon({ shape }: { shape: string }) {
  const common = { fill: actorFill, stroke: actorBorder, strokeWidth: 1.2 };
  const points: Record<string, string> = {
    hexagon: '14,8 11,13.2 5,13.2 2,8 5,2.8 11,2.8',
    diamond: '8,1.5 14.5,8 8,14.5 1.5,8',
    triangle: '8,2 14,14 2,14',
  };
  return (
    <svg width="16" height="16" aria-hidden="true">
      {shape === 'ellipse' && <circle cx="8" cy="8" r="6" {...common} />}
      {shape === 'barrel' && <rect x="1.5" y="3.5" width="13" height="9" rx="4" {...common} />}
      {points[shape] && <polygon points={points[shape]} {...common} />}
    </svg>
  );
}

function NetworkLegend({ present }: { present: readonly Technology[] }) {
  return (
    <div className="pic-legend-block">
      <ul className="pic-legend" aria-label="Technology: fill of a deal and colour of its links">
        <li className="pic-legend-head" aria-hidden="true">
          Technology
        </li>
        {(present.length > 0 ? present : technologies).map((t) => (
          <li key={t}>
            <svg width="14" height="14" aria-hidden="true">
              <rect x="1" y="1" width="12" height="12" rx="3" fill={technologyColours[t]} />
            </svg>
            {technologyLabels[t]}
          </li>
        ))}
      </ul>
      <ul className="pic-legend" aria-label="Ring of a deal: its weakest claim">
        <li className="pic-legend-head" aria-hidden="true">
          Weakest claim
        </li>
        {(['corroborated', 'single_source', 'contested', 'unsupported', 'none'] as const).map((v) => (
          <li key={v}>
            <RingIcon verdict={v} />
            {v === 'none' ? 'no claims' : verdictLabels[v]}
          </li>
        ))}
      </ul>
      <ul className="pic-legend" aria-label="Shape of an actor: its kind">
        <li className="pic-legend-head" aria-hidden="true">
          Actors
        </li>
        {actorKinds.map((k) => (
          <li key={k}>
            <ShapeIcon shape={actorShapes[k]} />
            {actorKindLabels[k]}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Rows are never unmounted by a filter, only hidden (which also hides them from assistive tools):
 * re-creating 2,000 rows on every filter change costs more than the canvas redraw.
 */
const NodeRow = memo(function NodeRow({
  node,
  hidden,
  onOpen,
}: {
  node: GraphNode;
  hidden: boolean;
  onOpen: OpenRecord;
}) {
  return (
    <tr hidden={hidden} data-node-id={node.id}>
      <td>
        <button
          type="button"
          className="link"
          aria-label={node.description}
          onClick={() => onOpen(node.kind, node.id)}
        >
          {node.name}
        </button>
      </td>
      <td>{node.kind === 'deal' ? 'Deal' : actorKindLabels[node.actorKind ?? 'company']}</td>
      <td>{node.technology ? technologyLabels[node.technology] : ''}</td>
      <td>{node.country ?? ''}</td>
      <td className="num">{node.claimCount}</td>
      <td>{node.kind === 'deal' ? (node.verdict ? verdictLabels[node.verdict] : 'No claims') : ''}</td>
    </tr>
  );
});

const EdgeRow = memo(function EdgeRow({ edge, hidden }: { edge: GraphEdge; hidden: boolean }) {
  return (
    <tr hidden={hidden}>
      <td>{edge.actorName}</td>
      <td>{edge.label}</td>
      <td>{edge.dealTitle}</td>
    </tr>
  );
});

function NetworkTables({
  graph,
  visible,
  onOpen,
  shown,
}: {
  graph: Graph;
  visible: ReadonlySet<string>;
  onOpen: OpenRecord;
  shown: boolean;
}) {
  return (
    <section className={shown ? 'pic-summary' : 'pic-summary pic-sr-only'} aria-label="The network as tables">
      <table className="table pic-fixed" aria-label="Nodes of the deal network">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Kind</th>
            <th scope="col">Technology</th>
            <th scope="col">Country</th>
            <th scope="col" className="num">
              Claims
            </th>
            <th scope="col">Weakest verdict</th>
          </tr>
        </thead>
        <tbody>
          {graph.nodes.map((n) => (
            <NodeRow key={n.id} node={n} hidden={!visible.has(n.id)} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
      <table className="table pic-fixed" aria-label="Links of the deal network">
        <thead>
          <tr>
            <th scope="col">Actor</th>
            <th scope="col">Role</th>
            <th scope="col">Deal</th>
          </tr>
        </thead>
        <tbody>
          {graph.edges.map((e) => (
            <EdgeRow key={e.id} edge={e} hidden={!visible.has(e.id)} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
