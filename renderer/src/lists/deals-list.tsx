// Every deal in the case: filter by technology and status, search, sort.
import { dealStatuses, technologies } from '../../../electron/schema/enums';
import { dealStatusLabels, technologyLabels } from '../labels';
import { choicesOf } from './list-toolbar';
import { RecordList, type RecordListSpec } from './record-list';

const deals: RecordListSpec<'deals.list'> = {
  method: 'deals.list',
  sessionKey: 'deals.filters',
  kind: 'deal',
  title: 'Deals',
  label: 'Deals',
  noun: ['deal', 'deals'],
  newRecord: 'New deal',
  search: 'Filter deals by words',
  filters: [
    {
      type: 'select',
      key: 'technology',
      label: 'Technology',
      anyLabel: 'Any technology',
      choices: choicesOf(technologies, technologyLabels),
    },
    {
      type: 'select',
      key: 'status',
      label: 'Status',
      anyLabel: 'Any status',
      choices: choicesOf(dealStatuses, dealStatusLabels),
    },
  ],
  sorts: {
    title: { label: 'Title A–Z', sort: { field: 'title', direction: 'asc' } },
    year: { label: 'Year, latest first', sort: { field: 'year', direction: 'desc' } },
    country: { label: 'Country', sort: { field: 'country', direction: 'asc' } },
    newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
    changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
  },
  defaultSort: 'title',
  rowHeight: 50,
  empty: {
    none: 'No deals yet. Record the first one with “New deal”.',
    filtered: 'No deal matches these filters.',
  },
  renderRow: (row) => (
    <div className="row">
      <span className="row-title">{row.title}</span>
      <span className="row-meta">
        <span>{technologyLabels[row.technology]}</span>
        {row.country && <span>{row.country}</span>}
        {row.year && <span>{row.year}</span>}
        <span className={`deal-status deal-status-${row.status}`}>{dealStatusLabels[row.status]}</span>
      </span>
    </div>
  ),
};

export function DealsList() {
  return <RecordList spec={deals} />;
}
