// A source: what it is, how far to trust it and why, whether its identity must be protected, which
// source it repeats, and every claim it touches.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Output } from '../../../electron/api/contract';
import { client } from '../client';
import { ConfirmRemove } from '../components/confirm-remove';
import { GradeBadge, ReliabilityBadge } from '../components/grade-badge';
import { RecordPicker } from '../components/record-picker';
import { ErrorMessage, Loading } from '../components/status-message';
import { Extensions, sourceDetailExtensions } from '../extensions';
import { SourceForm } from '../forms/lazy-forms';
import { searchSources } from '../forms/pickers';
import { formatTime, reliabilityLabels, sourceKindLabels, stanceLabels } from '../labels';
import { useNavigation } from '../navigation';
import { useApi } from '../queries';
import { DetailHeader } from './detail-header';
import { RecordTrail } from './record-trail';

type SourceDetailData = Output<'sources.get'>;

export function SourceDetail({ id }: { id: string }) {
  const nav = useNavigation();
  const query = useApi('sources.get', { id });
  if (query.isPending) return <Loading what="source" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  const detail = query.data;
  if (nav.mode === 'edit') {
    return (
      <div className="detail">
        <DetailHeader kind="Edit source" title={detail.source.title} />
        <SourceForm
          source={detail.source}
          derivedFromTitle={detail.derivedFrom?.title ?? null}
          onSaved={() => nav.view()}
          onCancel={() => nav.view()}
        />
      </div>
    );
  }
  return <SourceView detail={detail} />;
}

function SourceView({ detail }: { detail: SourceDetailData }) {
  const nav = useNavigation();
  const { source, derivatives, uses } = detail;
  const removed = source.deletedAt !== null;
  const facts: [string, string | null][] = [
    ['Kind', sourceKindLabels[source.kind]],
    ['Author', source.author],
    ['Publisher', source.publisher],
    ['Published', source.publishedAt],
    ['Accessed', source.accessedAt],
    ['Language', source.language],
    ['Address', source.url],
  ];
  return (
    <article className="detail" aria-label="Source">
      <DetailHeader
        kind="Source"
        title={source.title}
        actions={
          !removed && (
            <>
              <button type="button" className="button" onClick={() => nav.edit()}>
                Edit source
              </button>
              <ConfirmRemove
                noun="source"
                name={source.title}
                triggerLabel="Remove source"
                onConfirm={(reason) => client.sources.remove({ id: source.id, reason })}
                onRemoved={() => nav.clear()}
              />
            </>
          )
        }
      >
        {source.confidential && (
          <p className="confidential-banner" role="note">
            <strong>Confidential source.</strong> Its identity is withheld from every export and report.
          </p>
        )}
        {removed && (
          <p className="removed-note" role="note">
            This source was removed on {formatTime(source.deletedAt)}. It is kept in the audit trail.
          </p>
        )}
      </DetailHeader>

      <section className="panel" aria-labelledby="reliability-heading">
        <div className="panel-head">
          <h3 id="reliability-heading" className="panel-title">
            Reliability
          </h3>
        </div>
        <p className="reliability-line">
          <ReliabilityBadge reliability={source.reliability} />{' '}
          <span>{reliabilityLabels[source.reliability]}</span>
        </p>
        {source.reliabilityNote ? (
          <p className="note">{source.reliabilityNote}</p>
        ) : (
          <p className="muted">No note on why.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="about-heading">
        <div className="panel-head">
          <h3 id="about-heading" className="panel-title">
            About
          </h3>
        </div>
        <dl className="facts facts-grid">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className={label === 'Address' ? 'url' : undefined}>
                {value ?? <span className="muted">—</span>}
              </dd>
            </div>
          ))}
        </dl>
        {source.notes && <p className="note">{source.notes}</p>}
      </section>

      <OriginPanel detail={detail} />

      {derivatives.length > 0 && (
        <section className="panel" aria-labelledby="derivatives-heading">
          <div className="panel-head">
            <h3 id="derivatives-heading" className="panel-title">
              Repeated by <span className="count">{derivatives.length}</span>
            </h3>
          </div>
          <ul className="plain-list">
            {derivatives.map((d) => (
              <li key={d.id}>
                <ReliabilityBadge reliability={d.reliability} />{' '}
                <button type="button" className="link" onClick={() => nav.open('source', d.id)}>
                  {d.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <Extensions list={sourceDetailExtensions} id={source.id} />

      <section className="panel" aria-labelledby="uses-heading">
        <div className="panel-head">
          <h3 id="uses-heading" className="panel-title">
            Claims it touches <span className="count">{uses.length}</span>
          </h3>
        </div>
        {uses.length === 0 ? (
          <p className="muted">No claim cites this source yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Stance</th>
                <th scope="col">Grade</th>
                <th scope="col">Excerpt</th>
              </tr>
            </thead>
            <tbody>
              {uses.map((u) => (
                <tr key={u.evidenceId}>
                  <td>
                    <button type="button" className="link" onClick={() => nav.open('claim', u.claimId)}>
                      {u.statement}
                    </button>
                  </td>
                  <td>
                    <span className={`stance stance-${u.stance}`}>{stanceLabels[u.stance]}</span>
                  </td>
                  <td>
                    <GradeBadge reliability={source.reliability} credibility={u.credibility} />
                  </td>
                  <td className="excerpt-cell">
                    {u.excerpt}
                    {u.locator && <span className="locator"> · {u.locator}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RecordTrail id={source.id} />
    </article>
  );
}

/** Which source this one repeats, editable in place: it decides which evidence counts as independent. */
function OriginPanel({ detail }: { detail: SourceDetailData }) {
  const nav = useNavigation();
  const queryClient = useQueryClient();
  const { source, derivedFrom } = detail;
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<{ id: string; title: string } | null>(derivedFrom);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.sources.update({
        id: source.id,
        ifUpdatedAt: source.updatedAt,
        derivedFrom: choice?.id ?? null,
      });
      await queryClient.invalidateQueries();
      setEditing(false);
    } catch (e) {
      const err = e as { fields?: Record<string, string>; message: string };
      setError(err.fields?.derivedFrom ? `Derived from ${err.fields.derivedFrom}` : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="origin-heading">
      <div className="panel-head">
        <h3 id="origin-heading" className="panel-title">
          Origin
        </h3>
        {!editing && !source.deletedAt && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setChoice(derivedFrom);
              setEditing(true);
            }}
          >
            Change origin
          </button>
        )}
      </div>
      {!editing &&
        (derivedFrom ? (
          <p>
            Derived from{' '}
            <button type="button" className="link" onClick={() => nav.open('source', derivedFrom.id)}>
              {derivedFrom.title}
            </button>{' '}
            — it repeats that source, so the two count as one line of evidence.
          </p>
        ) : (
          <p className="muted">An original: not derived from another source in this case.</p>
        ))}
      {editing && (
        <form
          className="record-form"
          aria-label="Origin"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <RecordPicker
            label="Derived from"
            queryKey="sources.list"
            search={searchSources}
            value={choice?.id ?? null}
            valueTitle={choice?.title ?? null}
            excludeId={source.id}
            placeholder="Type the title of the source this one repeats"
            error={error ?? undefined}
            onChange={(option) => setChoice(option ? { id: option.id, title: option.title } : null)}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              Save origin
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
