// Link an excerpt of a source to a claim: pick the source by typing (or create it on the spot,
// without leaving the claim), paste the quote and where it is, say what it does to the claim and
// how credible this item is.
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { stances } from '../../../electron/schema/enums';
import type { Evidence, EvidenceView } from '../../../electron/schema/records';
import { client } from '../client';
import { Modal } from '../components/modal';
import { RecordPicker } from '../components/record-picker';
import { credibilityLabels, stanceLabels } from '../labels';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LabelledOptions } from './labelled-options';
import { searchSources } from './pickers';
import { SourceForm } from './source-form';
import { useDraftForm } from './use-draft-form';
import { useSaveForm } from './use-save-form';
import { nullIfBlank, toNumber } from './value-as';

const Schema = contract['evidence.add'];
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;
const fieldNames = [
  'sourceId',
  'stance',
  'excerpt',
  'locator',
  'credibility',
  'note',
  'prefix',
  'suffix',
] as const;
const stanceHints: Record<(typeof stances)[number], string> = {
  supports: 'makes the claim more likely',
  contradicts: 'makes it less likely',
  context: 'background, no weight',
};

export interface EvidenceFormProps {
  claimId: string;
  /** The item being edited; absent to add one. */
  evidence?: EvidenceView;
  onSaved(evidence: Evidence): void;
  onCancel(): void;
}

export function EvidenceForm({ claimId, evidence, onSaved, onCancel }: EvidenceFormProps) {
  const draftKey = evidence ? `evidence:edit:${evidence.id}` : `evidence:new:${claimId}`;
  const defaults: Values = evidence
    ? {
        claimId,
        sourceId: evidence.sourceId,
        stance: evidence.stance,
        excerpt: evidence.excerpt,
        prefix: evidence.prefix,
        suffix: evidence.suffix,
        locator: evidence.locator,
        credibility: evidence.credibility,
        note: evidence.note,
      }
    : {
        claimId,
        sourceId: '',
        stance: 'supports',
        excerpt: '',
        prefix: null,
        suffix: null,
        locator: null,
        credibility: 6,
        note: null,
      };
  const { register, handleSubmit, control, setError, formState, setValue } = useDraftForm(
    Schema,
    draftKey,
    defaults,
  );
  const [sourceTitle, setSourceTitle] = useState<string | null>(evidence?.sourceTitle ?? null);
  const [creatingSource, setCreatingSource] = useState(false);
  const errors = formState.errors;

  const { formError, saveValues } = useSaveForm({
    save: (values: Parsed) =>
      evidence
        ? client.evidence.update({ id: evidence.id, ifUpdatedAt: evidence.updatedAt, ...values })
        : client.evidence.add(values),
    onSaved,
    setError,
    fieldNames,
    fieldLabels: { sourceId: 'Source', claimId: 'Claim' },
    draftKey,
  });
  const submit = handleSubmit(saveValues);

  return (
    <>
      <form
        className="record-form evidence-form"
        onSubmit={submit}
        noValidate
        aria-label={evidence ? 'Edit evidence' : 'Add evidence'}
      >
        <Controller
          control={control}
          name="sourceId"
          render={({ field, fieldState }) => (
            <RecordPicker
              label="Source"
              queryKey="sources.list"
              search={searchSources}
              value={field.value || null}
              valueTitle={sourceTitle}
              placeholder="Type part of the source’s title…"
              error={fieldState.error ? 'Choose the source this excerpt comes from' : undefined}
              onChange={(option) => {
                setSourceTitle(option?.title ?? null);
                field.onChange(option?.id ?? '');
              }}
              action={
                <button type="button" className="button" onClick={() => setCreatingSource(true)}>
                  New source…
                </button>
              }
            />
          )}
        />
        <Field label="Excerpt" error={errors.excerpt?.message} hint="Paste the exact words of the source.">
          {(c) => (
            <textarea {...c} className="input textarea excerpt-input" rows={4} {...register('excerpt')} />
          )}
        </Field>
        <div className="form-row">
          <Field
            label="Locator"
            error={errors.locator?.message}
            hint="Page, paragraph, timestamp…"
            className="grow"
          >
            {(c) => <input {...c} className="input" {...register('locator', { setValueAs: nullIfBlank })} />}
          </Field>
          <Field label="Credibility" error={errors.credibility?.message} className="grow">
            {(c) => (
              <select {...c} className="input" {...register('credibility', { setValueAs: toNumber })}>
                <LabelledOptions
                  values={[1, 2, 3, 4, 5, 6]}
                  label={(n) => `${n} — ${credibilityLabels[n]}`}
                />
              </select>
            )}
          </Field>
        </div>
        <fieldset className="field stance-group">
          <legend className="field-label">Stance</legend>
          <div className="segmented">
            {stances.map((s) => (
              <label key={s} className={`segment segment-${s}`}>
                <input type="radio" value={s} {...register('stance')} />
                <span>{stanceLabels[s]}</span>
                <span className="segment-hint">{stanceHints[s]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="Note" error={errors.note?.message}>
          {(c) => (
            <textarea
              {...c}
              className="input textarea"
              rows={2}
              {...register('note', { setValueAs: nullIfBlank })}
            />
          )}
        </Field>
        <FormActions
          error={formError}
          submitLabel={evidence ? 'Save evidence' : 'Add evidence'}
          submitting={formState.isSubmitting}
          onCancel={onCancel}
          draftKey={draftKey}
        />
      </form>
      <Modal
        open={creatingSource}
        onOpenChange={setCreatingSource}
        title="New source"
        className="dialog-wide"
      >
        <SourceForm
          compact
          draftSlot={`for-claim:${claimId}`}
          onCancel={() => setCreatingSource(false)}
          onSaved={(source) => {
            setCreatingSource(false);
            setSourceTitle(source.title);
            setValue('sourceId', source.id, { shouldValidate: formState.isSubmitted, shouldDirty: true });
          }}
        />
      </Modal>
    </>
  );
}
