// A list page described as data: its title, its "New …" button, its search box, its filters (what
// each one offers and which API filter it sets), its sorts, its words for the count and the empty
// list, and how one row reads. record-list.tsx turns a spec into the page, so every list has the
// same toolbar, the same keyboard and the same accessible names.
import type { ReactNode } from 'react';
import type { RecordKind } from '../navigation';
import type { Choice } from './list-toolbar';

interface FilterBase {
  /** The key in the list's session state, and the API filter it sets. */
  key: string;
  label: string;
}

export type FilterSpec = FilterBase &
  (
    | {
        type: 'select';
        anyLabel: string;
        choices: readonly Choice[];
        /** How the chosen value goes to the API: one of a list (default), the value, or yes/no as a boolean. */
        as?: 'list' | 'value' | 'yes-no';
      }
    /** One of the case's deals, by title (the API filter takes the deal's id). */
    | { type: 'deal'; anyLabel: string }
    /** Free text (a tag, a record id), trimmed and read once typing pauses. */
    | { type: 'text'; id: string; placeholder: string; wide?: boolean }
  );

export interface ListSpec<T extends { id: string }> {
  /** Where the filters are kept for the session. */
  sessionKey: string;
  kind: RecordKind;
  title: string;
  /** The accessible name of the rows' listbox. */
  label: string;
  /** The count's nouns: ['deal', 'deals']. */
  noun: readonly [string, string];
  /** The "New …" button's words; absent for a list nobody adds to (the audit trail). */
  newRecord?: string;
  /** The search box's accessible name; absent for a list without one. */
  search?: string;
  filters: readonly FilterSpec[];
  rowHeight: number;
  empty: { none: string; filtered: string };
  renderRow(row: T): ReactNode;
  /**
   * Bulk edit: rows are picked with Ctrl/Cmd-click, Shift-click and Ctrl/Cmd+A, then this bar acts
   * on them (one audited transaction). Absent for a list without bulk edit.
   */
  bulk?(props: { ids: string[]; done(): void }): ReactNode;
}

export type ListValues = Record<string, string> & { text: string; sort: string };

/** Every filter at "any", no words, the given sort. */
export function noFiltersOf(filters: readonly FilterSpec[], sort: string): ListValues {
  return { text: '', sort, ...Object.fromEntries(filters.map((f) => [f.key, ''])) };
}

/** The API filters the values ask for (only those set); text filters are read from `settled`. */
export function apiFiltersOf(
  filters: readonly FilterSpec[],
  values: Record<string, string>,
  settled: Record<string, string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of filters) {
    const value = f.type === 'text' ? (settled[f.key] ?? '') : (values[f.key] ?? '');
    if (value === '') continue;
    const as = f.type === 'select' ? (f.as ?? 'list') : 'value';
    out[f.key] = as === 'list' ? [value] : as === 'yes-no' ? value === 'yes' : value;
  }
  return out;
}
