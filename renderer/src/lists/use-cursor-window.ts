// A window over a list of any length, paged by the contract's keyset cursors. Cursors only walk
// forward, so the list is loaded from both ends: the head in the chosen order, the tail by asking
// for the reverse order. Jumping to the end of 100k claims then costs one page, not two hundred.
import { type InfiniteData, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { Page } from '../../../electron/schema/records';
import type { ApiCallError } from '../client';

export const FIRST_PAGE = 100;
export const NEXT_PAGE = 500;

interface PageParam {
  cursor: string | undefined;
  limit: number;
}

export interface CursorWindowOptions<T> {
  /** Identifies the question (method + filters + sort); a new key starts a new window. */
  key: readonly unknown[];
  fetchPage(cursor: string | undefined, limit: number, reverse: boolean): Promise<Page<T>>;
  /** Whether the list can be read in reverse order (audit events are newest-first only). */
  reversible: boolean;
}

export interface CursorWindow<T> {
  /** Changes when the question changes (other filters or sort): the list starts again at the top. */
  key: string;
  total: number;
  loaded: number;
  status: 'pending' | 'error' | 'success';
  error: ApiCallError | null;
  isFetching: boolean;
  /** The rows shown belong to the previous question while the new one loads. */
  isStale: boolean;
  rowAt(index: number): T | undefined;
  /** Asks for whatever pages the visible range [start, end] still lacks. */
  ensureRange(start: number, end: number): void;
  refetch(): void;
}

const flatten = <T>(data: InfiniteData<Page<T>, PageParam> | undefined): T[] =>
  data ? data.pages.flatMap((p) => p.items) : [];

const nextParam = <T>(last: Page<T>): PageParam | undefined =>
  last.nextCursor ? { cursor: last.nextCursor, limit: NEXT_PAGE } : undefined;

/** The pages read from one end of the list: the head in the chosen order, the tail in reverse. */
function useEndPages<T>(
  key: readonly unknown[],
  end: 'head' | 'tail',
  fetchPage: CursorWindowOptions<T>['fetchPage'],
  enabled: boolean,
) {
  return useInfiniteQuery<
    Page<T>,
    ApiCallError,
    InfiniteData<Page<T>, PageParam>,
    readonly unknown[],
    PageParam
  >({
    queryKey: [...key, end],
    queryFn: ({ pageParam }) => fetchPage(pageParam.cursor, pageParam.limit, end === 'tail'),
    initialPageParam: { cursor: undefined, limit: FIRST_PAGE },
    getNextPageParam: nextParam,
    enabled,
    // While another filter's first page loads, the old rows stay (dimmed) instead of a blank pane.
    ...(end === 'head' ? { placeholderData: keepPreviousData } : {}),
  });
}

export function useCursorWindow<T>({ key, fetchPage, reversible }: CursorWindowOptions<T>): CursorWindow<T> {
  const keyHash = JSON.stringify(key);
  const [tailFor, setTailFor] = useState<string | null>(null);
  const tailWanted = reversible && tailFor === keyHash;

  const head = useEndPages(key, 'head', fetchPage, true);
  const tail = useEndPages(key, 'tail', fetchPage, tailWanted);

  const headItems = useMemo(() => flatten(head.data), [head.data]);
  const tailItems = useMemo(() => (tailWanted ? flatten(tail.data) : []), [tail.data, tailWanted]);
  const total = head.data?.pages[0]?.total ?? 0;
  const headDone = head.data !== undefined && !head.hasNextPage;

  const rowAt = useCallback(
    (index: number): T | undefined => {
      if (index < headItems.length) return headItems[index];
      if (headDone) return undefined;
      const fromEnd = total - 1 - index;
      return fromEnd >= 0 && fromEnd < tailItems.length ? tailItems[fromEnd] : undefined;
    },
    [headItems, tailItems, total, headDone],
  );

  const {
    fetchNextPage: headNext,
    isFetchingNextPage: headBusy,
    hasNextPage: headMore,
    isFetching: headFetching,
  } = head;
  const { fetchNextPage: tailNext, isFetching: tailFetching, hasNextPage: tailMore } = tail;

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (head.data === undefined || total === 0) return;
      const headLen = headItems.length;
      const tailStart = tailWanted ? total - tailItems.length : total;
      const missingFrom = Math.max(start, headLen);
      const missingTo = Math.min(end, tailStart - 1, total - 1);
      // Nothing missing in view: the visible rows all come from the head or from the tail.
      if (headDone || missingFrom > missingTo) return;
      const gapBefore = missingFrom - headLen;
      const gapAfter = tailStart - 1 - missingTo;
      if (!reversible || gapBefore <= gapAfter) {
        if (headMore && !headBusy && !headFetching) void headNext();
        return;
      }
      if (!tailWanted) {
        setTailFor(keyHash);
        return;
      }
      if (tailMore && !tailFetching) void tailNext();
    },
    [
      head.data,
      total,
      headItems.length,
      tailItems.length,
      headDone,
      tailWanted,
      reversible,
      headMore,
      headBusy,
      headFetching,
      headNext,
      tailMore,
      tailFetching,
      tailNext,
      keyHash,
    ],
  );

  return {
    key: keyHash,
    total,
    loaded: Math.min(total, headItems.length + tailItems.length),
    status: head.status,
    error: head.error ?? tail.error ?? null,
    isFetching: head.isFetching || tail.isFetching,
    isStale: head.isPlaceholderData,
    rowAt,
    ensureRange,
    refetch: () => void head.refetch(),
  };
}
