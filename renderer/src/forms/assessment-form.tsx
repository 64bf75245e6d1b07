// Record an analyst's judgement of a claim in ICD 203 words, with the confidence in it stated apart
// and the reasons written down. Assessments are never edited: a new one is added beside the old.
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { confidenceLevels } from '../../../electron/schema/enums';
import { client } from '../client';
import { capitalise, confidenceLabels, likelihoodLabels } from '../labels';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LabelledOptions } from './labelled-options';
import { useDraftForm } from './use-draft-form';
import { useSaveForm } from './use-save-form';
import { toNumber } from './value-as';

const Schema = contract['assessments.add'];
type Parsed = z.output<typeof Schema>;

export function AssessmentForm({ claimId, onDone }: { claimId: string; onDone(): void }) {
  const draftKey = `assessment:new:${claimId}`;
  const blank = { claimId, likelihood: 4, confidence: 'moderate', rationale: '' } as const;
  const { register, handleSubmit, setError, formState, reset } = useDraftForm(Schema, draftKey, blank);
  const errors = formState.errors;
  const { formError, saveValues } = useSaveForm({
    save: async (values: Parsed) => {
      await client.assessments.add(values);
      // Ready for the next assessment; the draft the reset leaves behind is dropped right after.
      reset(blank);
    },
    onSaved: onDone,
    setError,
    fieldNames: ['likelihood', 'confidence', 'rationale'],
    draftKey,
  });
  const submit = handleSubmit(saveValues);

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
              <LabelledOptions values={confidenceLevels} label={(l) => confidenceLabels[l]} />
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
      <FormActions
        error={formError}
        submitLabel="Record assessment"
        submitting={formState.isSubmitting}
        onCancel={onDone}
        draftKey={draftKey}
      />
    </form>
  );
}
