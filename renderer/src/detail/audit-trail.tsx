// A record's history as a list of events: when, who, what.
import type { AuditEvent } from '../../../electron/schema/records';
import type { ApiCallError } from '../client';
import { ErrorMessage, Loading } from '../components/status-message';
import { describeEvent, formatTime } from '../labels';
import { asState, describeChanges } from './audit-diff';
import { summarizeEvent } from './audit-summary';

/** What an event changed, read against the event before it (when that one is in the list). */
function changesOf(event: AuditEvent, byId: Map<string, AuditEvent>): string[] {
  if (event.action !== 'update' && event.action !== 'resolve') return [];
  const before = asState(event.parent ? byId.get(event.parent)?.payload : undefined);
  const after = asState(event.payload);
  return before && after ? describeChanges(event.entity, before, after) : [];
}

export function AuditTrail({
  events,
  pending,
  error,
  label = 'Audit trail',
}: {
  events: AuditEvent[];
  pending: boolean;
  error: ApiCallError | null;
  label?: string;
}) {
  const headingId = `trail-${label.replace(/\W+/g, '-').toLowerCase()}`;
  const byId = new Map(events.map((e) => [e.eventId, e]));
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h3 id={headingId} className="panel-title">
          {label} <span className="count">{events.length}</span>
        </h3>
      </div>
      {error && <ErrorMessage error={error} />}
      {pending && events.length === 0 && <Loading what="history" />}
      <ol className="trail" aria-label={label}>
        {events.map((e) => {
          const changes = changesOf(e, byId);
          return (
            <li key={e.seq} className={`trail-event trail-${e.action}`}>
              <span className="trail-what">{describeEvent(e.action, e.entity)}</span>
              {changes.length > 0 ? (
                <ul className="trail-changes" aria-label={`Changes in event ${e.seq}`}>
                  {changes.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : (
                <span className="trail-summary">{summarizeEvent(e)}</span>
              )}
              <span className="trail-who">
                {e.actor} · <time dateTime={e.at}>{formatTime(e.at)}</time> · #{e.seq}
              </span>
              {/* For auditors: the event exactly as the hash chain holds it. */}
              <details className="trail-raw">
                <summary>Raw event #{e.seq}</summary>
                <pre>{JSON.stringify(e, null, 2)}</pre>
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
