// Every actor in the case: filter by kind, search (aliases included), sort.
import { actorKinds } from '../../../electron/schema/enums';
import { actorKindLabels } from '../labels';
import { choicesOf } from './list-toolbar';
import { RecordList, type RecordListSpec } from './record-list';

const actors: RecordListSpec<'actors.list'> = {
  method: 'actors.list',
  sessionKey: 'actors.filters',
  kind: 'actor',
  title: 'Actors',
  label: 'Actors',
  noun: ['actor', 'actors'],
  newRecord: 'New actor',
  search: 'Filter actors by words',
  filters: [
    {
      type: 'select',
      key: 'kind',
      label: 'Kind',
      anyLabel: 'Any kind',
      choices: choicesOf(actorKinds, actorKindLabels),
    },
  ],
  sorts: {
    name: { label: 'Name A–Z', sort: { field: 'name', direction: 'asc' } },
    newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
    changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
  },
  defaultSort: 'name',
  rowHeight: 50,
  empty: {
    none: 'No actors yet. Add a company, agency or person with “New actor”.',
    filtered: 'No actor matches these filters.',
  },
  renderRow: (row) => (
    <div className="row">
      <span className="row-title">{row.name}</span>
      <span className="row-meta">
        <span>{actorKindLabels[row.kind]}</span>
        {row.country && <span>{row.country}</span>}
        {row.aliases.length > 0 && <span className="muted">also {row.aliases.slice(0, 2).join(', ')}</span>}
      </span>
    </div>
  ),
};

export function ActorsList() {
  return <RecordList spec={actors} />;
}
