// The controls above a list: a text filter (debounced by the caller), filters, sort and the count.
import { type ReactNode, useId } from 'react';

export function SearchBox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(next: string): void;
}) {
  return (
    <input
      type="search"
      className="input list-search"
      aria-label={label}
      placeholder={`${label}…`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** The sort order, compact beside the count. */
export function SortSelect({
  value,
  choices,
  onChange,
}: {
  value: string;
  choices: readonly Choice[];
  onChange(next: string): void;
}) {
  const id = useId();
  return (
    <div className="sort">
      <label className="filter-label" htmlFor={id}>
        Sort
      </label>
      <select id={id} className="input input-small" value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function FilterSelect({
  label,
  value,
  choices,
  onChange,
  anyLabel,
}: {
  label: string;
  value: string;
  choices: readonly Choice[];
  onChange(next: string): void;
  /** The "no filter" option's words; absent for a select that always has a value (sort). */
  anyLabel?: string;
}) {
  const id = useId();
  return (
    <div className="filter">
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input input-small" value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ListToolbar({
  title,
  action,
  search,
  filters,
  sort,
  count,
}: {
  title: string;
  action?: ReactNode;
  search: ReactNode;
  filters?: ReactNode;
  sort?: ReactNode;
  count: ReactNode;
}) {
  return (
    <div className="list-toolbar">
      <div className="list-title-row">
        <h2 className="list-title">{title}</h2>
        {action}
      </div>
      {search}
      {filters && <div className="filters">{filters}</div>}
      <div className="list-count-row">
        <p className="list-count" aria-live="polite">
          {count}
        </p>
        {sort}
      </div>
    </div>
  );
}

export function countText(
  total: number,
  loaded: boolean,
  singular: string,
  plural: string,
  filtered: boolean,
): string {
  if (!loaded) return ' ';
  const n = total.toLocaleString();
  return `${n} ${total === 1 ? singular : plural}${filtered ? ' match' : ''}`;
}

export function choicesOf<T extends string>(values: readonly T[], labels: Record<T, string>): Choice[] {
  return values.map((v) => ({ value: v, label: labels[v] }));
}
