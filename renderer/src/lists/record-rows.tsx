// The pieces a list of one kind of record shares: its "New …" button and its rows, both wired to
// navigation (a row selected or opened shows in the detail pane).
import type { ReactNode } from 'react';
import type { RecordKind } from '../navigation';
import { useNavigation } from '../navigation';
import type { CursorWindow } from './use-cursor-window';
import { VirtualList } from './virtual-list';

export function NewRecordButton({ kind, label }: { kind: RecordKind; label: string }) {
  const nav = useNavigation();
  return (
    <button type="button" className="button button-primary button-small" onClick={() => nav.create(kind)}>
      {label}
    </button>
  );
}

export function RecordRows<T extends { id: string }>({
  kind,
  label,
  rows,
  rowHeight,
  empty,
  renderRow,
  picked,
  onPick,
}: {
  kind: RecordKind;
  label: string;
  rows: CursorWindow<T>;
  rowHeight: number;
  empty: ReactNode;
  renderRow(row: T): ReactNode;
  picked?: ReadonlySet<string>;
  onPick?(ids: Set<string>): void;
}) {
  const nav = useNavigation();
  return (
    <VirtualList<T>
      label={label}
      rows={rows}
      rowHeight={rowHeight}
      selectedId={nav.selection?.kind === kind ? nav.selection.id : null}
      onSelect={(row) => nav.select(kind, row.id)}
      onOpen={(row) => nav.open(kind, row.id)}
      empty={empty}
      renderRow={renderRow}
      {...(picked && onPick ? { picked, onPick } : {})}
    />
  );
}
