// Create or edit a claim. Validated by the contract's own schema before sending; a refusal from the
// case lands beside its field; the typed text is never thrown away.
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { claimStatuses } from '../../../electron/schema/enums';
import type { Claim } from '../../../electron/schema/records';
import { ApiCallError, client } from '../client';
import { useConfirmPublish } from '../components/confirm-publish';
import { RecordPicker } from '../components/record-picker';
import { claimStatusLabels } from '../labels';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LabelledOptions } from './labelled-options';
import { ListInput } from './list-input';
import { searchDeals } from './pickers';
import { useDraftForm } from './use-draft-form';
import { useSaveForm } from './use-save-form';

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
  const draftKey = claim ? `claim:edit:${claim.id}` : `claim:new:${presetDealId ?? ''}`;
  const defaults: Values = claim
    ? { statement: claim.statement, dealId: claim.dealId, status: claim.status, tags: claim.tags }
    : { statement: '', dealId: presetDealId, status: 'draft', tags: [] };
  const { register, handleSubmit, control, setError, formState } = useDraftForm(Schema, draftKey, defaults);
  const [dealName, setDealName] = useState<string | null>(dealTitle);
  const confirmVerified = useConfirmPublish('Mark Verified');
  const update = async (input: Parameters<typeof client.claims.update>[0]) => {
    try {
      return await client.claims.update(input);
    } catch (error) {
      // The case asks before a flagged claim is marked Verified; the reason goes into its audit event.
      if (!(error instanceof ApiCallError) || error.reason !== 'needs_confirmation') throw error;
      const reason = await confirmVerified.ask(error.message);
      if (reason === null) throw error;
      return client.claims.update({ ...input, confirmReason: reason });
    }
  };
  const { formError, saveValues } = useSaveForm({
    save: (values: Parsed) =>
      claim
        ? update({ id: claim.id, ifUpdatedAt: claim.updatedAt, ...values })
        : client.claims.create(values),
    onSaved,
    setError,
    fieldNames,
    fieldLabels: { dealId: 'Deal' },
    draftKey,
  });
  const submit = handleSubmit(saveValues);

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
              <LabelledOptions values={claimStatuses} label={(s) => claimStatusLabels[s]} />
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
      <FormActions
        error={formError}
        submitLabel={claim ? 'Save claim' : 'Create claim'}
        submitting={formState.isSubmitting}
        onCancel={onCancel}
        draftKey={draftKey}
      />
      {confirmVerified.dialog}
    </form>
  );
}
