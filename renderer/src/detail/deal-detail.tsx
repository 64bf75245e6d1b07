// A deal: who is party to it and in what role, what was sold, where, when and for how much, and
// every claim made about it with its verdict.
import { useState } from 'react';
import type { Output } from '../../../electron/api/contract';
import { client } from '../client';
import { ConfirmRemove } from '../components/confirm-remove';
import { ErrorMessage, Loading } from '../components/status-message';
import { VerdictBadge } from '../components/verdict-badge';
import { dealDetailExtensions, Extensions } from '../extensions';
import { DealForm, PartiesEditor } from '../forms/lazy-forms';
import {
  claimStatusLabels,
  dealStatusLabels,
  formatMoney,
  formatTime,
  partyRoleLabels,
  technologyLabels,
} from '../labels';
import { useNavigation } from '../navigation';
import { useApi } from '../queries';
import { DetailHeader } from './detail-header';
import { RecordTrail } from './record-trail';

type DealDetailData = Output<'deals.get'>;

export function DealDetail({ id }: { id: string }) {
  const nav = useNavigation();
  const query = useApi('deals.get', { id });
  if (query.isPending) return <Loading what="deal" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  if (nav.mode === 'edit') {
    return (
      <div className="detail">
        <DetailHeader kind="Edit deal" title={query.data.deal.title} />
        <DealForm deal={query.data.deal} onSaved={() => nav.view()} onCancel={() => nav.view()} />
      </div>
    );
  }
  return <DealView detail={query.data} />;
}

function DealView({ detail }: { detail: DealDetailData }) {
  const nav = useNavigation();
  const { deal, parties, claims } = detail;
  const [editingParties, setEditingParties] = useState(false);
  const removed = deal.deletedAt !== null;
  const facts: [string, string | null][] = [
    ['Technology', technologyLabels[deal.technology]],
    ['Status', dealStatusLabels[deal.status]],
    ['Country', deal.country],
    ['Year', deal.year === null ? null : String(deal.year)],
    ['Value', formatMoney(deal.valueAmount, deal.valueCurrency) || null],
  ];
  return (
    <article className="detail" aria-label="Deal">
      <DetailHeader
        kind="Deal"
        title={deal.title}
        actions={
          !removed && (
            <>
              <button type="button" className="button" onClick={() => nav.edit()}>
                Edit deal
              </button>
              <ConfirmRemove
                noun="deal"
                name={deal.title}
                triggerLabel="Remove deal"
                onConfirm={(reason) => client.deals.remove({ id: deal.id, reason })}
                onRemoved={() => nav.clear()}
              />
            </>
          )
        }
      >
        {removed && (
          <p className="removed-note" role="note">
            This deal was removed on {formatTime(deal.deletedAt)}. It is kept in the audit trail.
          </p>
        )}
        <dl className="facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value ?? <span className="muted">—</span>}</dd>
            </div>
          ))}
        </dl>
        {deal.summary && <p className="summary">{deal.summary}</p>}
      </DetailHeader>

      <section className="panel" aria-labelledby="parties-heading">
        <div className="panel-head">
          <h3 id="parties-heading" className="panel-title">
            Parties <span className="count">{parties.length}</span>
          </h3>
          {!editingParties && !removed && (
            <button type="button" className="button" onClick={() => setEditingParties(true)}>
              Edit parties
            </button>
          )}
        </div>
        {editingParties ? (
          <div className="inline-form">
            <PartiesEditor dealId={deal.id} parties={parties} onDone={() => setEditingParties(false)} />
          </div>
        ) : parties.length === 0 ? (
          <p className="muted">No parties recorded.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Actor</th>
                <th scope="col">Country</th>
              </tr>
            </thead>
            <tbody>
              {parties.map((p) => (
                <tr key={p.id}>
                  <td>{partyRoleLabels[p.role]}</td>
                  <td>
                    <button type="button" className="link" onClick={() => nav.open('actor', p.actorId)}>
                      {p.actor.name}
                    </button>
                  </td>
                  <td>{p.actor.country ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="deal-claims-heading">
        <div className="panel-head">
          <h3 id="deal-claims-heading" className="panel-title">
            Claims <span className="count">{claims.length}</span>
          </h3>
          {!removed && (
            <button
              type="button"
              className="button"
              onClick={() => nav.create('claim', { dealId: deal.id, dealTitle: deal.title })}
            >
              New claim about this deal
            </button>
          )}
        </div>
        {claims.length === 0 ? (
          <p className="muted">No claims about this deal yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Verdict</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id}>
                  <td>
                    <button type="button" className="link" onClick={() => nav.open('claim', c.id)}>
                      {c.statement}
                    </button>
                  </td>
                  <td>
                    <VerdictBadge verdict={c.verdict} />
                  </td>
                  <td>{claimStatusLabels[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Extensions list={dealDetailExtensions} id={deal.id} />
      <RecordTrail id={deal.id} />
    </article>
  );
}
