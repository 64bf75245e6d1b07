// The timeline: each deal a lane on a time axis, grouped by country, with the deal at its year and
// the dated evidence about it where its source was published. Hatched years have nothing dated at
// all; a dashed stretch of a lane is a silence of more than two years; each lane names the status
// steps the case recorded (rumoured → announced → deployed). Everything drawn is a button.
import { type KeyboardEvent, useMemo } from 'react';
import { dealStatuses, stances } from '../../../electron/schema/enums';
import { plural } from '../../../electron/schema/plural';
import { ErrorMessage, Loading } from '../components/status-message';
import { useSessionState } from '../hooks/use-session-state';
import { dealStatusLabels, formatTime, stanceLabels } from '../labels';
import { useApi } from '../queries';
import type { OpenRecord } from './deal-network';
import { stanceColours, statusColours } from './palette';
import { timelineScaleKey } from './session-keys';
import {
  buildTimeline,
  GAP_YEARS,
  MAX_STACK,
  MAX_UNDATED,
  statusPathWords,
  type TimelineLane,
  type TimelineMarker,
  type TimelineModel,
  type TimeScale,
  UNDATED_ROW,
} from './timeline-buckets';

const GUTTER = 330;
const AXIS = 34;
const GROUP_HEAD = 28;
const SLOT = 11;
const RIGHT = 30;
const UNDATED_GAP = 18;
const UNDATED_WIDTH = 32 + 15 * (UNDATED_ROW - 1);

function activate(fn: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      fn();
    }
  };
}

/** Where each marker goes: the time axis and, when anything is undated, a "no date" column after it. */
interface Geometry {
  x(t: number): number;
  perYear: number;
  axisEnd: number;
  undatedStart: number | null;
  width: number;
}

function geometry(model: TimelineModel): Geometry {
  const domain = model.domain;
  const perYear = domain ? Math.max(48, Math.min(140, 900 / (domain.to - domain.from))) : 0;
  const x = (t: number) => GUTTER + (t - (domain?.from ?? 0)) * perYear;
  const axisEnd = domain ? x(domain.to) : GUTTER;
  const undatedStart = model.undated > 0 ? axisEnd + UNDATED_GAP : null;
  const width = (undatedStart === null ? axisEnd : undatedStart + UNDATED_WIDTH) + RIGHT;
  return { x, perYear, axisEnd, undatedStart, width };
}

function markerPoint(
  g: Geometry,
  m: { t: number | null; slot: number },
  base: number,
): { cx: number; cy: number } {
  if (m.t === null) {
    const col = m.slot % UNDATED_ROW;
    const row = Math.floor(m.slot / UNDATED_ROW);
    return { cx: (g.undatedStart ?? 0) + 16 + col * 15, cy: base - row * SLOT };
  }
  return { cx: g.x(m.t), cy: base - m.slot * SLOT };
}

function laneHeight(lane: TimelineLane): number {
  let stack = 1;
  for (const m of lane.markers) {
    stack = Math.max(
      stack,
      m.t === null
        ? Math.floor(Math.min(m.slot, MAX_UNDATED - 1) / UNDATED_ROW) + 1
        : Math.min(MAX_STACK, m.slot + 1),
    );
  }
  return 44 + SLOT * (stack - 1);
}

function drawn(m: TimelineMarker): boolean {
  return m.slot < (m.t === null ? MAX_UNDATED : MAX_STACK);
}

export function Timeline({ onOpen }: { onOpen: OpenRecord }) {
  const query = useApi('pictures.timeline', {});
  const [scale, setScale] = useSessionState<TimeScale>(timelineScaleKey, 'year');
  const model = useMemo(() => (query.data ? buildTimeline(query.data, scale) : null), [query.data, scale]);
  if (query.isPending) return <Loading what="the timeline" />;
  if (query.isError || !model)
    return (
      <ErrorMessage error={query.error ?? new Error('No timeline')} retry={() => void query.refetch()} />
    );

  const deals = query.data.deals.length;
  const countries = model.groups.filter((g) => g.lanes.some((l) => l.deal)).length;
  const markers = model.groups.flatMap((g) => g.lanes.flatMap((l) => l.markers));
  const evidence = markers.filter((m) => m.kind === 'evidence').length;
  const dated = markers.filter((m) => m.kind === 'evidence' && m.t !== null).length;
  const span = model.domain ? `, ${model.domain.from}–${model.domain.to - 1}` : '';
  const summary =
    `Timeline: ${plural(deals, 'deal')} in ${plural(countries, 'country', 'countries')}, ` +
    `${plural(evidence, 'evidence item')} (${dated.toLocaleString()} dated)${span}`;

  return (
    <figure className="pic-figure" aria-label={summary}>
      <div className="pic-toolbar">
        <fieldset className="segmented" aria-label="Place events by">
          {(
            [
              ['year', 'By year', 'stacked per year'],
              ['date', 'By exact date', 'as precise as recorded'],
            ] as const
          ).map(([value, label, hint]) => (
            <label key={value} className="segment">
              <input
                type="radio"
                name="timeline-scale"
                value={value}
                checked={scale === value}
                onChange={() => setScale(value)}
              />
              <span>{label}</span>
              <span className="segment-hint">{hint}</span>
            </label>
          ))}
        </fieldset>
        <TimelineLegend />
      </div>
      {model.markerCount > 0 ? (
        <div className="pic-timeline-scroll">
          <TimelineSvg model={model} onOpen={onOpen} label={summary} />
        </div>
      ) : (
        <p className="muted">Nothing to place yet: add deals, or evidence to claims.</p>
      )}
      <figcaption className="pic-caption">
        {summary}.{' '}
        {!model.domain &&
          model.markerCount > 0 &&
          'Nothing here is dated yet: give deals a year and sources a publication date to place them in time. '}
        {model.undated > 0 &&
          model.domain &&
          `${plural(model.undated, 'item')} without a date ${model.undated === 1 ? 'stands' : 'stand'} in the “No date” column. `}
        {model.omitted > 0 &&
          `${plural(model.omitted, 'further evidence item')} left out to keep the picture fast. `}
        Click a deal or a dot to open its record.
      </figcaption>
    </figure>
  );
}

function TimelineLegend() {
  return (
    <ul className="pic-legend" aria-label="Legend">
      {stances.map((s) => (
        <li key={s}>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="4.5" fill={stanceColours[s]} />
          </svg>
          {stanceLabels[s]}
        </li>
      ))}
      <li>
        <svg width="12" height="12" aria-hidden="true">
          <circle cx="6" cy="6" r="4" fill="none" stroke="#57606A" strokeWidth="2" />
        </svg>
        only the year known
      </li>
      {dealStatuses.map((s) => (
        <li key={s}>
          <svg width="14" height="14" aria-hidden="true">
            <Diamond x={7} y={7} r={6} status={s} />
          </svg>
          {dealStatusLabels[s]}
        </li>
      ))}
      <li>
        <svg width="22" height="12" aria-hidden="true">
          <line x1="1" y1="6" x2="21" y2="6" stroke="#7a8391" strokeWidth="1.5" strokeDasharray="3 4" />
        </svg>
        silent for over {GAP_YEARS} years
      </li>
    </ul>
  );
}

function Diamond({
  x,
  y,
  r,
  status,
}: {
  x: number;
  y: number;
  r: number;
  status: keyof typeof statusColours;
}) {
  return (
    <g>
      <polygon
        points={`${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`}
        fill={statusColours[status]}
        stroke="#1F2328"
        strokeWidth="1.5"
        strokeDasharray={status === 'rumoured' ? '2 2' : undefined}
      />
      {status === 'cancelled' && (
        <line
          x1={x - r * 0.7}
          y1={y - r * 0.7}
          x2={x + r * 0.7}
          y2={y + r * 0.7}
          stroke="#CF222E"
          strokeWidth="2"
        />
      )}
    </g>
  );
}

function TimelineSvg({ model, onOpen, label }: { model: TimelineModel; onOpen: OpenRecord; label: string }) {
  const g = geometry(model);
  const domain = model.domain;

  let y = AXIS;
  const placed = model.groups.map((group) => {
    const top = y;
    y += GROUP_HEAD;
    const lanes = group.lanes.map((lane) => {
      const laneTop = y;
      const h = laneHeight(lane);
      y += h;
      return { lane, top: laneTop, height: h };
    });
    y += 6;
    return { group, top, lanes };
  });
  const height = y + 10;
  const width = g.width;

  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no <fieldset>; a labelled role=group is how grouped graphics are announced
    <svg
      className="pic-timeline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label={label}
    >
      <defs>
        <pattern
          id="pic-gap-hatch"
          width="8"
          height="8"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line x1="0" y1="0" x2="0" y2="8" className="gap-hatch-line" />
        </pattern>
      </defs>
      {model.gaps.map((gap) => (
        // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: Biome takes every SVG <g> for interactive; this one is a static labelled note
        <g
          key={gap.from}
          aria-label={`Nothing dated ${gap.from}${gap.to - gap.from > 1 ? `–${gap.to - 1}` : ''}`}
          role="note"
        >
          <rect
            className="gap-band"
            x={g.x(gap.from)}
            y={AXIS - 6}
            width={g.x(gap.to) - g.x(gap.from)}
            height={height - AXIS}
          />
          <text className="gap-label" x={(g.x(gap.from) + g.x(gap.to)) / 2} y={AXIS - 3} textAnchor="middle">
            nothing dated
          </text>
        </g>
      ))}
      {domain &&
        model.ticks.map((t) => (
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: Biome takes every SVG <g> for focusable; these decorative ones are not (no tabIndex, no handler)
          <g key={t} aria-hidden="true">
            <line className="grid" x1={g.x(t)} y1={AXIS - 8} x2={g.x(t)} y2={height} />
            {t < domain.to && (
              <text
                className="axis-label"
                x={g.x(t) + (model.scale === 'year' ? g.perYear / 2 : 3)}
                y={AXIS - 14}
                textAnchor={model.scale === 'year' ? 'middle' : 'start'}
              >
                {t}
              </text>
            )}
          </g>
        ))}
      {g.undatedStart !== null && (
        // biome-ignore lint/a11y/noAriaHiddenOnFocusable: Biome takes every SVG <g> for focusable; these decorative ones are not (no tabIndex, no handler)
        <g aria-hidden="true">
          <rect
            className="undated-band"
            x={g.undatedStart}
            y={AXIS - 24}
            width={UNDATED_WIDTH}
            height={height - AXIS + 24}
          />
          <text
            className="axis-label"
            x={g.undatedStart + UNDATED_WIDTH / 2}
            y={AXIS - 14}
            textAnchor="middle"
          >
            No date
          </text>
        </g>
      )}
      {placed.map(({ group, top, lanes }) => (
        // biome-ignore lint/a11y/useSemanticElements: SVG has no <fieldset>; a labelled role=group is how grouped graphics are announced
        // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: Biome takes every SVG <g> for interactive; this one is a static labelled group
        <g key={group.key} role="group" aria-label={`${group.label}: ${plural(group.lanes.length, 'lane')}`}>
          <rect className="group-band" x={0} y={top} width={width} height={GROUP_HEAD - 4} />
          <text className="group-label" x={12} y={top + 17}>
            {group.label}
          </text>
          {lanes.map(({ lane, top: laneTop, height: h }) => (
            <Lane key={lane.id} lane={lane} top={laneTop} height={h} g={g} onOpen={onOpen} />
          ))}
        </g>
      ))}
    </svg>
  );
}

function Lane({
  lane,
  top,
  height,
  g,
  onOpen,
}: {
  lane: TimelineLane;
  top: number;
  height: number;
  g: Geometry;
  onOpen: OpenRecord;
}) {
  const base = top + height - 15;
  const dated = lane.markers.filter((m) => m.t !== null) as (TimelineMarker & { t: number })[];
  const first = dated[0];
  const last = dated[dated.length - 1];
  const deal = lane.deal;
  const path = statusPathWords(lane.statusPath);
  const recorded = lane.statusPath
    .filter((s) => s.recordedAt)
    .map((s) => `${dealStatusLabels[s.status]} recorded ${formatTime(s.recordedAt)}`)
    .join('; ');
  const open = deal ? () => onOpen('deal', deal.id) : null;
  const title = lane.title.length > 40 ? `${lane.title.slice(0, 39)}…` : lane.title;
  return (
    <g className="lane" data-lane={lane.id}>
      <rect className="lane-hit" x={0} y={top} width={g.width} height={height} />
      <line className="grid" x1={0} y1={top + height} x2={g.width} y2={top + height} opacity={0.5} />
      {open ? (
        // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; a focusable role=button with Enter/Space handling is the accessible pattern
        <g
          role="button"
          tabIndex={0}
          aria-label={`Open deal ${lane.title}`}
          onClick={open}
          onKeyDown={activate(open)}
        >
          <title>{lane.title}</title>
          <text className="lane-title" x={20} y={top + 17}>
            {title}
          </text>
        </g>
      ) : (
        <text className="lane-title lane-title-plain" x={20} y={top + 17}>
          {title}
        </text>
      )}
      {path && (
        <text className="lane-status" x={20} y={top + 32}>
          <title>{recorded || path}</title>
          Status: {path}
          {deal?.year === null ? ' · year unknown' : ''}
        </text>
      )}
      {first && last && <line className="lane-line" x1={g.x(first.t)} y1={base} x2={g.x(last.t)} y2={base} />}
      {lane.gaps.map((gap) => (
        <g key={gap.from}>
          <line className="lane-gap" x1={g.x(gap.from) + 8} y1={base} x2={g.x(gap.to) - 8} y2={base} />
          <text
            className="lane-gap-label"
            x={(g.x(gap.from) + g.x(gap.to)) / 2}
            y={base - 6}
            textAnchor="middle"
          >
            {Math.round(gap.to - gap.from)} years silent
          </text>
        </g>
      ))}
      {lane.markers.filter(drawn).map((m) => (
        <Marker key={`${m.kind}-${m.id}`} marker={m} {...markerPoint(g, m, base)} onOpen={onOpen} />
      ))}
      {lane.overflow.map((o) => {
        const at =
          o.t === null
            ? {
                x: (g.undatedStart ?? 0) + UNDATED_WIDTH - 4,
                y: base - Math.floor((MAX_UNDATED - 1) / UNDATED_ROW) * SLOT - 8,
                anchor: 'end' as const,
              }
            : { x: g.x(o.t) + 8, y: base - (MAX_STACK - 1) * SLOT - 4, anchor: 'start' as const };
        return (
          <text key={o.bucket} className="overflow-label" x={at.x} y={at.y} textAnchor={at.anchor}>
            +{o.hidden} more
          </text>
        );
      })}
    </g>
  );
}

function Marker({
  marker,
  cx,
  cy,
  onOpen,
}: {
  marker: TimelineMarker;
  cx: number;
  cy: number;
  onOpen: OpenRecord;
}) {
  const open = () => onOpen(marker.open.kind, marker.open.id);
  const common = {
    role: 'button',
    tabIndex: 0,
    'aria-label': marker.label,
    onClick: open,
    onKeyDown: activate(open),
    'data-kind': marker.kind,
  } as const;
  if (marker.kind === 'deal' && marker.status) {
    return (
      <g {...common}>
        <title>{marker.label}</title>
        <Diamond x={cx} y={cy} r={7} status={marker.status} />
        <circle className="focus-ring" cx={cx} cy={cy} r={10} />
      </g>
    );
  }
  const colour = stanceColours[marker.stance ?? 'context'];
  const hollow = marker.precision === 'year';
  return (
    <g {...common}>
      <title>{marker.label}</title>
      <circle
        className={hollow ? 'marker-hollow' : undefined}
        cx={cx}
        cy={cy}
        r={4.5}
        fill={hollow ? '#ffffff' : colour}
        fillOpacity={marker.precision === 'month' ? 0.6 : 1}
        stroke={colour}
        strokeWidth={hollow ? 2 : 1}
      />
      <circle className="focus-ring" cx={cx} cy={cy} r={8} />
    </g>
  );
}
