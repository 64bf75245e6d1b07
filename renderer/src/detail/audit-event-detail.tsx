// One audit event in full: who did what to which record, when, and the hashes that chain it.

import { ErrorMessage, Loading } from '../components/status-message';
import { describeEvent, formatTime } from '../labels';
import { type RecordKind, useNavigation } from '../navigation';
import { useApi } from '../queries';
import { summarizeEvent } from './audit-summary';
import { DetailHeader } from './detail-header';

const openable: Record<string, RecordKind> = {
  claim: 'claim',
  source: 'source',
  deal: 'deal',
  actor: 'actor',
};

export function AuditEventDetail({ seq }: { seq: number }) {
  const nav = useNavigation();
  // The contract pages events before a cursor: the page of one event before seq + 1 is that event.
  const query = useApi('audit.list', { cursor: String(seq + 1), limit: 1 });
  if (query.isPending) return <Loading what="event" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  const event = query.data.items[0];
  if (!event || event.seq !== seq) return <p className="muted">This event is not in the case.</p>;
  const kind = openable[event.entity];
  const claimId = (event.payload as { claimId?: unknown } | null)?.claimId;
  const target: { kind: RecordKind; id: string; words: string } | null = kind
    ? { kind, id: event.entityId, words: `Open the ${event.entity}` }
    : typeof claimId === 'string'
      ? { kind: 'claim', id: claimId, words: 'Open its claim' }
      : null;
  const rows: [string, string][] = [
    ['When', formatTime(event.at)],
    ['Who', event.actor],
    ['Record', `${event.entity} ${event.entityId}`],
    ['Event id', event.eventId],
    ['Previous event of this record', event.parent ?? 'none (its first event)'],
    ['Copy of the case (replica)', event.replica],
    ['Hash', event.hash],
    ['Previous hash', event.prevHash],
  ];
  return (
    <article className="detail" aria-label="Audit event">
      <DetailHeader
        kind={`Audit event #${event.seq}`}
        title={`${describeEvent(event.action, event.entity)}${summarizeEvent(event) ? ` — ${summarizeEvent(event)}` : ''}`}
        actions={
          target && (
            <button type="button" className="button" onClick={() => nav.open(target.kind, target.id)}>
              {target.words}
            </button>
          )
        }
      />
      <section className="panel">
        <dl className="facts facts-stacked">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="payload-heading">
        <div className="panel-head">
          <h3 id="payload-heading" className="panel-title">
            Recorded state
          </h3>
        </div>
        <pre className="payload">{JSON.stringify(event.payload, null, 2)}</pre>
      </section>
    </article>
  );
}
