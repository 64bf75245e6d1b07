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

export interface Choice {
  value: string;
  label: string;
}

interface SelectProps {
  label: string;
  value: string;
  choices: readonly Choice[];
  onChange(next: string): void;
  /** The "no filter" option's words; absent for a select that always has a value (sort). */
  anyLabel?: string;
}

/** The sort order, compact beside the count. */
export function SortSelect(props: Omit<SelectProps, 'label' | 'anyLabel'>) {
  return <LabelledSelect className="sort" label="Sort" {...props} />;
}

export function FilterSelect(props: SelectProps) {
  return <LabelledSelect className="filter" {...props} />;
}

function LabelledSelect({
  className,
  label,
  value,
  choices,
  onChange,
  anyLabel,
}: SelectProps & { className: string }) {
  const id = useId();
  return (
    <div className={className}>
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

/** A filter typed as free text (a tag, a record id); the caller debounces it. */
export function TextFilter({
  id,
  label,
  value,
  placeholder,
  onChange,
  wide = false,
}: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  onChange(next: string): void;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'filter filter-wide' : 'filter'}>
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input-small"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
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
