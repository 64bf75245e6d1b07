// Every deal in the case: filter by technology and status, search, sort.
import type { DealStatus, Technology } from '../../../electron/schema/enums';
import { dealStatuses, technologies } from '../../../electron/schema/enums';
import type { Deal } from '../../../electron/schema/records';
import { useDebounced } from '../components/use-debounced';
import { useSessionState } from '../components/use-session-state';
import { dealStatusLabels, technologyLabels } from '../labels';
import { useNavigation } from '../navigation';
import { choicesOf, countText, FilterSelect, ListToolbar, SearchBox, SortSelect } from './list-toolbar';
import { type SortOf, useListWindow } from './use-list-window';
import { VirtualList } from './virtual-list';

const sorts: Record<string, { label: string; sort: SortOf<'deals.list'> }> = {
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
  const nav = useNavigation();
  const [f, setF] = useSessionState<DealFilters>('deals.filters', noFilters);
  const set = (patch: Partial<DealFilters>) => setF({ ...f, ...patch });
  const text = useDebounced(f.text.trim(), 200);
  const filters = {
    ...(f.technology ? { technology: [f.technology as Technology] } : {}),
    ...(f.status ? { status: [f.status as DealStatus] } : {}),
  };
  const filtered = Object.keys(filters).length > 0 || text !== '';
  const rows = useListWindow('deals.list', {
    ...(text ? { query: text } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
    sort: (sorts[f.sort] ?? sorts.title!).sort,
  });
  return (
    <div className="list-pane-inner">
      <ListToolbar
        title="Deals"
        action={
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => nav.create('deal')}
          >
            New deal
          </button>
        }
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
        sort={
          <SortSelect
            value={f.sort}
            choices={Object.entries(sorts).map(([value, s]) => ({ value, label: s.label }))}
            onChange={(sort) => set({ sort })}
          />
        }
        count={countText(rows.total, rows.status === 'success', 'deal', 'deals', filtered)}
      />
      <VirtualList<Deal>
        label="Deals"
        rows={rows}
        rowHeight={50}
        selectedId={nav.selection?.kind === 'deal' ? nav.selection.id : null}
        onSelect={(row) => nav.select('deal', row.id)}
        onOpen={(row) => nav.open('deal', row.id)}
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
