// One list page from its spec (list-spec.ts): the toolbar (title, "New …", search, filters, clear,
// count, sort) and the rows. RecordList serves the record lists of the contract; the audit trail,
// which pages by its own method, uses useListState and ListView directly.
import { type ReactNode, useEffect, useState } from 'react';
import type { Output } from '../../../electron/api/contract';
import { useDebounced } from '../hooks/use-debounced';
import { useApi } from '../queries';
import { apiFiltersOf, type FilterSpec, type ListSpec, type ListValues, noFiltersOf } from './list-spec';
import {
  type Choice,
  countText,
  FilterSelect,
  ListToolbar,
  SearchBox,
  SortSelect,
  TextFilter,
} from './list-toolbar';
import { NewRecordButton, RecordRows } from './record-rows';
import type { CursorWindow } from './use-cursor-window';
import type { ListMethod } from './use-list-window';
import { type Sorts, sortChoices, useListFilters, useRecordWindow } from './use-record-list';

export type Row<M extends ListMethod> = Output<M>['items'][number];

export interface RecordListSpec<M extends ListMethod> extends ListSpec<Row<M>> {
  method: M;
  sorts: Sorts<M>;
  defaultSort: keyof Sorts<M> & string;
}

export interface ListState {
  values: ListValues;
  set(patch: Partial<ListValues>): void;
  clear(): void;
  /** The search words once typing pauses. */
  text: string;
  /** The API filters the state asks for (text filters once typing pauses). */
  query: Record<string, unknown>;
}

export function useListState(sessionKey: string, filters: readonly FilterSpec[], sort: string): ListState {
  const { f, set, clear, text } = useListFilters<ListValues>(sessionKey, noFiltersOf(filters, sort));
  const typed = JSON.stringify(
    Object.fromEntries(filters.filter((s) => s.type === 'text').map((s) => [s.key, (f[s.key] ?? '').trim()])),
  );
  const settled = JSON.parse(useDebounced(typed, 250)) as Record<string, string>;
  return { values: f, set, clear, text, query: apiFiltersOf(filters, f, settled) };
}

export function RecordList<M extends ListMethod>({ spec }: { spec: RecordListSpec<M> }) {
  const state = useListState(spec.sessionKey, spec.filters, spec.defaultSort);
  const { rows, filtered } = useRecordWindow(spec.method, {
    text: state.text,
    filters: state.query as Parameters<typeof useRecordWindow<M>>[1]['filters'],
    sorts: spec.sorts,
    sort: state.values.sort,
    fallback: spec.defaultSort,
  });
  return (
    <ListView<Row<M>>
      spec={spec as ListSpec<Row<M>>}
      state={state}
      rows={rows as CursorWindow<Row<M>>}
      filtered={filtered}
      sorts={sortChoices(spec.sorts)}
    />
  );
}

export function ListView<T extends { id: string }>({
  spec,
  state,
  rows,
  filtered,
  sorts,
  tools,
}: {
  spec: ListSpec<T>;
  state: ListState;
  rows: CursorWindow<T>;
  filtered: boolean;
  sorts?: readonly Choice[];
  /** Actions under the title (the audit trail's verification), where other lists have their search. */
  tools?: ReactNode;
}) {
  const { values, set } = state;
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  // Another question (filters, sort, words): what was picked may no longer be in the list.
  useEffect(() => {
    if (rows.key) setPicked(new Set());
  }, [rows.key]);
  return (
    <div className="list-pane-inner">
      <ListToolbar
        title={spec.title}
        action={spec.newRecord && <NewRecordButton kind={spec.kind} label={spec.newRecord} />}
        search={
          spec.search ? (
            <SearchBox label={spec.search} value={values.text} onChange={(text) => set({ text })} />
          ) : (
            tools
          )
        }
        filters={
          spec.filters.length > 0 && (
            <>
              {spec.filters.map((f) => (
                <FilterControl
                  key={f.key}
                  spec={f}
                  value={values[f.key] ?? ''}
                  onChange={(v) => set({ [f.key]: v })}
                />
              ))}
              {filtered && (
                <button type="button" className="button button-quiet button-small" onClick={state.clear}>
                  Clear filters
                </button>
              )}
            </>
          )
        }
        sort={sorts && <SortSelect value={values.sort} choices={sorts} onChange={(sort) => set({ sort })} />}
        count={countText(rows.total, rows.status === 'success', spec.noun[0], spec.noun[1], filtered)}
      />
      <RecordRows<T>
        kind={spec.kind}
        label={spec.label}
        rows={rows}
        rowHeight={spec.rowHeight}
        empty={filtered ? spec.empty.filtered : spec.empty.none}
        renderRow={spec.renderRow}
        {...(spec.bulk ? { picked, onPick: setPicked } : {})}
      />
      {spec.bulk && picked.size > 0 && spec.bulk({ ids: [...picked], done: () => setPicked(new Set()) })}
    </div>
  );
}

function FilterControl({
  spec,
  value,
  onChange,
}: {
  spec: FilterSpec;
  value: string;
  onChange(v: string): void;
}) {
  switch (spec.type) {
    case 'select':
      return (
        <FilterSelect
          label={spec.label}
          anyLabel={spec.anyLabel}
          value={value}
          choices={spec.choices}
          onChange={onChange}
        />
      );
    case 'deal':
      return <DealFilter spec={spec} value={value} onChange={onChange} />;
    case 'text':
      return (
        <TextFilter
          id={spec.id}
          label={spec.label}
          value={value}
          placeholder={spec.placeholder}
          onChange={onChange}
          {...(spec.wide ? { wide: true } : {})}
        />
      );
  }
}

/** The case's deals as the choices of a select filter, by title. */
function DealFilter({
  spec,
  value,
  onChange,
}: {
  spec: Extract<FilterSpec, { type: 'deal' }>;
  value: string;
  onChange(v: string): void;
}) {
  const deals = useApi('deals.list', { limit: 500, sort: { field: 'title', direction: 'asc' } });
  const choices = (deals.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }));
  return (
    <FilterControl
      spec={{ ...spec, type: 'select', choices, as: 'value' }}
      value={value}
      onChange={onChange}
    />
  );
}
