// Create or edit a deal: who bought what kind of surveillance technology, where, when, for how much.
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { dealStatuses, technologies } from '../../../electron/schema/enums';
import type { Deal } from '../../../electron/schema/records';
import { client } from '../client';
import { dealStatusLabels, technologyLabels } from '../labels';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LabelledOptions } from './labelled-options';
import { useDraftForm } from './use-draft-form';
import { useSaveForm } from './use-save-form';
import { nullIfBlank, numberOrNull, upperOrNull } from './value-as';

const Schema = contract['deals.create'];
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;
const fieldNames = [
  'title',
  'technology',
  'country',
  'status',
  'year',
  'valueAmount',
  'valueCurrency',
  'summary',
] as const;

export function DealForm({
  deal,
  onSaved,
  onCancel,
}: {
  deal?: Deal;
  onSaved(deal: Deal): void;
  onCancel(): void;
}) {
  const draftKey = deal ? `deal:edit:${deal.id}` : 'deal:new';
  const defaults: Values = deal
    ? {
        title: deal.title,
        technology: deal.technology,
        country: deal.country,
        status: deal.status,
        year: deal.year,
        valueAmount: deal.valueAmount,
        valueCurrency: deal.valueCurrency,
        summary: deal.summary,
      }
    : {
        title: '',
        technology: 'other',
        country: null,
        status: 'rumoured',
        year: null,
        valueAmount: null,
        valueCurrency: null,
        summary: null,
      };
  const { register, handleSubmit, setError, formState } = useDraftForm(Schema, draftKey, defaults);
  const errors = formState.errors;
  const { formError, saveValues } = useSaveForm({
    save: (values: Parsed) =>
      deal
        ? client.deals.update({ id: deal.id, ifUpdatedAt: deal.updatedAt, ...values })
        : client.deals.create(values),
    onSaved,
    setError,
    fieldNames,
    draftKey,
  });
  const submit = handleSubmit(saveValues);

  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label={deal ? 'Edit deal' : 'New deal'}>
      <Field label="Title" error={errors.title?.message}>
        {(c) => <input {...c} className="input" {...register('title')} />}
      </Field>
      <div className="form-row">
        <Field label="Technology" error={errors.technology?.message} className="grow">
          {(c) => (
            <select {...c} className="input" {...register('technology')}>
              <LabelledOptions values={technologies} label={(t) => technologyLabels[t]} />
            </select>
          )}
        </Field>
        <Field label="Status" error={errors.status?.message} className="grow">
          {(c) => (
            <select {...c} className="input" {...register('status')}>
              <LabelledOptions values={dealStatuses} label={(s) => dealStatusLabels[s]} />
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Country" error={errors.country?.message} className="grow">
          {(c) => <input {...c} className="input" {...register('country', { setValueAs: nullIfBlank })} />}
        </Field>
        <Field label="Year" error={errors.year?.message}>
          {(c) => (
            <input
              {...c}
              className="input input-short"
              inputMode="numeric"
              {...register('year', { setValueAs: numberOrNull })}
            />
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Value" error={errors.valueAmount?.message} className="grow">
          {(c) => (
            <input
              {...c}
              className="input"
              inputMode="decimal"
              {...register('valueAmount', { setValueAs: numberOrNull })}
            />
          )}
        </Field>
        <Field label="Currency" error={errors.valueCurrency?.message} hint="e.g. USD">
          {(c) => (
            <input
              {...c}
              className="input input-short"
              maxLength={3}
              {...register('valueCurrency', { setValueAs: upperOrNull })}
            />
          )}
        </Field>
      </div>
      <Field label="Summary" error={errors.summary?.message}>
        {(c) => (
          <textarea
            {...c}
            className="input textarea"
            rows={4}
            {...register('summary', { setValueAs: nullIfBlank })}
          />
        )}
      </Field>
      <FormActions
        error={formError}
        submitLabel={deal ? 'Save deal' : 'Create deal'}
        submitting={formState.isSubmitting}
        onCancel={onCancel}
        draftKey={draftKey}
      />
    </form>
  );
}
