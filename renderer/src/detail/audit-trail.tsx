// A record's history as a list of events: when, who, what.
import type { AuditEvent } from '../../../electron/schema/records';
import type { ApiCallError } from '../client';
import { ErrorMessage, Loading } from '../components/status-message';
import { describeEvent, formatTime } from '../labels';
import { summarizeEvent } from './audit-summary';

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
        {events.map((e) => (
          <li key={e.seq} className={`trail-event trail-${e.action}`}>
            <span className="trail-what">{describeEvent(e.action, e.entity)}</span>
            <span className="trail-summary">{summarizeEvent(e)}</span>
            <span className="trail-who">
              {e.actor} · <time dateTime={e.at}>{formatTime(e.at)}</time> · #{e.seq}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
