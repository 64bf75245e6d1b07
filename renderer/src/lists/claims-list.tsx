// Every claim in the case, however many: filter by status, deal, tag and verdict, search by words,
// sort, and walk them with the keyboard.
import { claimStatuses } from '../../../electron/schema/enums';
import { plural } from '../../../electron/schema/plural';
import { VerdictBadge } from '../components/verdict-badge';
import { claimStatusLabels, verdictLabels, verdictOrder } from '../labels';
import { ClaimsBulkBar } from './bulk-bar';
import { choicesOf } from './list-toolbar';
import { RecordList, type RecordListSpec } from './record-list';

const claims: RecordListSpec<'claims.list'> = {
  method: 'claims.list',
  sessionKey: 'claims.filters',
  kind: 'claim',
  title: 'Claims',
  label: 'Claims',
  noun: ['claim', 'claims'],
  newRecord: 'New claim',
  search: 'Filter claims by words',
  filters: [
    {
      type: 'select',
      key: 'status',
      label: 'Status',
      anyLabel: 'Any status',
      choices: choicesOf(claimStatuses, claimStatusLabels),
    },
    {
      type: 'select',
      key: 'verdict',
      label: 'Verdict',
      anyLabel: 'Any verdict',
      choices: choicesOf(verdictOrder, verdictLabels),
    },
    { type: 'deal', key: 'dealId', label: 'Deal', anyLabel: 'Any deal' },
    { type: 'text', key: 'tag', id: 'claims-tag-filter', label: 'Tag', placeholder: 'Any tag' },
  ],
  sorts: {
    newest: { label: 'Newest first', sort: { field: 'created', direction: 'desc' } },
    oldest: { label: 'Oldest first', sort: { field: 'created', direction: 'asc' } },
    changed: { label: 'Recently changed', sort: { field: 'updated', direction: 'desc' } },
    statement: { label: 'Statement A–Z', sort: { field: 'statement', direction: 'asc' } },
    status: { label: 'Status', sort: { field: 'status', direction: 'asc' } },
  },
  defaultSort: 'newest',
  rowHeight: 66,
  empty: {
    none: 'No claims yet. State the first one with “New claim”.',
    filtered: 'No claim matches these filters.',
  },
  bulk: (props) => <ClaimsBulkBar {...props} />,
  renderRow: (row) => (
    <div className="row">
      <span className="row-title row-title-clamp">{row.statement}</span>
      <span className="row-meta">
        <VerdictBadge verdict={row.verdict} />
        <span>{claimStatusLabels[row.status]}</span>
        <span>{plural(row.evidenceCount, 'item')}</span>
        {row.tags.slice(0, 3).map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
      </span>
    </div>
  ),
};

export function ClaimsList() {
  return <RecordList spec={claims} />;
}
