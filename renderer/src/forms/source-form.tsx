// Create or edit a source: what it is, how reliable it has proven, whether its identity must be
// withheld, and which source it merely repeats (so the two are not counted as independent).
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { reliabilities, sourceKinds } from '../../../electron/schema/enums';
import type { Source } from '../../../electron/schema/records';
import {
  type SourceFieldName,
  sourceFieldNames,
  sourceFieldValues,
} from '../../../electron/schema/source-fields';
import { client } from '../client';
import { RecordPicker } from '../components/record-picker';
import { reliabilityLabels, sourceKindLabels } from '../labels';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LabelledOptions } from './labelled-options';
import { searchSources } from './pickers';
import { useDraftForm } from './use-draft-form';
import { useSaveForm } from './use-save-form';
import { nullIfBlank } from './value-as';

const Schema = contract['sources.create'];
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;

export interface SourceFormProps {
  source?: Source;
  derivedFromTitle?: string | null;
  onSaved(source: Source): void;
  onCancel(): void;
  /** Inside another form's dialog: fewer fields, the rest can be filled in later. */
  compact?: boolean;
  /** A distinct draft slot, e.g. for the inline "new source" of one claim. */
  draftSlot?: string;
}

const empty: Values = {
  title: '',
  kind: 'article',
  url: null,
  author: null,
  publisher: null,
  publishedAt: null,
  accessedAt: null,
  language: null,
  reliability: 'F',
  reliabilityNote: null,
  confidential: false,
  derivedFrom: null,
  notes: null,
};

export function SourceForm({
  source,
  derivedFromTitle = null,
  onSaved,
  onCancel,
  compact = false,
  draftSlot,
}: SourceFormProps) {
  const draftKey = source ? `source:edit:${source.id}` : `source:new:${draftSlot ?? ''}`;
  const defaults: Values = source ? sourceFieldValues(source) : empty;
  const { register, handleSubmit, control, setError, formState } = useDraftForm(Schema, draftKey, defaults);
  const [originTitle, setOriginTitle] = useState<string | null>(derivedFromTitle);
  const errors = formState.errors;
  const text = (name: SourceFieldName) => register(name, { setValueAs: nullIfBlank });

  const { formError, saveValues } = useSaveForm({
    save: (values: Parsed) =>
      source
        ? client.sources.update({ id: source.id, ifUpdatedAt: source.updatedAt, ...values })
        : client.sources.create(values),
    onSaved,
    setError,
    fieldNames: sourceFieldNames,
    fieldLabels: { derivedFrom: 'Derived from' },
    draftKey,
  });
  const submit = handleSubmit(saveValues);

  return (
    <form
      className="record-form"
      noValidate
      aria-label={source ? 'Edit source' : 'New source'}
      onSubmit={(event) => {
        // This form may sit in a dialog above another form: its submit must not reach that one.
        event.stopPropagation();
        void submit(event);
      }}
    >
      <Field label="Title" error={errors.title?.message}>
        {(c) => <input {...c} className="input" {...register('title')} />}
      </Field>
      <div className="form-row">
        <Field label="Kind" error={errors.kind?.message}>
          {(c) => (
            <select {...c} className="input" {...register('kind')}>
              <LabelledOptions values={sourceKinds} label={(k) => sourceKindLabels[k]} />
            </select>
          )}
        </Field>
        <Field label="Reliability" error={errors.reliability?.message} className="grow">
          {(c) => (
            <select {...c} className="input" {...register('reliability')}>
              <LabelledOptions values={reliabilities} label={(r) => `${r} — ${reliabilityLabels[r]}`} />
            </select>
          )}
        </Field>
      </div>
      <Field
        label="Reliability note"
        error={errors.reliabilityNote?.message}
        hint="Why this rating: track record, access, motive."
      >
        {(c) => <textarea {...c} className="input textarea" rows={2} {...text('reliabilityNote')} />}
      </Field>
      <Field label="Address (URL)" error={errors.url?.message}>
        {(c) => <input {...c} className="input" inputMode="url" {...text('url')} />}
      </Field>
      {!compact && (
        <>
          <div className="form-row">
            <Field label="Author" error={errors.author?.message} className="grow">
              {(c) => <input {...c} className="input" {...text('author')} />}
            </Field>
            <Field label="Publisher" error={errors.publisher?.message} className="grow">
              {(c) => <input {...c} className="input" {...text('publisher')} />}
            </Field>
          </div>
          <div className="form-row">
            <Field label="Published" error={errors.publishedAt?.message} hint="2019, 2019-03 or 2019-03-21">
              {(c) => <input {...c} className="input" {...text('publishedAt')} />}
            </Field>
            <Field label="Accessed" error={errors.accessedAt?.message}>
              {(c) => <input {...c} className="input" {...text('accessedAt')} />}
            </Field>
            <Field label="Language" error={errors.language?.message}>
              {(c) => <input {...c} className="input input-short" {...text('language')} />}
            </Field>
          </div>
        </>
      )}
      <div className="field field-check">
        <label className="check">
          <input type="checkbox" {...register('confidential')} />
          <span>Confidential source</span>
        </label>
        <p className="field-hint">Its identity is withheld from every export and report.</p>
      </div>
      <Controller
        control={control}
        name="derivedFrom"
        render={({ field, fieldState }) => (
          <RecordPicker
            label="Derived from"
            queryKey="sources.list"
            search={searchSources}
            value={field.value ?? null}
            valueTitle={originTitle}
            {...(source ? { excludeId: source.id } : {})}
            placeholder="The source this one repeats (optional)"
            hint="A source that repeats another is not independent: both count as one line of evidence."
            error={fieldState.error?.message ? `Derived from ${fieldState.error.message}` : undefined}
            onChange={(option) => {
              setOriginTitle(option?.title ?? null);
              field.onChange(option?.id ?? null);
            }}
          />
        )}
      />
      {!compact && (
        <Field label="Notes" error={errors.notes?.message}>
          {(c) => <textarea {...c} className="input textarea" rows={3} {...text('notes')} />}
        </Field>
      )}
      <FormActions
        error={formError}
        submitLabel={source ? 'Save source' : 'Create source'}
        submitting={formState.isSubmitting}
        onCancel={onCancel}
        draftKey={draftKey}
      />
    </form>
  );
}
