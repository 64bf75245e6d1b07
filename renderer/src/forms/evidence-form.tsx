// Link an excerpt of a source to a claim: pick the source by typing (or create it on the spot,
// without leaving the claim), paste the quote and where it is, say what it does to the claim and
// how credible this item is.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { stances } from '../../../electron/schema/enums';
import type { Evidence, EvidenceView } from '../../../electron/schema/records';
import { client } from '../client';
import { Modal } from '../components/modal';
import { RecordPicker } from '../components/record-picker';
import { credibilityLabels, stanceLabels } from '../labels';
import { draftOr, dropDraft, useKeepDraft } from './drafts';
import { Field, FormError } from './field';
import { searchSources } from './pickers';
import { applyServerError } from './server-errors';
import { SourceForm } from './source-form';
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
  const queryClient = useQueryClient();
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
  const { register, handleSubmit, control, setError, watch, formState, setValue } = useForm<
    Values,
    unknown,
    Parsed
  >({
    resolver: zodResolver(Schema),
    defaultValues: draftOr(draftKey, defaults),
  });
  useKeepDraft(draftKey, watch);
  const [formError, setFormError] = useState<string | null>(null);
  const [sourceTitle, setSourceTitle] = useState<string | null>(evidence?.sourceTitle ?? null);
  const [creatingSource, setCreatingSource] = useState(false);
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = evidence
        ? await client.evidence.update({ id: evidence.id, ifUpdatedAt: evidence.updatedAt, ...values })
        : await client.evidence.add(values);
      dropDraft(draftKey);
      await queryClient.invalidateQueries();
      onSaved(saved);
    } catch (error) {
      setFormError(applyServerError(error, setError, fieldNames, { sourceId: 'Source', claimId: 'Claim' }));
    }
  });

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
                {[1, 2, 3, 4, 5, 6].map((n) => (
                  <option key={n} value={n}>
                    {n} — {credibilityLabels[n]}
                  </option>
                ))}
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
        <FormError message={formError} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
            {evidence ? 'Save evidence' : 'Add evidence'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              dropDraft(draftKey);
              onCancel();
            }}
          >
            Cancel
          </button>
        </div>
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
