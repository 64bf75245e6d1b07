// A listbox over any number of rows: only the visible rows (plus a few) exist in the DOM, rows not
// yet loaded show as placeholders while their page arrives, and the keyboard moves the selection.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage, Loading } from '../components/status-message';
import type { CursorWindow } from './use-cursor-window';

export interface VirtualListProps<T extends { id: string }> {
  /** Accessible name of the listbox, e.g. "Claims". */
  label: string;
  rows: CursorWindow<T>;
  rowHeight: number;
  selectedId: string | null;
  /** Clicking or arrowing onto a row: the detail pane follows. */
  onSelect(row: T): void;
  /** Enter on a row: open it and move focus into the detail. */
  onOpen(row: T): void;
  renderRow(row: T): ReactNode;
  empty: ReactNode;
  /** Rows picked for a bulk edit; with it the listbox is multi-select. */
  picked?: ReadonlySet<string>;
  /** Replaces the picked rows (Ctrl/Cmd-click toggles, Shift-click a range, Ctrl/Cmd+A all loaded). */
  onPick?(ids: Set<string>): void;
}

export function VirtualList<T extends { id: string }>({
  label,
  rows,
  rowHeight,
  selectedId,
  onSelect,
  onOpen,
  renderRow,
  empty,
  picked,
  onPick,
}: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const [active, setActive] = useState(-1);
  const anchor = useRef(-1);
  const followKeyboard = useRef(false);
  const { total, rowAt, ensureRange, key } = rows;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    initialRect: { width: 400, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) ensureRange(first, last);
  }, [first, last, total, ensureRange]);

  // Another question (filters, sort): start again from the top of the new answer.
  const lastKey = useRef(key);
  useEffect(() => {
    if (lastKey.current === key) return;
    lastKey.current = key;
    setActive(-1);
    virtualizer.scrollToOffset(0);
  }, [key, virtualizer]);

  // Selection follows the keyboard, once the row under it has arrived.
  const activeRow = active >= 0 ? rowAt(active) : undefined;
  useEffect(() => {
    if (followKeyboard.current && activeRow && activeRow.id !== selectedId) {
      followKeyboard.current = false;
      onSelect(activeRow);
    }
  }, [activeRow, selectedId, onSelect]);

  if (rows.status === 'pending') return <Loading what={label.toLowerCase()} />;
  if (rows.status === 'error' && rows.error) return <ErrorMessage error={rows.error} retry={rows.refetch} />;
  if (total === 0) return <div className="list-empty">{empty}</div>;

  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    followKeyboard.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
  const current = active >= 0 ? active : -1;

  /** The loaded rows between two indexes: a range over rows not yet arrived takes what is there. */
  const idsBetween = (a: number, b: number) => {
    const ids: string[] = [];
    for (let i = Math.min(a, b); i <= Math.max(a, b); i++) {
      const r = rowAt(i);
      if (r) ids.push(r.id);
    }
    return ids;
  };
  const pick = (event: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, index: number, row: T) => {
    if (!onPick || !picked) return false;
    if (event.shiftKey) {
      const from = anchor.current >= 0 ? anchor.current : index;
      onPick(new Set([...picked, ...idsBetween(from, index)]));
      return true;
    }
    if (event.ctrlKey || event.metaKey) {
      const next = new Set(picked);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      anchor.current = index;
      onPick(next);
      return true;
    }
    anchor.current = index;
    if (picked.size > 0) onPick(new Set());
    return false;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (onPick && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onPick(new Set(idsBetween(0, rows.loaded - 1)));
      return;
    }
    if (onPick && event.key === 'Escape' && picked && picked.size > 0) {
      event.preventDefault();
      onPick(new Set());
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        move(current + 1);
        break;
      case 'ArrowUp':
        move(current - 1);
        break;
      case 'PageDown':
        move(current + page);
        break;
      case 'PageUp':
        move(current - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case 'Enter': {
        const row = current >= 0 ? rowAt(current) : undefined;
        if (row) onOpen(row);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const optionId = (index: number) => `${listId}-row-${index}`;
  const activeVisible = current >= first && current <= last;

  return (
    <div
      ref={scrollRef}
      className={`virtual-list${rows.isStale ? ' is-stale' : ''}`}
      aria-busy={rows.isStale || undefined}
      role="listbox"
      aria-label={label}
      aria-multiselectable={onPick ? true : undefined}
      tabIndex={0}
      aria-activedescendant={activeVisible ? optionId(current) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0) {
          const selectedIndex = selectedId ? indexOfLoaded(rows, selectedId) : -1;
          setActive(Math.max(selectedIndex, 0));
        }
      }}
    >
      <div className="virtual-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const multi = picked !== undefined && picked.size > 0;
          const selected = row !== undefined && (multi ? picked.has(row.id) : row.id === selectedId);
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys (aria-activedescendant)
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the listbox; options are pointed at, not focused
            <div
              key={row?.id ?? `placeholder-${item.index}`}
              id={optionId(item.index)}
              role="option"
              aria-selected={selected}
              aria-posinset={item.index + 1}
              aria-setsize={total}
              aria-busy={row === undefined || undefined}
              className={`virtual-row${selected ? ' is-selected' : ''}${item.index === current ? ' is-active' : ''}`}
              style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
              onClick={(event) => {
                if (!row) return;
                setActive(item.index);
                if (pick(event, item.index, row)) return;
                onSelect(row);
              }}
            >
              {row ? renderRow(row) : <span className="row-placeholder">Loading…</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function indexOfLoaded<T extends { id: string }>(rows: CursorWindow<T>, id: string): number {
  // Only the loaded head is searched: the selected row is almost always near where the user was.
  for (let i = 0; i < Math.min(rows.loaded, 5_000); i++) if (rows.rowAt(i)?.id === id) return i;
  return -1;
}
