// Create or edit a claim. Validated by the contract's own schema before sending; a refusal from the
// case lands beside its field; the typed text is never thrown away.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { claimStatuses } from '../../../electron/schema/enums';
import type { Claim } from '../../../electron/schema/records';
import { client } from '../client';
import { RecordPicker } from '../components/record-picker';
import { claimStatusLabels } from '../labels';
import { draftOr, dropDraft, useKeepDraft } from './drafts';
import { Field, FormError } from './field';
import { ListInput } from './list-input';
import { searchDeals } from './pickers';
import { applyServerError } from './server-errors';

const Schema = contract['claims.create'];
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;
const fieldNames = ['statement', 'dealId', 'status', 'tags'] as const;

export interface ClaimFormProps {
  /** The claim being edited; absent for a new one. */
  claim?: Claim;
  dealTitle?: string | null;
  presetDealId?: string | null;
  onSaved(claim: Claim): void;
  onCancel(): void;
}

export function ClaimForm({
  claim,
  dealTitle = null,
  presetDealId = null,
  onSaved,
  onCancel,
}: ClaimFormProps) {
  const queryClient = useQueryClient();
  const draftKey = claim ? `claim:edit:${claim.id}` : `claim:new:${presetDealId ?? ''}`;
  const defaults: Values = claim
    ? { statement: claim.statement, dealId: claim.dealId, status: claim.status, tags: claim.tags }
    : { statement: '', dealId: presetDealId, status: 'draft', tags: [] };
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(Schema),
    defaultValues: draftOr(draftKey, defaults),
  });
  const { register, handleSubmit, control, setError, watch, formState } = form;
  useKeepDraft(draftKey, watch);
  const [formError, setFormError] = useState<string | null>(null);
  const [dealName, setDealName] = useState<string | null>(dealTitle);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = claim
        ? await client.claims.update({ id: claim.id, ifUpdatedAt: claim.updatedAt, ...values })
        : await client.claims.create(values);
      dropDraft(draftKey);
      await queryClient.invalidateQueries();
      onSaved(saved);
    } catch (error) {
      setFormError(applyServerError(error, setError, fieldNames, { dealId: 'Deal' }));
    }
  });

  const errors = formState.errors;
  return (
    <form
      className="record-form"
      onSubmit={submit}
      noValidate
      aria-label={claim ? 'Edit claim' : 'New claim'}
    >
      <Field
        label="Statement"
        error={errors.statement?.message}
        hint="One checkable sentence, in your own words."
      >
        {(c) => <textarea {...c} className="input textarea" rows={3} {...register('statement')} />}
      </Field>
      <Controller
        control={control}
        name="dealId"
        render={({ field, fieldState }) => (
          <RecordPicker
            label="Deal"
            queryKey="deals.list"
            search={searchDeals}
            value={field.value ?? null}
            valueTitle={dealName}
            placeholder="Type to find a deal (optional)"
            error={fieldState.error?.message ? `Deal ${fieldState.error.message}` : undefined}
            onChange={(option) => {
              setDealName(option?.title ?? null);
              field.onChange(option?.id ?? null);
            }}
          />
        )}
      />
      <div className="form-row">
        <Field label="Status" error={errors.status?.message}>
          {(c) => (
            <select {...c} className="input" {...register('status')}>
              {claimStatuses.map((s) => (
                <option key={s} value={s}>
                  {claimStatusLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Controller
          control={control}
          name="tags"
          render={({ field, fieldState }) => (
            <Field
              label="Tags"
              error={fieldState.error?.message}
              hint="Separate tags with commas."
              className="grow"
            >
              {(c) => (
                <ListInput control={c} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
              )}
            </Field>
          )}
        />
      </div>
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
          {claim ? 'Save claim' : 'Create claim'}
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
  );
}
