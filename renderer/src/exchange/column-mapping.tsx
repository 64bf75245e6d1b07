// How each CSV column is read. Changing one previews the file again with the new mapping, so the
// rows below always show what the import would really do.
import { useId } from 'react';
import {
  type ColumnMapping as Column,
  claimColumnFields,
  type ImportKind,
  sourceColumnFields,
} from '../../../electron/schema/exchange';
import { columnFieldLabels } from './exchange-labels';
import type { ColumnField } from './use-import';

export interface ColumnMappingProps {
  kind: ImportKind;
  columns: readonly Column[];
  disabled: boolean;
  onChange(mapping: Record<string, ColumnField | null>): void;
}

export function ColumnMapping({ kind, columns, disabled, onChange }: ColumnMappingProps) {
  const prefix = useId();
  const fields: readonly ColumnField[] = kind === 'csv-claims' ? claimColumnFields : sourceColumnFields;
  const none = kind === 'csv-claims' ? 'Leave out' : 'Keep in the notes';
  const current = Object.fromEntries(columns.map((c) => [c.header, c.field as ColumnField | null]));
  return (
    <section className="panel" aria-labelledby="columns-heading">
      <div className="panel-head">
        <h3 id="columns-heading" className="panel-title">
          Columns <span className="count">{columns.length}</span>
        </h3>
      </div>
      <p className="muted">How each column of the spreadsheet is read. Change one to preview again.</p>
      <div className="column-grid">
        {columns.map((c) => {
          const id = `${prefix}-column-${c.column}`;
          return (
            <div key={c.column} className="filter">
              <label className="filter-label" htmlFor={id}>
                Column {c.column}: “{c.header}”
              </label>
              <select
                id={id}
                className="input input-small"
                value={c.field ?? ''}
                disabled={disabled}
                onChange={(e) =>
                  onChange({ ...current, [c.header]: (e.target.value || null) as ColumnField | null })
                }
              >
                <option value="">{none}</option>
                {fields.map((f) => (
                  <option key={f} value={f}>
                    {columnFieldLabels[f] ?? f}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </section>
  );
}
