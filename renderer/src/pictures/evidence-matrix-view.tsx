// The evidence matrix of one deal (the ACH view): claims across, independent lines of origin down,
// each cell the stance and grade of what that line says about that claim. Diagnosticity tells which
// lines discriminate between the claims; "What if wrong" drops a line and shows, through the same
// confidence model, which verdicts would fall — the fragile warning made visible.
import { useMemo, useState } from 'react';
import type { MatrixPicture } from '../../../electron/schema/pictures';
import { plural } from '../../../electron/schema/plural';
import { ReliabilityBadge } from '../components/grade-badge';
import { ErrorMessage, Loading } from '../components/status-message';
import { VerdictBadge } from '../components/verdict-badge';
import { useSessionState } from '../hooks/use-session-state';
import { verdictLabels } from '../labels';
import { useApi } from '../queries';
import type { OpenRecord } from './deal-network';
import {
  buildMatrix,
  itemWords,
  type MatrixCell,
  type MatrixRow,
  type RowSort,
  sortRows,
  whatIf,
} from './evidence-matrix';
import { matrixDealKey } from './session-keys';

export function EvidenceMatrix({ onOpen }: { onOpen: OpenRecord }) {
  const deals = useApi('deals.list', { limit: 500, sort: { field: 'title', direction: 'asc' } });
  const [chosen, setChosen] = useSessionState<string | null>(matrixDealKey, null);
  if (deals.isPending) return <Loading what="deals" />;
  if (deals.isError) return <ErrorMessage error={deals.error} retry={() => void deals.refetch()} />;
  const list = deals.data.items;
  const dealId = chosen && list.some((d) => d.id === chosen) ? chosen : (list[0]?.id ?? null);
  return (
    <div className="pic-figure">
      <div className="pic-toolbar">
        <label className="pic-field">
          Deal
          <select
            value={dealId ?? ''}
            onChange={(e) => setChosen(e.target.value)}
            disabled={list.length === 0}
          >
            {list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <p className="pic-note">
          <strong>+</strong> supports, <strong>−</strong> contradicts, <strong>○</strong> context; the letter
          is the source’s reliability (A–F), the digit the information’s credibility (1–6). A line whose marks
          are alike across every claim has low diagnosticity: it cannot tell the claims apart.
        </p>
      </div>
      {dealId ? (
        <DealMatrix key={dealId} dealId={dealId} onOpen={onOpen} />
      ) : (
        <p className="muted">No deals in this case yet.</p>
      )}
    </div>
  );
}

function DealMatrix({ dealId, onOpen }: { dealId: string; onOpen: OpenRecord }) {
  const query = useApi('pictures.matrix', { dealId });
  if (query.isPending) return <Loading what="the evidence matrix" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  return <MatrixTable picture={query.data} onOpen={onOpen} />;
}

const sortLabels: Record<RowSort, string> = {
  title: 'Line of origin',
  diagnosticity: 'Diagnosticity',
  impact: 'Verdicts resting on it',
  strength: 'Strongest item',
  coverage: 'Claims touched',
};

export function MatrixTable({ picture, onOpen }: { picture: MatrixPicture; onOpen: OpenRecord }) {
  const matrix = useMemo(() => buildMatrix(picture), [picture]);
  const [sort, setSort] = useState<{ by: RowSort; direction: 'asc' | 'desc' }>({
    by: 'impact',
    direction: 'desc',
  });
  const [dropped, setDropped] = useState<ReadonlySet<string>>(new Set());
  const changes = useMemo(() => whatIf(picture, dropped), [picture, dropped]);
  const changed = new Map(changes.map((c) => [c.claimId, c]));
  const rows = sortRows(matrix.rows, sort.by, sort.direction);
  const caption = `Evidence matrix for ${picture.deal.title}: ${plural(matrix.columns.length, 'claim')}, ${plural(matrix.rows.length, 'independent line')}`;

  if (matrix.columns.length === 0) return <p className="muted">No claims about {picture.deal.title} yet.</p>;

  const toggle = (rootId: string) => {
    const next = new Set(dropped);
    if (next.has(rootId)) next.delete(rootId);
    else next.add(rootId);
    setDropped(next);
  };
  const sortBy = (by: RowSort) =>
    setSort((s) => ({
      by,
      direction: s.by === by ? (s.direction === 'asc' ? 'desc' : 'asc') : by === 'title' ? 'asc' : 'desc',
    }));
  const ariaSort = (by: RowSort) =>
    sort.by === by ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  const sortButton = (by: RowSort) => (
    <button type="button" className="sort" onClick={() => sortBy(by)}>
      {sortLabels[by]}
      <span className="sort-mark" aria-hidden="true">
        {sort.by === by ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </button>
  );
  const droppedTitles = matrix.rows.filter((r) => dropped.has(r.rootId)).map((r) => r.title);

  return (
    <>
      <div
        className={`pic-whatif${changes.length > 0 ? ' has-changes' : ''}`}
        role="status"
        aria-live="polite"
      >
        {dropped.size === 0
          ? 'Switch on “What if wrong” for a line to see which verdicts rest on it.'
          : changes.length === 0
            ? `Without ${droppedTitles.join(' and ')}, no verdict changes.`
            : `Without ${droppedTitles.join(' and ')}, ${plural(changes.length, 'verdict')} ${changes.length === 1 ? 'changes' : 'change'}: ${changes
                .map(
                  (c) =>
                    `“${c.statement}” ${verdictLabels[c.before].toLowerCase()} → ${verdictLabels[c.after].toLowerCase()}`,
                )
                .join('; ')}.`}
      </div>
      <div className="pic-matrix-scroll">
        <table className="pic-matrix" aria-label={caption}>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('title')}>
                {sortButton('title')}
              </th>
              {matrix.columns.map((col) => (
                <th key={col.claim.id} scope="col" className="claim-head" title={col.claim.statement}>
                  <button type="button" className="link" onClick={() => onOpen('claim', col.claim.id)}>
                    {col.claim.statement}
                  </button>
                </th>
              ))}
              <th scope="col" aria-sort={ariaSort('diagnosticity')}>
                {sortButton('diagnosticity')}
              </th>
              <th scope="col" aria-sort={ariaSort('impact')}>
                {sortButton('impact')}
              </th>
              <th scope="col">What if wrong</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row
                key={row.rootId}
                row={row}
                columns={matrix.columns.map((c) => c.claim.id)}
                dropped={dropped.has(row.rootId)}
                onToggle={() => toggle(row.rootId)}
                onOpen={onOpen}
              />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{dropped.size > 0 ? 'Verdict (what if)' : 'Verdict'}</th>
              {matrix.columns.map((col) => {
                const change = changed.get(col.claim.id);
                return (
                  <td
                    key={col.claim.id}
                    className={change ? 'changed' : undefined}
                    data-claim-id={col.claim.id}
                  >
                    {change ? (
                      <span className="verdict-change">
                        <span className="pic-sr-only">
                          Verdict would change from {verdictLabels[change.before]} to{' '}
                          {verdictLabels[change.after]}
                        </span>
                        <s aria-hidden="true">
                          <VerdictBadge verdict={change.before} />
                        </s>
                        <span aria-hidden="true">↓</span>
                        <span aria-hidden="true">
                          <VerdictBadge verdict={change.after} />
                        </span>
                      </span>
                    ) : (
                      <VerdictBadge verdict={col.verdict} />
                    )}
                    {col.fragile && !change && <span className="members">fragile</span>}
                    {col.stale && <span className="members">the saved verdict differs; reopen the case</span>}
                  </td>
                );
              })}
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

function Row({
  row,
  columns,
  dropped,
  onToggle,
  onOpen,
}: {
  row: MatrixRow;
  columns: string[];
  dropped: boolean;
  onToggle(): void;
  onOpen: OpenRecord;
}) {
  const copies = row.members.filter((m) => m.id !== row.rootId);
  return (
    <tr className={dropped ? 'dropped' : undefined} data-root-id={row.rootId}>
      <th scope="row">
        <ReliabilityBadge reliability={row.reliability} /> {row.title}
        {row.confidential && <span className="members">confidential source</span>}
        {copies.length > 0 && <span className="members">with {copies.map((m) => m.title).join(', ')}</span>}
      </th>
      {columns.map((claimId) => (
        <Cell key={claimId} cell={row.cells.get(claimId)} onOpen={() => onOpen('claim', claimId)} />
      ))}
      <td>
        {row.diagnosticity === null ? (
          <span className="muted" title="One claim: nothing to tell apart">
            —
          </span>
        ) : (
          <span
            className={`diag diag-${row.level}`}
            title="How differently this line bears on the deal’s claims (0–1)"
          >
            <span className="diag-bar" aria-hidden="true">
              <span
                className="diag-fill"
                ref={(el) => {
                  // Through the CSSOM: the CSP refuses style attributes in markup.
                  if (el) el.style.width = `${Math.round((row.diagnosticity as number) * 100)}%`;
                }}
              />
            </span>
            {row.level} ({(row.diagnosticity as number).toFixed(2)})
          </span>
        )}
      </td>
      <td className="num">
        {row.impact === 0 ? <span className="muted">none</span> : plural(row.impact, 'verdict')}
      </td>
      <td className="whatif">
        <button
          type="button"
          role="switch"
          aria-checked={dropped}
          className="pic-switch"
          aria-label={`What if ${row.title} is wrong`}
          onClick={onToggle}
        >
          <span className="knob" aria-hidden="true" />
          {dropped ? 'Dropped' : 'Drop'}
        </button>
      </td>
    </tr>
  );
}

function Cell({ cell, onOpen }: { cell: MatrixCell | undefined; onOpen(): void }) {
  if (!cell) {
    return (
      <td className="cell cell-empty">
        <span aria-hidden="true">·</span>
        <span className="pic-sr-only">No evidence</span>
      </td>
    );
  }
  const words = cell.items.map(itemWords).join('; ');
  return (
    <td className="cell">
      <button
        type="button"
        className="cell-button"
        aria-label={`${cell.text}: ${words}`}
        title={words}
        onClick={onOpen}
      >
        {cell.text.split(' ').map((mark, i) => (
          // Marks in a cell are distinct (cellOf), so each is its own key.
          <span key={mark} className={markClass(mark)}>
            {i > 0 ? ' ' : ''}
            {mark}
          </span>
        ))}
      </button>
    </td>
  );
}

function markClass(mark: string): string {
  if (/^\+\d+$/.test(mark)) return 'mark-more';
  if (mark.startsWith('+')) return 'mark-supports';
  if (mark.startsWith('\u2212')) return 'mark-contradicts';
  return 'mark-context';
}
