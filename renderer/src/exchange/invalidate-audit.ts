// Exports, reports and reviews add an event to the audit trail and change nothing else: refresh
// only what shows the trail (the audit views, a claim's detail, which carries its trail) and the
// case's counts, not the whole workspace.
import type { QueryClient } from '@tanstack/react-query';

export function invalidateAudit(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (q) => {
      const method = q.queryKey[0];
      return (
        typeof method === 'string' &&
        (method.startsWith('audit.') || method === 'case.info' || method === 'claims.get')
      );
    },
  });
}
