import { useApi } from '../queries';
import { AuditTrail } from './audit-trail';

/** The history of one record (a source, deal or actor): its own events, newest first. */
export function RecordTrail({ id }: { id: string }) {
  const query = useApi('audit.list', { entityId: id, limit: 200 });
  return (
    <AuditTrail events={query.data?.items ?? []} pending={query.isPending} error={query.error ?? null} />
  );
}
