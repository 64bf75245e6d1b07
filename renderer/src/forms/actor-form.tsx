// Create or edit an actor: a company, government, agency, person or organisation, with the other
// names it goes by (so a search for any of them finds it).
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../electron/api/contract';
import { actorKinds } from '../../../electron/schema/enums';
import type { Actor } from '../../../electron/schema/records';
import { client } from '../client';
import { actorKindLabels } from '../labels';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LabelledOptions } from './labelled-options';
import { ListInput } from './list-input';
import { useDraftForm } from './use-draft-form';
import { useSaveForm } from './use-save-form';
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
  const draftKey = actor ? `actor:edit:${actor.id}` : 'actor:new';
  const defaults: Values = actor
    ? { name: actor.name, kind: actor.kind, country: actor.country, aliases: actor.aliases }
    : { name: '', kind: 'company', country: null, aliases: [] };
  const { register, handleSubmit, control, setError, formState } = useDraftForm(Schema, draftKey, defaults);
  const errors = formState.errors;
  const { formError, saveValues } = useSaveForm({
    save: (values: Parsed) =>
      actor
        ? client.actors.update({ id: actor.id, ifUpdatedAt: actor.updatedAt, ...values })
        : client.actors.create(values),
    onSaved,
    setError,
    fieldNames: ['name', 'kind', 'country', 'aliases'],
    draftKey,
  });
  const submit = handleSubmit(saveValues);

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
              <LabelledOptions values={actorKinds} label={(k) => actorKindLabels[k]} />
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
      <FormActions
        error={formError}
        submitLabel={actor ? 'Save actor' : 'Create actor'}
        submitting={formState.isSubmitting}
        onCancel={onCancel}
        draftKey={draftKey}
      />
    </form>
  );
}
