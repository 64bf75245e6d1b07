// Create or edit an actor: a company, government, agency, person or organisation, with the other
// names it goes by (so a search for any of them finds it).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { actorKinds } from '../../../electron/schema/enums';
import type { Actor } from '../../../electron/schema/records';
import { client } from '../client';
import { actorKindLabels } from '../labels';
import { draftOr, dropDraft, useKeepDraft } from './drafts';
import { Field, FormError } from './field';
import { ListInput } from './list-input';
import { applyServerError } from './server-errors';
import { nullIfBlank } from './value-as';

const Schema = contract['actors.create'];
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;

export function ActorForm({
  actor,
  onSaved,
  onCancel,
}: {
  actor?: Actor;
  onSaved(actor: Actor): void;
  onCancel(): void;
}) {
  const queryClient = useQueryClient();
  const draftKey = actor ? `actor:edit:${actor.id}` : 'actor:new';
  const defaults: Values = actor
    ? { name: actor.name, kind: actor.kind, country: actor.country, aliases: actor.aliases }
    : { name: '', kind: 'company', country: null, aliases: [] };
  const { register, handleSubmit, control, setError, watch, formState } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(Schema),
    defaultValues: draftOr(draftKey, defaults),
  });
  useKeepDraft(draftKey, watch);
  const [formError, setFormError] = useState<string | null>(null);
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = actor
        ? await client.actors.update({ id: actor.id, ifUpdatedAt: actor.updatedAt, ...values })
        : await client.actors.create(values);
      dropDraft(draftKey);
      await queryClient.invalidateQueries();
      onSaved(saved);
    } catch (error) {
      setFormError(applyServerError(error, setError, ['name', 'kind', 'country', 'aliases']));
    }
  });

  return (
    <form
      className="record-form"
      onSubmit={submit}
      noValidate
      aria-label={actor ? 'Edit actor' : 'New actor'}
    >
      <Field label="Name" error={errors.name?.message}>
        {(c) => <input {...c} className="input" {...register('name')} />}
      </Field>
      <div className="form-row">
        <Field label="Kind" error={errors.kind?.message} className="grow">
          {(c) => (
            <select {...c} className="input" {...register('kind')}>
              {actorKinds.map((k) => (
                <option key={k} value={k}>
                  {actorKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Country" error={errors.country?.message} className="grow">
          {(c) => <input {...c} className="input" {...register('country', { setValueAs: nullIfBlank })} />}
        </Field>
      </div>
      <Controller
        control={control}
        name="aliases"
        render={({ field, fieldState }) => (
          <Field label="Other names" error={fieldState.error?.message} hint="Separate names with commas.">
            {(c) => (
              <ListInput control={c} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
            )}
          </Field>
        )}
      />
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
          {actor ? 'Save actor' : 'Create actor'}
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
