// Every actor in the case: filter by kind, search (aliases included), sort.
import type { ActorKind } from '../../../electron/schema/enums';
import { actorKinds } from '../../../electron/schema/enums';
import type { Actor } from '../../../electron/schema/records';
import { actorKindLabels } from '../labels';
import { choicesOf, countText, FilterSelect, ListToolbar, SearchBox, SortSelect } from './list-toolbar';
import { NewRecordButton, RecordRows } from './record-rows';
import { type Sorts, sortChoices, useListFilters, useRecordWindow } from './use-record-list';

const sorts: Sorts<'actors.list'> = {
  name: { label: 'Name A–Z', sort: { field: 'name', direction: 'asc' } },
  newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
  changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
};

interface ActorFilters {
  text: string;
  kind: string;
  sort: string;
}
const noFilters: ActorFilters = { text: '', kind: '', sort: 'name' };

export function ActorsList() {
  const { f, set, text } = useListFilters('actors.filters', noFilters);
  const { rows, filtered } = useRecordWindow('actors.list', {
    text,
    filters: f.kind ? { kind: [f.kind as ActorKind] } : {},
    sorts,
    sort: f.sort,
    fallback: 'name',
  });
  return (
    <div className="list-pane-inner">
      <ListToolbar
        title="Actors"
        action={<NewRecordButton kind="actor" label="New actor" />}
        search={
          <SearchBox label="Filter actors by words" value={f.text} onChange={(text) => set({ text })} />
        }
        filters={
          <FilterSelect
            label="Kind"
            anyLabel="Any kind"
            value={f.kind}
            choices={choicesOf(actorKinds, actorKindLabels)}
            onChange={(kind) => set({ kind })}
          />
        }
        sort={<SortSelect value={f.sort} choices={sortChoices(sorts)} onChange={(sort) => set({ sort })} />}
        count={countText(rows.total, rows.status === 'success', 'actor', 'actors', filtered)}
      />
      <RecordRows<Actor>
        kind="actor"
        label="Actors"
        rows={rows}
        rowHeight={50}
        empty={
          filtered
            ? 'No actor matches these filters.'
            : 'No actors yet. Add a company, agency or person with “New actor”.'
        }
        renderRow={(row) => (
          <div className="row">
            <span className="row-title">{row.name}</span>
            <span className="row-meta">
              <span>{actorKindLabels[row.kind]}</span>
              {row.country && <span>{row.country}</span>}
              {row.aliases.length > 0 && (
                <span className="muted">also {row.aliases.slice(0, 2).join(', ')}</span>
              )}
            </span>
          </div>
        )}
      />
    </div>
  );
}
