// On a deal's and a claim's detail: make the publishable report of it, and for a deal the
// ClaimReview JSON-LD of its checked claims.
import './exchange.css';
import { lazy, useState } from 'react';
import { truncate } from '../components/confirm-remove';
import { LazyView } from '../components/lazy-view';
import { useApi } from '../queries';
import { plural } from './exchange-labels';

// The dialogs (with their forms and the report's frame) load the first time one opens.
const ReportDialog = lazy(() => import('./report-dialog').then((m) => ({ default: m.ReportDialog })));
const ClaimReviewDialog = lazy(() =>
  import('./claim-review-dialog').then((m) => ({ default: m.ClaimReviewDialog })),
);

const publishable = new Set(['verified', 'disputed', 'debunked']);

export function DealPublishPanel({ id }: { id: string }) {
  const deal = useApi('deals.get', { id });
  const [reporting, setReporting] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  if (!deal.data || deal.data.deal.deletedAt) return null;
  const title = deal.data.deal.title;
  const checked = deal.data.claims.filter((c) => publishable.has(c.status)).length;
  return (
    <section className="panel" aria-labelledby="deal-publish-heading">
      <div className="panel-head">
        <h3 id="deal-publish-heading" className="panel-title">
          Publish
        </h3>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setReporting(true)}>
          Report on this deal…
        </button>
        <button type="button" className="button" onClick={() => setReviewing(true)}>
          ClaimReview JSON-LD…
        </button>
      </div>
      <p className="muted">
        The report shows each claim with its verdict, the evidence behind it and the audit checkpoint it was
        made from. ClaimReview covers the {plural(checked, 'claim', 'claims')} marked verified, disputed or
        debunked.
      </p>
      {reporting && (
        <LazyView what="the report">
          <ReportDialog
            open
            onOpenChange={setReporting}
            selection={{ dealId: id }}
            about={`the deal “${truncate(title, 80)}”`}
          />
        </LazyView>
      )}
      {reviewing && (
        <LazyView what="the ClaimReview form">
          <ClaimReviewDialog open onOpenChange={setReviewing} dealId={id} dealTitle={title} />
        </LazyView>
      )}
    </section>
  );
}

export function ClaimPublishPanel({ id }: { id: string }) {
  const [reporting, setReporting] = useState(false);
  return (
    <section className="panel" aria-labelledby="claim-publish-heading">
      <div className="panel-head">
        <h3 id="claim-publish-heading" className="panel-title">
          Publish
        </h3>
        <button type="button" className="button" onClick={() => setReporting(true)}>
          Report on this claim…
        </button>
      </div>
      {reporting && (
        <LazyView what="the report">
          <ReportDialog open onOpenChange={setReporting} selection={{ claimIds: [id] }} about="this claim" />
        </LazyView>
      )}
    </section>
  );
}
