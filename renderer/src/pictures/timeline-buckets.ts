// The timeline as lanes on a time axis: one lane per deal, grouped by country, holding the deal (at
// its year) and the evidence about its claims (at its source's publication date). Dates are only as
// precise as recorded: "2019" sits mid-year and is drawn hollow. What has no date is not dropped: it
// goes in a "no date" column, because an undated case is itself a finding. Gaps (years with nothing
// dated, long silences within a lane) are computed here so the picture can show them.
import type { DealStatus, Stance } from '../../../electron/schema/enums';
import type { StatusStep, TimelineDeal, TimelinePicture } from '../../../electron/schema/pictures';
import { dealStatusLabels, stanceLabels } from '../labels';

export type Precision = 'year' | 'month' | 'day';
export type TimeScale = 'year' | 'date';

export interface PartialDate {
  year: number;
  month: number | null;
  day: number | null;
  precision: Precision;
  /** Position in fractional years, at the middle of what is known ("2019" → 2019.5). */
  t: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 30);
}

/** "2019", "2019-03", "2019-03-21" or a UTC date-time; null for anything else. */
export function parsePartialDate(text: string | null | undefined): PartialDate | null {
  if (!text) return null;
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month !== null && day !== null && (day < 1 || day > daysIn(year, month))) return null;
  const yearDays = isLeap(year) ? 366 : 365;
  if (month === null) return { year, month, day, precision: 'year', t: year + 0.5 };
  let before = 0;
  for (let mo = 1; mo < month; mo++) before += daysIn(year, mo);
  if (day === null)
    return { year, month, day, precision: 'month', t: year + (before + daysIn(year, month) / 2) / yearDays };
  return { year, month, day, precision: 'day', t: year + (before + day - 0.5) / yearDays };
}

export interface TimelineMarker {
  id: string;
  kind: 'deal' | 'evidence';
  /** The record a click opens: the deal, or the claim the evidence backs. */
  open: { kind: 'deal' | 'claim'; id: string };
  /** Position in fractional years; null for the "no date" column. */
  t: number | null;
  /** Markers sharing a bucket on one lane are stacked: 0 is the first. */
  slot: number;
  bucket: string;
  precision: Precision | null;
  label: string;
  stance: Stance | null;
  status: DealStatus | null;
  grade: string | null;
}

export interface TimelineLane {
  /** The deal id, or NO_DEAL for evidence about claims not tied to a deal. */
  id: string;
  title: string;
  deal: TimelineDeal | null;
  markers: TimelineMarker[];
  /** rumoured → announced → deployed, as the case recorded it. */
  statusPath: StatusStep[];
  /** Silences of more than GAP_YEARS between consecutive markers. */
  gaps: { from: number; to: number }[];
  /** Buckets holding more than they can draw (MAX_STACK, or MAX_UNDATED for "no date"): how many are not drawn. */
  overflow: { bucket: string; t: number | null; hidden: number }[];
}

export interface TimelineGroup {
  key: string;
  label: string;
  lanes: TimelineLane[];
}

export interface TimelineModel {
  scale: TimeScale;
  /** Whole years [from, to); null when nothing is dated. */
  domain: { from: number; to: number } | null;
  ticks: number[];
  groups: TimelineGroup[];
  /** Runs of whole years inside the domain where nothing at all is dated. */
  gaps: { from: number; to: number }[];
  markerCount: number;
  laneCount: number;
  /** Markers in the "no date" column (deals without a year, evidence without a date). */
  undated: number;
  /** Evidence the case holds but did not send (beyond the limit). */
  omitted: number;
}

export const NO_DEAL = 'no-deal';
export const GAP_YEARS = 2;
export const MAX_STACK = 6;
/** The "no date" column packs markers in rows of UNDATED_ROW, at most this many in all. */
export const MAX_UNDATED = 18;
export const UNDATED_ROW = 6;
export const UNDATED = 'undated';
const NO_COUNTRY = 'Country not recorded';
const NO_DEAL_GROUP = 'Not tied to a deal';

export function statusPathWords(path: readonly StatusStep[]): string {
  return path.map((s) => dealStatusLabels[s.status]).join(' → ');
}

function laneOf(deal: TimelineDeal | null): TimelineLane {
  return {
    id: deal?.id ?? NO_DEAL,
    title: deal?.title ?? 'Claims without a deal',
    deal,
    markers: [],
    statusPath: deal?.statusHistory ?? [],
    gaps: [],
    overflow: [],
  };
}

export function buildTimeline(picture: TimelinePicture, scale: TimeScale): TimelineModel {
  const lanes = new Map<string, TimelineLane>();
  for (const d of picture.deals) lanes.set(d.id, laneOf(d));
  const at = (date: PartialDate): { t: number; bucket: string } =>
    scale === 'year'
      ? { t: date.year + 0.5, bucket: String(date.year) }
      : {
          t: date.t,
          bucket: [date.year, date.month, date.day]
            .filter((v) => v !== null)
            .map((v, i) => (i === 0 ? String(v) : String(v).padStart(2, '0')))
            .join('-'),
        };

  const undated = { t: null, bucket: UNDATED, precision: null };
  for (const d of picture.deals) {
    const date = d.year === null ? null : parsePartialDate(String(d.year));
    lanes.get(d.id)?.markers.push({
      id: d.id,
      kind: 'deal',
      open: { kind: 'deal', id: d.id },
      ...(date ? { ...at(date), precision: 'year' as const } : undated),
      slot: 0,
      label: `Deal ${d.title}: ${dealStatusLabels[d.status].toLowerCase()}, ${d.year ?? 'year unknown'}`,
      stance: null,
      status: d.status,
      grade: null,
    });
  }

  for (const e of picture.evidence) {
    const date = parsePartialDate(e.date);
    const key = e.dealId && lanes.has(e.dealId) ? e.dealId : NO_DEAL;
    let lane = lanes.get(key);
    if (!lane) {
      lane = laneOf(null);
      lanes.set(NO_DEAL, lane);
    }
    const grade = `${e.reliability}${e.credibility}`;
    lane.markers.push({
      id: e.id,
      kind: 'evidence',
      open: { kind: 'claim', id: e.claimId },
      ...(date ? { ...at(date), precision: date.precision } : undated),
      slot: 0,
      label: `${stanceLabels[e.stance]} (${grade}), ${date ? e.date : 'no date'}: ${e.sourceTitle} on “${e.claimStatement}”`,
      stance: e.stance,
      status: null,
      grade,
    });
  }

  const years = new Set<number>();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let markerCount = 0;
  let undatedCount = 0;
  // Undated last; the deal first in its bucket, then evidence: the stack reads from the event outwards.
  const order = (m: TimelineMarker) => m.t ?? Number.POSITIVE_INFINITY;
  for (const lane of lanes.values()) {
    lane.markers.sort(
      (a, b) =>
        order(a) - order(b) || (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'deal' ? -1 : 1),
    );
    const perBucket = new Map<string, number>();
    for (const m of lane.markers) {
      const slot = perBucket.get(m.bucket) ?? 0;
      m.slot = slot;
      perBucket.set(m.bucket, slot + 1);
      markerCount++;
      if (m.t === null) {
        undatedCount++;
        continue;
      }
      years.add(Math.floor(m.t));
      min = Math.min(min, m.t);
      max = Math.max(max, m.t);
    }
    for (const [bucket, count] of perBucket) {
      const room = bucket === UNDATED ? MAX_UNDATED : MAX_STACK;
      if (count > room) {
        const first = lane.markers.find((m) => m.bucket === bucket);
        lane.overflow.push({ bucket, t: first?.t ?? null, hidden: count - room });
      }
    }
    const dated = lane.markers.filter((m): m is TimelineMarker & { t: number } => m.t !== null);
    for (let i = 1; i < dated.length; i++) {
      const a = dated[i - 1] as { t: number };
      const b = dated[i] as { t: number };
      if (b.t - a.t > GAP_YEARS) lane.gaps.push({ from: a.t, to: b.t });
    }
  }

  const domain = markerCount > undatedCount ? { from: Math.floor(min), to: Math.floor(max) + 1 } : null;
  const gaps: { from: number; to: number }[] = [];
  const ticks: number[] = [];
  if (domain) {
    const span = domain.to - domain.from;
    const step = span <= 30 ? 1 : span <= 80 ? 5 : 10;
    for (let y = domain.from; y <= domain.to; y++) {
      if ((y - domain.from) % step === 0 || y === domain.to) ticks.push(y);
      if (y < domain.to && !years.has(y)) {
        const last = gaps[gaps.length - 1];
        if (last && last.to === y) last.to = y + 1;
        else gaps.push({ from: y, to: y + 1 });
      }
    }
  }

  const byCountry = new Map<string, TimelineGroup>();
  for (const lane of lanes.values()) {
    const key = lane.deal ? lane.deal.country?.trim() || NO_COUNTRY : NO_DEAL_GROUP;
    let group = byCountry.get(key);
    if (!group) {
      group = { key, label: key, lanes: [] };
      byCountry.set(key, group);
    }
    group.lanes.push(lane);
  }
  const rank = (key: string) => (key === NO_DEAL_GROUP ? 2 : key === NO_COUNTRY ? 1 : 0);
  const groups = [...byCountry.values()].sort(
    (a, b) => rank(a.key) - rank(b.key) || a.label.localeCompare(b.label),
  );
  for (const g of groups) {
    g.lanes.sort((a, b) => (a.deal?.year ?? 9999) - (b.deal?.year ?? 9999) || a.title.localeCompare(b.title));
  }
  return {
    scale,
    domain,
    ticks,
    groups,
    gaps,
    markerCount,
    laneCount: lanes.size,
    undated: undatedCount,
    omitted: picture.omittedEvidence,
  };
}
