// Every claim in the case, however many: filter by status, deal, tag and verdict, search by words,
// sort, and walk them with the keyboard.

import type { ClaimStatus } from '../../../electron/schema/enums';
import { claimStatuses } from '../../../electron/schema/enums';
import type { Verdict } from '../../../electron/schema/inputs';
import type { ClaimListItem } from '../../../electron/schema/records';
import { VerdictBadge } from '../components/verdict-badge';
import { useDebounced } from '../hooks/use-debounced';
import { claimStatusLabels, verdictLabels, verdictOrder } from '../labels';
import { useApi } from '../queries';
import {
  choicesOf,
  countText,
  FilterSelect,
  ListToolbar,
  SearchBox,
  SortSelect,
  TextFilter,
} from './list-toolbar';
import { NewRecordButton, RecordRows } from './record-rows';
import { type Sorts, sortChoices, useListFilters, useRecordWindow } from './use-record-list';

const sorts: Sorts<'claims.list'> = {
  newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
  oldest: { label: 'Oldest first', sort: { field: 'created', direction: 'asc' } },
  changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
  statement: { label: 'Statement A–Z', sort: { field: 'statement', direction: 'asc' } },
  status: { label: 'Status', sort: { field: 'status', direction: 'asc' } },
};

interface ClaimFilters {
  text: string;
  status: string;
  verdict: string;
  dealId: string;
  tag: string;
  sort: string;
}

const noFilters: ClaimFilters = { text: '', status: '', verdict: '', dealId: '', tag: '', sort: 'newest' };

export function ClaimsList() {
  const { f, set, clear, text } = useListFilters('claims.filters', noFilters);
  const tag = useDebounced(f.tag.trim(), 300);
  const deals = useApi('deals.list', { limit: 500, sort: { field: 'title', direction: 'asc' } });

  const filters = {
    ...(f.status ? { status: [f.status as ClaimStatus] } : {}),
    ...(f.verdict ? { verdict: [f.verdict as Verdict] } : {}),
    ...(f.dealId ? { dealId: f.dealId } : {}),
    ...(tag ? { tag } : {}),
  };
  const { rows, filtered } = useRecordWindow('claims.list', {
    text,
    filters,
    sorts,
    sort: f.sort,
    fallback: 'newest',
  });

  return (
    <div className="list-pane-inner">
      <ListToolbar
        title="Claims"
        action={<NewRecordButton kind="claim" label="New claim" />}
        search={
          <SearchBox label="Filter claims by words" value={f.text} onChange={(text) => set({ text })} />
        }
        filters={
          <>
            <FilterSelect
              label="Status"
              anyLabel="Any status"
              value={f.status}
              choices={choicesOf(claimStatuses, claimStatusLabels)}
              onChange={(status) => set({ status })}
            />
            <FilterSelect
              label="Verdict"
              anyLabel="Any verdict"
              value={f.verdict}
              choices={choicesOf(verdictOrder, verdictLabels)}
              onChange={(verdict) => set({ verdict })}
            />
            <FilterSelect
              label="Deal"
              anyLabel="Any deal"
              value={f.dealId}
              choices={(deals.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))}
              onChange={(dealId) => set({ dealId })}
            />
            <TextFilter
              id="claims-tag-filter"
              label="Tag"
              value={f.tag}
              placeholder="Any tag"
              onChange={(tag) => set({ tag })}
            />
            {filtered && (
              <button type="button" className="button button-quiet button-small" onClick={clear}>
                Clear filters
              </button>
            )}
          </>
        }
        sort={<SortSelect value={f.sort} choices={sortChoices(sorts)} onChange={(sort) => set({ sort })} />}
        count={countText(rows.total, rows.status === 'success', 'claim', 'claims', filtered)}
      />
      <RecordRows<ClaimListItem>
        kind="claim"
        label="Claims"
        rows={rows}
        rowHeight={66}
        empty={
          filtered
            ? 'No claim matches these filters.'
            : 'No claims yet. State the first one with “New claim”.'
        }
        renderRow={(row) => (
          <div className="row">
            <span className="row-title row-title-clamp">{row.statement}</span>
            <span className="row-meta">
              <VerdictBadge verdict={row.verdict} />
              <span>{claimStatusLabels[row.status]}</span>
              <span>
                {row.evidenceCount} {row.evidenceCount === 1 ? 'item' : 'items'}
              </span>
              {row.tags.slice(0, 3).map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </span>
          </div>
        )}
      />
    </div>
  );
}
