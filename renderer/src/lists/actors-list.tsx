// Every actor in the case: filter by kind, search (aliases included), sort.
import type { ActorKind } from '../../../electron/schema/enums';
import { actorKinds } from '../../../electron/schema/enums';
import type { Actor } from '../../../electron/schema/records';
import { useDebounced } from '../components/use-debounced';
import { useSessionState } from '../components/use-session-state';
import { actorKindLabels } from '../labels';
import { useNavigation } from '../navigation';
import { choicesOf, countText, FilterSelect, ListToolbar, SearchBox, SortSelect } from './list-toolbar';
import { type SortOf, useListWindow } from './use-list-window';
import { VirtualList } from './virtual-list';

const sorts: Record<string, { label: string; sort: SortOf<'actors.list'> }> = {
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
  const nav = useNavigation();
  const [f, setF] = useSessionState<ActorFilters>('actors.filters', noFilters);
  const set = (patch: Partial<ActorFilters>) => setF({ ...f, ...patch });
  const text = useDebounced(f.text.trim(), 200);
  const filtered = f.kind !== '' || text !== '';
  const rows = useListWindow('actors.list', {
    ...(text ? { query: text } : {}),
    ...(f.kind ? { filters: { kind: [f.kind as ActorKind] } } : {}),
    sort: (sorts[f.sort] ?? sorts.name!).sort,
  });
  return (
    <div className="list-pane-inner">
      <ListToolbar
        title="Actors"
        action={
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => nav.create('actor')}
          >
            New actor
          </button>
        }
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
        sort={
          <SortSelect
            value={f.sort}
            choices={Object.entries(sorts).map(([value, s]) => ({ value, label: s.label }))}
            onChange={(sort) => set({ sort })}
          />
        }
        count={countText(rows.total, rows.status === 'success', 'actor', 'actors', filtered)}
      />
      <VirtualList<Actor>
        label="Actors"
        rows={rows}
        rowHeight={50}
        selectedId={nav.selection?.kind === 'actor' ? nav.selection.id : null}
        onSelect={(row) => nav.select('actor', row.id)}
        onOpen={(row) => nav.open('actor', row.id)}
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
