// Every row of the file and what the import would do with it, as a table that stays smooth at tens
// of thousands of rows: only the rows in view exist in the DOM (TanStack Virtual), each measured so
// a row with several problems is as tall as it needs.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { FieldChange, PlanAction, PlanRow, Resolution } from '../../../electron/schema/exchange';
import { actionOrder, entityNouns, planActionLabels, plural } from './exchange-labels';

export interface PlanTableProps {
  rows: readonly PlanRow[];
  resolutions: Record<string, Resolution>;
}

type Show = 'all' | PlanAction;

export function PlanTable({ rows, resolutions }: PlanTableProps) {
  const selectId = useId();
  const [show, setShow] = useState<Show>('all');
  const shown = useMemo(() => (show === 'all' ? rows : rows.filter((r) => r.action === show)), [rows, show]);
  const present = useMemo(() => new Set(rows.map((r) => r.action)), [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 40,
    overscan: 8,
    initialRect: { width: 900, height: 420 },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  return (
    <div className="plan">
      <div className="plan-toolbar">
        <label className="filter-label" htmlFor={selectId}>
          Show rows
        </label>
        <select
          id={selectId}
          className="input input-small"
          value={show}
          onChange={(e) => setShow(e.target.value as Show)}
        >
          <option value="all">All {plural(rows.length, 'row', 'rows')}</option>
          {actionOrder
            .filter((a) => present.has(a))
            .map((a) => (
              <option key={a} value={a}>
                {planActionLabels[a]} ({rows.filter((r) => r.action === a).length.toLocaleString()})
              </option>
            ))}
        </select>
      </div>
      <div ref={scrollRef} className="plan-scroll">
        <table className="plan-table" aria-label="Rows of the file" aria-rowcount={shown.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="plan-col-num">
                Row
              </th>
              <th scope="col" className="plan-col-num">
                Line
              </th>
              <th scope="col" className="plan-col-ref">
                In the file
              </th>
              <th scope="col">Record</th>
              <th scope="col" className="plan-col-action">
                What happens
              </th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && <Spacer height={padTop} />}
            {items.map((item) => {
              const row = shown[item.index] as PlanRow;
              return (
                <tr
                  key={`${row.row}-${row.ref}-${item.index}`}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  className={`plan-action-${row.action}`}
                >
                  <PlanRowCells row={row} resolution={row.id ? resolutions[row.id] : undefined} />
                </tr>
              );
            })}
            {padBottom > 0 && <Spacer height={padBottom} />}
          </tbody>
        </table>
        {shown.length === 0 && <p className="plan-empty">No rows to show.</p>}
      </div>
    </div>
  );
}

/** Stands in for the rows above or below the visible ones, so the scrollbar is the whole file's. */
function Spacer({ height }: { height: number }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing and never takes focus
    <tr aria-hidden="true" className="plan-spacer" style={{ height }}>
      <td colSpan={6} />
    </tr>
  );
}

const choiceWords: Record<Resolution, string> = { ours: 'you keep yours', theirs: 'you take theirs' };

function PlanRowCells({ row, resolution }: { row: PlanRow; resolution: Resolution | undefined }) {
  const fields = Object.entries(row.fields ?? {});
  return (
    <>
      <td className="num">{row.row}</td>
      <td className="num">{row.line ?? '—'}</td>
      <td className="plan-ref">{row.ref}</td>
      <td className="plan-label">
        <span className="plan-entity">{entityNouns[row.entity] ?? row.entity}</span> {row.label}
      </td>
      <td>
        <span className={`plan-action plan-action-badge-${row.action}`}>{planActionLabels[row.action]}</span>
        {row.action === 'conflict' && (
          <span className={resolution ? 'plan-choice' : 'plan-choice plan-choice-open'}>
            {resolution ? `: ${choiceWords[resolution]}` : ': not chosen yet'}
          </span>
        )}
      </td>
      <td className="plan-why">
        {row.reason && <span className="plan-reason">{row.reason}</span>}
        {fields.length > 0 && (
          <ul className="plan-details">
            {fields.map(([field, message]) => (
              <li key={field}>
                <span className="plan-field">{field}</span> {message}
              </li>
            ))}
          </ul>
        )}
        {row.changes && row.changes.length > 0 && (
          <ul className="plan-details">
            {row.changes.map((change) => (
              <li key={change.field}>
                <ChangeText change={change} />
              </li>
            ))}
          </ul>
        )}
        {row.warnings && row.warnings.length > 0 && (
          <ul className="plan-details plan-warnings">
            {row.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </td>
    </>
  );
}

/** A value of a record as it would read in a sentence; long ones are cut. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function ChangeText({ change }: { change: FieldChange }) {
  return (
    <>
      <span className="plan-field">{change.field}</span>{' '}
      {`yours “${valueText(change.ours)}”, theirs “${valueText(change.theirs)}”`}
    </>
  );
}
