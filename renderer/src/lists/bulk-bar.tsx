// The bar under a list while rows are picked: set one thing on all of them in one audited
// transaction (sources.bulkUpdate, claims.bulkUpdate); one Ctrl/Cmd+Z undoes the whole edit.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { claimStatuses, reliabilities } from '../../../electron/schema/enums';
import { ApiCallError, client } from '../client';
import { useConfirmPublish } from '../components/confirm-publish';
import { claimStatusLabels, reliabilityLabels } from '../labels';

function BulkBar({
  count,
  noun,
  canApply,
  apply,
  done,
  children,
}: {
  count: number;
  noun: [string, string];
  canApply: boolean;
  apply(): Promise<unknown>;
  done(): void;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const what = `${count} ${count === 1 ? noun[0] : noun[1]}`;
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await apply();
      await queryClient.invalidateQueries();
      done();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="bulk-bar" aria-label="Bulk edit">
      <p className="bulk-count" role="status">
        {what} selected
      </p>
      <div className="bulk-controls">
        {children}
        <button
          type="button"
          className="button button-primary"
          disabled={!canApply || busy}
          onClick={() => void run()}
        >
          Apply to {what}
        </button>
        <button type="button" className="button button-quiet" onClick={done}>
          Clear selection
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function SourcesBulkBar({ ids, done }: { ids: string[]; done(): void }) {
  const [reliability, setReliability] = useState('');
  const id = useId();
  return (
    <BulkBar
      count={ids.length}
      noun={['source', 'sources']}
      canApply={reliability !== ''}
      apply={() =>
        client.sources.bulkUpdate({ ids, reliability: reliability as (typeof reliabilities)[number] })
      }
      done={done}
    >
      <label className="field-label" htmlFor={id}>
        Set reliability
      </label>
      <select id={id} className="input" value={reliability} onChange={(e) => setReliability(e.target.value)}>
        <option value="">Choose…</option>
        {reliabilities.map((r) => (
          <option key={r} value={r}>
            {r} — {reliabilityLabels[r]}
          </option>
        ))}
      </select>
    </BulkBar>
  );
}

export function ClaimsBulkBar({ ids, done }: { ids: string[]; done(): void }) {
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const statusId = useId();
  const tagId = useId();
  const confirm = useConfirmPublish('Mark Verified');
  const apply = async () => {
    const input = {
      ids,
      ...(status ? { status: status as (typeof claimStatuses)[number] } : {}),
      ...(tag.trim() ? { addTags: [tag.trim()] } : {}),
    };
    try {
      return await client.claims.bulkUpdate(input);
    } catch (error) {
      if (!(error instanceof ApiCallError) || error.reason !== 'needs_confirmation') throw error;
      const reason = await confirm.ask(error.message);
      if (reason === null) throw error;
      return client.claims.bulkUpdate({ ...input, confirmReason: reason });
    }
  };
  return (
    <BulkBar
      count={ids.length}
      noun={['claim', 'claims']}
      canApply={status !== '' || tag.trim() !== ''}
      apply={apply}
      done={done}
    >
      <label className="field-label" htmlFor={statusId}>
        Set status
      </label>
      <select id={statusId} className="input" value={status} onChange={(e) => setStatus(e.target.value)}>
        <option value="">Keep</option>
        {claimStatuses.map((s) => (
          <option key={s} value={s}>
            {claimStatusLabels[s]}
          </option>
        ))}
      </select>
      <label className="field-label" htmlFor={tagId}>
        Add tag
      </label>
      <input
        id={tagId}
        className="input"
        value={tag}
        maxLength={100}
        onChange={(e) => setTag(e.target.value)}
      />
      {confirm.dialog}
    </BulkBar>
  );
}
