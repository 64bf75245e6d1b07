import { QueryClient } from '@tanstack/react-query';
import { ApiCallError } from './client';

/**
 * One local case answers in milliseconds and never changes behind our back except through our own
 * writes, so data stays fresh until a write invalidates it, and a refused call is not retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Number.POSITIVE_INFINITY,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiCallError) && count < 1,
      },
      mutations: { retry: false },
    },
  });
}
