// Every source in the case: filter by kind, reliability and confidentiality, search, sort.
import { reliabilities, sourceKinds } from '../../../electron/schema/enums';
import { ReliabilityBadge } from '../components/grade-badge';
import { reliabilityLabels, sourceKindLabels } from '../labels';
import { SourcesBulkBar } from './bulk-bar';
import { choicesOf } from './list-toolbar';
import { RecordList, type RecordListSpec } from './record-list';

const sources: RecordListSpec<'sources.list'> = {
  method: 'sources.list',
  sessionKey: 'sources.filters',
  kind: 'source',
  title: 'Sources',
  label: 'Sources',
  noun: ['source', 'sources'],
  newRecord: 'New source',
  search: 'Filter sources by words',
  filters: [
    {
      type: 'select',
      key: 'kind',
      label: 'Kind',
      anyLabel: 'Any kind',
      choices: choicesOf(sourceKinds, sourceKindLabels),
    },
    {
      type: 'select',
      key: 'reliability',
      label: 'Reliability',
      anyLabel: 'Any reliability',
      choices: reliabilities.map((r) => ({ value: r, label: `${r} — ${reliabilityLabels[r]}` })),
    },
    {
      type: 'select',
      key: 'confidential',
      label: 'Confidential',
      anyLabel: 'Either',
      choices: [
        { value: 'yes', label: 'Confidential only' },
        { value: 'no', label: 'Not confidential' },
      ],
      as: 'yes-no',
    },
  ],
  sorts: {
    title: { label: 'Title A–Z', sort: { field: 'title', direction: 'asc' } },
    newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
    changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
    reliability: { label: 'Most reliable first', sort: { field: 'reliability', direction: 'asc' } },
    published: { label: 'Publication date', sort: { field: 'publishedAt', direction: 'desc' } },
  },
  defaultSort: 'title',
  rowHeight: 50,
  empty: {
    none: 'No sources yet. Log the first one with “New source”.',
    filtered: 'No source matches these filters.',
  },
  bulk: (props) => <SourcesBulkBar {...props} />,
  renderRow: (row) => (
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
  ),
};

export function SourcesList() {
  return <RecordList spec={sources} />;
}
