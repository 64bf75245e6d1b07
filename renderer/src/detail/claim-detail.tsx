// Everything that explains one claim: what it says, the verdict and why, the evidence behind it,
// what analysts judged, and every change made to it — all in one call (`claims.get` with its trail).
import { useState } from 'react';
import type { ClaimDetail as ClaimDetailData } from '../../../electron/schema/records';
import { client } from '../client';
import { ConfirmRemove } from '../components/confirm-remove';
import { ErrorMessage, Loading } from '../components/status-message';
import { claimDetailExtensions, Extensions } from '../extensions';
import { ClaimForm } from '../forms/lazy-forms';
import { claimStatusLabels, formatTime } from '../labels';
import { useNavigation } from '../navigation';
import { useApi } from '../queries';
import { AssessmentSection } from './assessment-section';
import { AuditTrail } from './audit-trail';
import { DetailHeader } from './detail-header';
import { EvidenceSection } from './evidence-section';
import { VerdictPanel } from './verdict-panel';

export function ClaimDetail({ id }: { id: string }) {
  const nav = useNavigation();
  const query = useApi('claims.get', { id, trail: true });
  if (query.isPending) return <Loading what="claim" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  const detail = query.data;
  if (nav.mode === 'edit') {
    return (
      <div className="detail">
        <DetailHeader kind="Edit claim" title={detail.claim.statement} />
        <ClaimForm
          claim={detail.claim}
          dealTitle={detail.deal?.title ?? null}
          onSaved={() => nav.view()}
          onCancel={() => nav.view()}
        />
      </div>
    );
  }
  return <ClaimView detail={detail} />;
}

function ClaimView({ detail }: { detail: ClaimDetailData }) {
  const nav = useNavigation();
  const { claim, deal, evidence, corroboration, assessments } = detail;
  const [editing, setEditing] = useState<string | null>(null);
  const removed = claim.deletedAt !== null;

  return (
    <article className="detail" aria-label="Claim">
      <DetailHeader
        kind="Claim"
        title={claim.statement}
        actions={
          !removed && (
            <>
              <button type="button" className="button" onClick={() => nav.edit()}>
                Edit claim
              </button>
              <ConfirmRemove
                noun="claim"
                name={claim.statement}
                triggerLabel="Remove claim"
                onConfirm={(reason) => client.claims.remove({ id: claim.id, reason })}
                onRemoved={() => nav.clear()}
              />
            </>
          )
        }
      >
        {removed && (
          <p className="removed-note" role="note">
            This claim was removed on {formatTime(claim.deletedAt)}. It is kept in the audit trail.
          </p>
        )}
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <span className={`status status-${claim.status}`}>{claimStatusLabels[claim.status]}</span>
            </dd>
          </div>
          <div>
            <dt>Deal</dt>
            <dd>
              {deal ? (
                <button type="button" className="link" onClick={() => nav.open('deal', deal.id)}>
                  {deal.title}
                </button>
              ) : (
                <span className="muted">None</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Tags</dt>
            <dd>
              {claim.tags.length ? (
                <ul className="tags" aria-label="Tags">
                  {claim.tags.map((t) => (
                    <li key={t} className="tag">
                      {t}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">None</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Changed</dt>
            <dd>
              <time dateTime={claim.updatedAt}>{formatTime(claim.updatedAt)}</time>
            </dd>
          </div>
        </dl>
      </DetailHeader>
      <VerdictPanel
        corroboration={corroboration}
        latest={assessments[0] ?? null}
        onOpenSource={(sourceId) => nav.open('source', sourceId)}
      />
      <EvidenceSection
        claimId={claim.id}
        evidence={evidence}
        editing={editing}
        onEditingChange={setEditing}
      />
      <AssessmentSection claimId={claim.id} assessments={assessments} />
      <Extensions list={claimDetailExtensions} id={claim.id} />
      <AuditTrail events={detail.trail?.items ?? []} pending={false} error={null} />
    </article>
  );
}
