// The WHERE clauses of a list query and the values they bind, gathered one filter at a time, so a
// filter left out of the input adds nothing and every value stays bound, never spliced into SQL.
import { enumFilter } from './records';

export interface ListFilters {
  where: string[];
  params: unknown[];
  /** Rows whose few-valued column is one of `values`; nothing when there are none. */
  anyOf(column: string, values: readonly unknown[] | undefined): ListFilters;
  /** A condition with `?` placeholders and their values, in order. */
  add(sql: string, ...values: unknown[]): ListFilters;
}

export function listFilters(): ListFilters {
  const filters: ListFilters = {
    where: [],
    params: [],
    anyOf(column, values) {
      if (values?.length) {
        const q = enumFilter(column, values);
        filters.where.push(q.sql);
        filters.params.push(...q.params);
      }
      return filters;
    },
    add(sql, ...values) {
      filters.where.push(sql);
      filters.params.push(...values);
      return filters;
    },
  };
  return filters;
}
