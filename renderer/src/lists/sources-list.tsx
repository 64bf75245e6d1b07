// Every source in the case: filter by kind, reliability and confidentiality, search, sort.
import type { Reliability, SourceKind } from '../../../electron/schema/enums';
import { reliabilities, sourceKinds } from '../../../electron/schema/enums';
import type { Source } from '../../../electron/schema/records';
import { ReliabilityBadge } from '../components/grade-badge';
import { reliabilityLabels, sourceKindLabels } from '../labels';
import { choicesOf, countText, FilterSelect, ListToolbar, SearchBox, SortSelect } from './list-toolbar';
import { NewRecordButton, RecordRows } from './record-rows';
import { type Sorts, sortChoices, useListFilters, useRecordWindow } from './use-record-list';

const sorts: Sorts<'sources.list'> = {
  title: { label: 'Title A–Z', sort: { field: 'title', direction: 'asc' } },
  newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
  changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
  reliability: { label: 'Most reliable first', sort: { field: 'reliability', direction: 'asc' } },
  published: { label: 'Publication date', sort: { field: 'publishedAt', direction: 'desc' } },
};

interface SourceFilters {
  text: string;
  kind: string;
  reliability: string;
  confidential: string;
  sort: string;
}
const noFilters: SourceFilters = { text: '', kind: '', reliability: '', confidential: '', sort: 'title' };

export function SourcesList() {
  const { f, set, text } = useListFilters('sources.filters', noFilters);
  const filters = {
    ...(f.kind ? { kind: [f.kind as SourceKind] } : {}),
    ...(f.reliability ? { reliability: [f.reliability as Reliability] } : {}),
    ...(f.confidential ? { confidential: f.confidential === 'yes' } : {}),
  };
  const { rows, filtered } = useRecordWindow('sources.list', {
    text,
    filters,
    sorts,
    sort: f.sort,
    fallback: 'title',
  });
  return (
    <div className="list-pane-inner">
      <ListToolbar
        title="Sources"
        action={<NewRecordButton kind="source" label="New source" />}
        search={
          <SearchBox label="Filter sources by words" value={f.text} onChange={(text) => set({ text })} />
        }
        filters={
          <>
            <FilterSelect
              label="Kind"
              anyLabel="Any kind"
              value={f.kind}
              choices={choicesOf(sourceKinds, sourceKindLabels)}
              onChange={(kind) => set({ kind })}
            />
            <FilterSelect
              label="Reliability"
              anyLabel="Any reliability"
              value={f.reliability}
              choices={reliabilities.map((r) => ({ value: r, label: `${r} — ${reliabilityLabels[r]}` }))}
              onChange={(reliability) => set({ reliability })}
            />
            <FilterSelect
              label="Confidential"
              anyLabel="Either"
              value={f.confidential}
              choices={[
                { value: 'yes', label: 'Confidential only' },
                { value: 'no', label: 'Not confidential' },
              ]}
              onChange={(confidential) => set({ confidential })}
            />
          </>
        }
        sort={<SortSelect value={f.sort} choices={sortChoices(sorts)} onChange={(sort) => set({ sort })} />}
        count={countText(rows.total, rows.status === 'success', 'source', 'sources', filtered)}
      />
      <RecordRows<Source>
        kind="source"
        label="Sources"
        rows={rows}
        rowHeight={50}
        empty={
          filtered
            ? 'No source matches these filters.'
            : 'No sources yet. Log the first one with “New source”.'
        }
        renderRow={(row) => (
          <div className="row">
            <span className="row-title">{row.title}</span>
            <span className="row-meta">
              <ReliabilityBadge reliability={row.reliability} />
              <span>{sourceKindLabels[row.kind]}</span>
              {row.publisher && <span>{row.publisher}</span>}
              {row.publishedAt && <span>{row.publishedAt}</span>}
              {row.confidential && <span className="flag flag-confidential">Confidential</span>}
              {row.derivedFrom && <span className="flag">Derived</span>}
            </span>
          </div>
        )}
      />
    </div>
  );
}
