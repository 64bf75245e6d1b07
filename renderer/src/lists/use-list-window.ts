// A cursor window over one of the contract's list methods.
import { useCallback } from 'react';
import type { Input, Output } from '../../../electron/api/contract';
import { call } from '../client';
import { type CursorWindow, useCursorWindow } from './use-cursor-window';

export type ListMethod = 'claims.list' | 'sources.list' | 'deals.list' | 'actors.list';
type ListInput<M extends ListMethod> = Exclude<Input<M>, undefined>;
type Row<M extends ListMethod> = Output<M>['items'][number];
export type SortOf<M extends ListMethod> = NonNullable<ListInput<M>['sort']>;

export function useListWindow<M extends ListMethod>(
  method: M,
  input: Omit<ListInput<M>, 'cursor' | 'limit'> & { sort: SortOf<M> },
): CursorWindow<Row<M>> {
  const key = JSON.stringify(input);
  const fetchPage = useCallback(
    (cursor: string | undefined, limit: number, reverse: boolean) => {
      const base = JSON.parse(key) as ListInput<M> & { sort: { field: string; direction?: 'asc' | 'desc' } };
      const direction = base.sort.direction ?? 'asc';
      const sort = reverse ? { ...base.sort, direction: direction === 'asc' ? 'desc' : 'asc' } : base.sort;
      const page = { ...base, sort, limit, ...(cursor ? { cursor } : {}) };
      return (call as (m: M, i: unknown) => Promise<Output<M>>)(method, page);
    },
    [method, key],
  );
  return useCursorWindow<Row<M>>({
    key: [method, 'window', key],
    fetchPage: fetchPage as (
      c: string | undefined,
      l: number,
      r: boolean,
    ) => Promise<{ items: Row<M>[]; nextCursor: string | null; total: number }>,
    reversible: true,
  });
}
