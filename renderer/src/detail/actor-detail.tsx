// An actor and the deals it is party to.
import type { Output } from '../../../electron/api/contract';
import { client } from '../client';
import { ConfirmRemove } from '../components/confirm-remove';
import { ErrorMessage, Loading } from '../components/status-message';
import { ActorForm } from '../forms/lazy-forms';
import { actorKindLabels, dealStatusLabels, formatTime, partyRoleLabels, technologyLabels } from '../labels';
import { useNavigation } from '../navigation';
import { useApi } from '../queries';
import { DetailHeader } from './detail-header';
import { MergeActor } from './merge-actor';
import { RecordTrail } from './record-trail';

type ActorDetailData = Output<'actors.get'>;

export function ActorDetail({ id }: { id: string }) {
  const nav = useNavigation();
  const query = useApi('actors.get', { id });
  if (query.isPending) return <Loading what="actor" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  if (nav.mode === 'edit') {
    return (
      <div className="detail">
        <DetailHeader kind="Edit actor" title={query.data.actor.name} />
        <ActorForm actor={query.data.actor} onSaved={() => nav.view()} onCancel={() => nav.view()} />
      </div>
    );
  }
  return <ActorView detail={query.data} />;
}

function ActorView({ detail }: { detail: ActorDetailData }) {
  const nav = useNavigation();
  const { actor, deals } = detail;
  const removed = actor.deletedAt !== null;
  return (
    <article className="detail" aria-label="Actor">
      <DetailHeader
        kind={`Actor · ${actorKindLabels[actor.kind]}`}
        title={actor.name}
        actions={
          !removed && (
            <>
              <button type="button" className="button" onClick={() => nav.edit()}>
                Edit actor
              </button>
              <MergeActor id={actor.id} name={actor.name} />
              <ConfirmRemove
                noun="actor"
                name={actor.name}
                triggerLabel="Remove actor"
                onConfirm={(reason) => client.actors.remove({ id: actor.id, reason })}
                onRemoved={() => nav.clear()}
              />
            </>
          )
        }
      >
        {removed && (
          <p className="removed-note" role="note">
            This actor was removed on {formatTime(actor.deletedAt)}. It is kept in the audit trail.
          </p>
        )}
        <dl className="facts">
          <div>
            <dt>Kind</dt>
            <dd>{actorKindLabels[actor.kind]}</dd>
          </div>
          <div>
            <dt>Country</dt>
            <dd>{actor.country ?? <span className="muted">—</span>}</dd>
          </div>
          <div>
            <dt>Other names</dt>
            <dd>{actor.aliases.length ? actor.aliases.join(', ') : <span className="muted">—</span>}</dd>
          </div>
        </dl>
      </DetailHeader>
      <section className="panel" aria-labelledby="actor-deals-heading">
        <div className="panel-head">
          <h3 id="actor-deals-heading" className="panel-title">
            Deals <span className="count">{deals.length}</span>
          </h3>
        </div>
        {deals.length === 0 ? (
          <p className="muted">Not party to any deal in this case.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Deal</th>
                <th scope="col">Role</th>
                <th scope="col">Technology</th>
                <th scope="col">Country</th>
                <th scope="col">Year</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {deals.map((d) => (
                <tr key={`${d.id}-${d.role}`}>
                  <td>
                    <button type="button" className="link" onClick={() => nav.open('deal', d.id)}>
                      {d.title}
                    </button>
                  </td>
                  <td>{partyRoleLabels[d.role as keyof typeof partyRoleLabels] ?? d.role}</td>
                  <td>{technologyLabels[d.technology]}</td>
                  <td>{d.country ?? '—'}</td>
                  <td>{d.year ?? '—'}</td>
                  <td>{dealStatusLabels[d.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RecordTrail id={actor.id} />
    </article>
  );
}
