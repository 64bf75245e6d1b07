// Record an analyst's judgement of a claim in ICD 203 words, with the confidence in it stated apart
// and the reasons written down. Assessments are never edited: a new one is added beside the old.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { confidenceLevels } from '../../../electron/schema/enums';
import { client } from '../client';
import { confidenceLabels, likelihoodLabels } from '../labels';
import { draftOr, dropDraft, useKeepDraft } from './drafts';
import { Field, FormError } from './field';
import { applyServerError } from './server-errors';
import { toNumber } from './value-as';

const Schema = contract['assessments.add'];
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;

export function AssessmentForm({ claimId, onDone }: { claimId: string; onDone(): void }) {
  const queryClient = useQueryClient();
  const draftKey = `assessment:new:${claimId}`;
  const { register, handleSubmit, setError, watch, formState, reset } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(Schema),
    defaultValues: draftOr(draftKey, { claimId, likelihood: 4, confidence: 'moderate', rationale: '' }),
  });
  useKeepDraft(draftKey, watch);
  const [formError, setFormError] = useState<string | null>(null);
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await client.assessments.add(values);
      dropDraft(draftKey);
      reset({ claimId, likelihood: 4, confidence: 'moderate', rationale: '' });
      await queryClient.invalidateQueries();
      onDone();
    } catch (error) {
      setFormError(applyServerError(error, setError, ['likelihood', 'confidence', 'rationale']));
    }
  });

  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label="New assessment">
      <div className="form-row">
        <Field label="Likelihood" error={errors.likelihood?.message} className="grow">
          {(c) => (
            <select {...c} className="input" {...register('likelihood', { setValueAs: toNumber })}>
              {[1, 2, 3, 4, 5, 6, 7].map((n) => (
                <option key={n} value={n}>
                  {capitalise(likelihoodLabels[n]?.words ?? String(n))} ({likelihoodLabels[n]?.range})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Confidence" error={errors.confidence?.message} className="grow">
          {(c) => (
            <select {...c} className="input" {...register('confidence')}>
              {confidenceLevels.map((l) => (
                <option key={l} value={l}>
                  {confidenceLabels[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        label="Rationale"
        error={errors.rationale?.message}
        hint="What the judgement rests on, and what would change it."
      >
        {(c) => <textarea {...c} className="input textarea" rows={3} {...register('rationale')} />}
      </Field>
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
          Record assessment
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            dropDraft(draftKey);
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
