// A claim's audit trail: the events of the claim, of every piece of its evidence (removed
// included) and of its assessments, newest first, as one contract query.
import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../../electron/schema/records';
import { type ApiCallError, client } from '../client';

export interface ClaimTrail {
  events: AuditEvent[];
  pending: boolean;
  error: ApiCallError | null;
}

export function useClaimTrail(claimId: string): ClaimTrail {
  const trail = useQuery({
    queryKey: ['audit.list', { claimId, limit: 500 }],
    queryFn: () => client.audit.list({ claimId, limit: 500 }),
  });
  return {
    events: trail.data?.items ?? [],
    pending: trail.isPending,
    error: (trail.error as ApiCallError | null) ?? null,
  };
}
