// The state every record list keeps: its filters (kept for the session), the search words (read
// once typing pauses), the chosen sort, and the window of rows that answers them.
import type { Input } from '../../../electron/api/contract';
import { useDebounced } from '../hooks/use-debounced';
import { useSessionState } from '../hooks/use-session-state';
import type { Choice } from './list-toolbar';
import { type ListMethod, type SortOf, useListWindow } from './use-list-window';

export type Sorts<M extends ListMethod> = Record<string, { label: string; sort: SortOf<M> }>;
type FiltersOf<M extends ListMethod> = NonNullable<Exclude<Input<M>, undefined>['filters']>;

export interface ListFilters {
  text: string;
  sort: string;
}

export function useListFilters<F extends ListFilters>(key: string, noFilters: F) {
  const [f, setF] = useSessionState<F>(key, noFilters);
  return {
    f,
    set: (patch: Partial<F>) => setF({ ...f, ...patch }),
    /** Every filter back to "any"; the sort stays. */
    clear: () => setF({ ...noFilters, sort: f.sort }),
    text: useDebounced(f.text.trim(), 200),
  };
}

/** Rows of `method` matching `text` and `filters` (only those set), in the order `sorts[sort]`. */
export function useRecordWindow<M extends ListMethod>(
  method: M,
  {
    text,
    filters,
    sorts,
    sort,
    fallback,
  }: {
    text: string;
    filters: FiltersOf<M>;
    sorts: Sorts<M>;
    sort: string;
    fallback: keyof Sorts<M> & string;
  },
) {
  const hasFilters = Object.keys(filters).length > 0;
  const rows = useListWindow(method, {
    ...(text ? { query: text } : {}),
    ...(hasFilters ? { filters } : {}),
    sort: (sorts[sort] ?? (sorts[fallback] as Sorts<M>[string])).sort,
  } as Parameters<typeof useListWindow<M>>[1]);
  return { rows, filtered: hasFilters || text !== '' };
}

export function sortChoices<M extends ListMethod>(sorts: Sorts<M>): Choice[] {
  return Object.entries(sorts).map(([value, s]) => ({ value, label: s.label }));
}
