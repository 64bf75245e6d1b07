// "Latest" never by wall clock. Two analysts' laptops never agree on the time, and a machine
// whose clock is behind (or at 2099) would otherwise decide which judgement of a claim counts.
// Within a case file every record is created by a write that appends an event to its audit log,
// imports included, so the event's sequence number is the order it was recorded in: everything a
// later write could have seen comes before it (causal order for all this file has seen). Two
// records with no event (never made by the app) fall back to a deterministic tie-break, the same
// on every copy: time as written, then id.

/** SQL: the sequence number of the event that recorded the assessment aliased `a`. */
export const RECORDED_SEQ_SQL =
  '(SELECT l.seq FROM audit_log l WHERE l.entity_id = a.id ORDER BY l.seq LIMIT 1)';

/** SQL ORDER BY for assessments aliased `a`, newest recorded first. */
export const LATEST_FIRST_SQL = `${RECORDED_SEQ_SQL} DESC, a.created_at DESC, a.id DESC`;

/** A day: a time further ahead of this machine's clock than this was not written by a clock in step. */
const DAY_MS = 24 * 60 * 60 * 1000;

export type TimeFlag = 'ahead_of_clock' | 'before_case';

/**
 * Times stay as recorded and shown; an implausible one is flagged: more than a day ahead of this
 * machine's clock, or before the case existed.
 */
export function timeFlag(at: string, now: string, caseCreatedAt: string): TimeFlag | null {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  if (t > Date.parse(now) + DAY_MS) return 'ahead_of_clock';
  const created = Date.parse(caseCreatedAt);
  if (!Number.isNaN(created) && t < created) return 'before_case';
  return null;
}
