// Every deal in the case: filter by technology and status, search, sort.
import type { DealStatus, Technology } from '../../../electron/schema/enums';
import { dealStatuses, technologies } from '../../../electron/schema/enums';
import type { Deal } from '../../../electron/schema/records';
import { dealStatusLabels, technologyLabels } from '../labels';
import { choicesOf, countText, FilterSelect, ListToolbar, SearchBox, SortSelect } from './list-toolbar';
import { NewRecordButton, RecordRows } from './record-rows';
import { type Sorts, sortChoices, useListFilters, useRecordWindow } from './use-record-list';

const sorts: Sorts<'deals.list'> = {
  title: { label: 'Title A–Z', sort: { field: 'title', direction: 'asc' } },
  year: { label: 'Year, latest first', sort: { field: 'year', direction: 'desc' } },
  country: { label: 'Country', sort: { field: 'country', direction: 'asc' } },
  newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
  changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
};

interface DealFilters {
  text: string;
  technology: string;
  status: string;
  sort: string;
}
const noFilters: DealFilters = { text: '', technology: '', status: '', sort: 'title' };

export function DealsList() {
  const { f, set, text } = useListFilters('deals.filters', noFilters);
  const filters = {
    ...(f.technology ? { technology: [f.technology as Technology] } : {}),
    ...(f.status ? { status: [f.status as DealStatus] } : {}),
  };
  const { rows, filtered } = useRecordWindow('deals.list', {
    text,
    filters,
    sorts,
    sort: f.sort,
    fallback: 'title',
  });
  return (
    <div className="list-pane-inner">
      <ListToolbar
        title="Deals"
        action={<NewRecordButton kind="deal" label="New deal" />}
        search={<SearchBox label="Filter deals by words" value={f.text} onChange={(text) => set({ text })} />}
        filters={
          <>
            <FilterSelect
              label="Technology"
              anyLabel="Any technology"
              value={f.technology}
              choices={choicesOf(technologies, technologyLabels)}
              onChange={(technology) => set({ technology })}
            />
            <FilterSelect
              label="Status"
              anyLabel="Any status"
              value={f.status}
              choices={choicesOf(dealStatuses, dealStatusLabels)}
              onChange={(status) => set({ status })}
            />
          </>
        }
        sort={<SortSelect value={f.sort} choices={sortChoices(sorts)} onChange={(sort) => set({ sort })} />}
        count={countText(rows.total, rows.status === 'success', 'deal', 'deals', filtered)}
      />
      <RecordRows<Deal>
        kind="deal"
        label="Deals"
        rows={rows}
        rowHeight={50}
        empty={
          filtered ? 'No deal matches these filters.' : 'No deals yet. Record the first one with “New deal”.'
        }
        renderRow={(row) => (
          <div className="row">
            <span className="row-title">{row.title}</span>
            <span className="row-meta">
              <span>{technologyLabels[row.technology]}</span>
              {row.country && <span>{row.country}</span>}
              {row.year && <span>{row.year}</span>}
              <span className={`deal-status deal-status-${row.status}`}>{dealStatusLabels[row.status]}</span>
            </span>
          </div>
        )}
      />
    </div>
  );
}
