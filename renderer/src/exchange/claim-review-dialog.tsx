// ClaimReview JSON-LD for publishing a deal's checked claims (verified, disputed, debunked) the way
// search engines and fact-check aggregators read them. The publisher is named by the user; the
// claims that cannot be published are listed with why.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ClaimReviewResult } from '../../../electron/schema/exchange';
import { fileSlug } from '../../../electron/schema/file-slug';
import { limits, requiredText } from '../../../electron/schema/inputs';
import { ApiCallError, client } from '../client';
import { Modal } from '../components/modal';
import { downloadText } from '../files/downloads';
import { Field, FormError } from '../forms/field';
import { applyServerError } from '../forms/server-errors';
import { plural } from './exchange-labels';
import { invalidateAudit } from './invalidate-audit';

const optionalUrl = z.union([
  z.literal(''),
  z.url({ message: 'must be a full address like https://…' }).max(limits.url),
]);
const Schema = z.object({
  publisherName: requiredText(limits.name),
  publisherUrl: optionalUrl,
  reviewUrl: optionalUrl,
  includeConfidential: z.boolean(),
});
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;

export interface ClaimReviewDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  dealId: string;
  dealTitle: string;
}

export function ClaimReviewDialog({ open, onOpenChange, dealId, dealTitle }: ClaimReviewDialogProps) {
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="ClaimReview for publishing"
      description={`Structured fact-checks (schema.org ClaimReview, JSON-LD) of the verified, disputed and debunked claims about “${dealTitle}”.`}
      className="dialog-wide"
    >
      {open && <ClaimReviewForm dealId={dealId} dealTitle={dealTitle} close={() => onOpenChange(false)} />}
    </Modal>
  );
}

function ClaimReviewForm({ dealId, dealTitle, close }: { dealId: string; dealTitle: string; close(): void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<ClaimReviewResult | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(Schema),
    defaultValues: { publisherName: '', publisherUrl: '', reviewUrl: '', includeConfidential: false },
  });
  const { register, handleSubmit, setError, formState, watch } = form;
  const errors = formState.errors;

  const submit = handleSubmit(async (v) => {
    setFormError(null);
    setResult(null);
    try {
      const answer = await client.exchange.claimReview({
        dealId,
        publisher: { name: v.publisherName, ...(v.publisherUrl ? { url: v.publisherUrl } : {}) },
        ...(v.reviewUrl ? { reviewUrl: v.reviewUrl } : {}),
        includeConfidential: v.includeConfidential,
      });
      setResult(answer);
      await invalidateAudit(queryClient);
      if (answer.reviews > 0)
        downloadText(answer.jsonLd, `${fileSlug(dealTitle)}.claimreview.jsonld`, 'application/ld+json');
    } catch (error) {
      // The contract names nested fields ("publisher.name"); map them onto this form's fields.
      const mapped = renameFields(error, {
        publisher: 'publisherName',
        'publisher.name': 'publisherName',
        'publisher.url': 'publisherUrl',
      });
      setFormError(applyServerError(mapped, setError, ['publisherName', 'publisherUrl', 'reviewUrl']));
    }
  });

  return (
    <form className="dialog-form" noValidate aria-label="ClaimReview" onSubmit={submit}>
      <Field label="Publisher" error={errors.publisherName?.message} hint="Your newsroom or organisation.">
        {(c) => <input {...c} className="input" {...register('publisherName')} />}
      </Field>
      <Field label="Publisher’s web address" error={errors.publisherUrl?.message} hint="Optional.">
        {(c) => <input {...c} className="input" type="url" {...register('publisherUrl')} />}
      </Field>
      <Field
        label="Address of the published reviews"
        error={errors.reviewUrl?.message}
        hint="Optional: the page where these fact-checks appear; each review links to it."
      >
        {(c) => <input {...c} className="input" type="url" {...register('reviewUrl')} />}
      </Field>
      <label className="check">
        <input type="checkbox" {...register('includeConfidential')} />
        Include confidential identities
      </label>
      {watch('includeConfidential') && (
        <p className="confidential-banner" role="note">
          Confidential sources will be named in a file meant for publication. The choice is recorded in the
          audit trail.
        </p>
      )}
      <FormError message={formError} />
      {result && (
        <div role="status" className="claimreview-result">
          <p className={result.reviews > 0 ? 'verify-ok' : 'verify-bad'}>
            {result.reviews > 0
              ? `${plural(result.reviews, 'review', 'reviews')} downloaded as JSON-LD.`
              : 'No claim about this deal can be published yet: only verified, disputed and debunked claims are.'}
          </p>
          {result.skipped.length > 0 && (
            <>
              <p className="muted">{plural(result.skipped.length, 'claim was', 'claims were')} left out:</p>
              <ul className="plain-list">
                {result.skipped.slice(0, 50).map((s) => (
                  <li key={s.claimId}>{s.reason}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          Close
        </button>
        <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
          Download ClaimReview
        </button>
      </div>
    </form>
  );
}

function renameFields(error: unknown, names: Record<string, string>): unknown {
  if (!(error instanceof ApiCallError)) return error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [names[k] ?? k, v]));
  return new ApiCallError(error.method, {
    code: error.code,
    message: error.message,
    fields,
    ...(error.reason ? { reason: error.reason } : {}),
  });
}
