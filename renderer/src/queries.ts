// Data hooks over the typed client. Query keys are [method, input], so two views asking the same
// question share one answer. Every write then invalidates everything (the forms do it): a change to
// one source can move the verdicts, lists, counts and audit trail of many records.
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { Input, Method, Output } from '../../electron/api/contract';
import { type ApiCallError, call } from './client';

type AnyCall = (method: Method, input?: unknown) => Promise<unknown>;
const callAny = call as AnyCall;

export function useApi<M extends Method>(
  method: M,
  input: Input<M>,
  options: { enabled?: boolean } = {},
): UseQueryResult<Output<M>, ApiCallError> {
  return useQuery<Output<M>, ApiCallError>({
    queryKey: [method, input],
    queryFn: () => callAny(method, input) as Promise<Output<M>>,
    enabled: options.enabled ?? true,
  });
}

export function useCaseInfo() {
  return useApi('case.info', {});
}
