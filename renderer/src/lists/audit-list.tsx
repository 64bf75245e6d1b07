// The audit chain, newest first, filtered by kind of record, action or record id; and the one
// action that matters most here: verify that nothing in it was changed or removed.

import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Output } from '../../../electron/api/contract';
import type { AuditEvent } from '../../../electron/schema/records';
import { type ApiCallError, client } from '../client';
import { summarizeEvent } from '../detail/audit-summary';
import { auditToolExtensions } from '../extensions';
import { actionLabels, describeEvent, entityLabels, formatTime } from '../labels';
import type { ListSpec } from './list-spec';
import { ListView, useListState } from './record-list';
import { useCursorWindow } from './use-cursor-window';

type Row = AuditEvent & { id: string };

const entities = ['claim', 'evidence', 'source', 'deal', 'deal_party', 'actor', 'assessment', 'case'];

const audit: ListSpec<Row> = {
  sessionKey: 'audit.filters',
  kind: 'audit',
  title: 'Audit trail',
  label: 'Audit events',
  noun: ['event', 'events'],
  filters: [
    {
      type: 'select',
      key: 'entity',
      label: 'Record kind',
      anyLabel: 'Any kind',
      choices: entities.map((e) => ({ value: e, label: entityLabels[e] ?? e })),
      as: 'value',
    },
    {
      type: 'select',
      key: 'action',
      label: 'Action',
      anyLabel: 'Any action',
      choices: Object.entries(actionLabels).map(([value, label]) => ({ value, label })),
      as: 'value',
    },
    {
      type: 'text',
      key: 'entityId',
      id: 'audit-record-id',
      label: 'Record id',
      placeholder: 'Any record',
      wide: true,
    },
  ],
  rowHeight: 50,
  empty: { none: 'No events yet.', filtered: 'No event matches these filters.' },
  renderRow: (row) => (
    <div className="row">
      <span className="row-title">
        <span className="seq">#{row.seq}</span> {describeEvent(row.action, row.entity)}{' '}
        <span className="row-summary">{summarizeEvent(row)}</span>
      </span>
      <span className="row-meta">
        <span>{row.actor}</span>
        <time dateTime={row.at}>{formatTime(row.at)}</time>
      </span>
    </div>
  ),
};

export function AuditList() {
  const state = useListState(audit.sessionKey, audit.filters, '');
  // The audit trail pages by its own method, newest first, with no search words or sorts.
  const key = JSON.stringify(state.query);
  const fetchPage = useCallback(
    async (cursor: string | undefined, limit: number) => {
      const page = await client.audit.list({
        ...(JSON.parse(key) as { entity?: string; action?: string; entityId?: string }),
        limit,
        ...(cursor ? { cursor } : {}),
      });
      return { ...page, items: page.items.map((e) => ({ ...e, id: String(e.seq) })) };
    },
    [key],
  );
  const rows = useCursorWindow<Row>({ key: ['audit.list', 'window', key], fetchPage, reversible: false });
  return (
    <ListView<Row>
      spec={audit}
      state={state}
      rows={rows}
      filtered={key !== '{}'}
      tools={
        <div className="audit-actions">
          <VerifyChain />
          {auditToolExtensions.map(({ id, Component }) => (
            <Component key={id} />
          ))}
        </div>
      }
    />
  );
}

type VerifyResult = Output<'audit.verify'>;

/** Recomputes every hash of the chain and says, in words, whether it holds. */
export function VerifyChain() {
  const [runs, setRuns] = useState(0);
  const query = useQuery<VerifyResult, ApiCallError>({
    queryKey: ['audit.verify', runs],
    queryFn: () => client.audit.verify(),
    enabled: runs > 0,
    gcTime: 0,
  });
  return (
    <div className="verify">
      <button
        type="button"
        className="button"
        onClick={() => setRuns((n) => n + 1)}
        disabled={query.isFetching}
      >
        {query.isFetching ? 'Verifying…' : 'Verify the audit trail'}
      </button>
      <div role="status" className="verify-result">
        {query.isFetching && <span>Checking every event of the chain…</span>}
        {!query.isFetching && query.data && <VerifyMessage result={query.data} />}
        {!query.isFetching && query.error && (
          <span className="verify-bad">The check could not run: {query.error.message}</span>
        )}
      </div>
    </div>
  );
}

export function VerifyMessage({ result }: { result: VerifyResult }) {
  // Verified against a checkpoint kept apart from the case: say what that comparison found too.
  const checkpoint = result.checkpoint && (
    <span className={result.checkpoint.ok ? 'verify-ok' : 'verify-bad'}> {result.checkpoint.message}</span>
  );
  if (result.ok) {
    return (
      <>
        <span className="verify-ok">
          Verified: the audit trail is intact. All {result.checked.toLocaleString()} events are in order and
          none has been changed since it was written.
        </span>
        {checkpoint}
      </>
    );
  }
  return (
    <>
      <span className="verify-bad">
        Verification failed at event #{result.brokenAt}: {result.reason}. The{' '}
        {result.checked.toLocaleString()} events before it are intact.
      </span>
      {checkpoint}
    </>
  );
}
