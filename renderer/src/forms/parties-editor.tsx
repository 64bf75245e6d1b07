// Who is party to a deal and in what role. The whole list is saved at once (deals.setParties), so
// the audit trail shows each change of the line-up as one event.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract, type Output } from '../../../electron/api/contract';
import { partyRoles } from '../../../electron/schema/enums';
import { client } from '../client';
import { RecordPicker } from '../components/record-picker';
import { partyRoleLabels } from '../labels';
import { Field } from './field';
import { FormActions } from './form-actions';
import { LabelledOptions } from './labelled-options';
import { searchActors } from './pickers';
import { useSaveForm } from './use-save-form';

type PartyView = Output<'deals.get'>['parties'][number];
const Schema = contract['deals.setParties'];
type Values = z.input<typeof Schema>;
type Parsed = z.output<typeof Schema>;

export function PartiesEditor({
  dealId,
  parties,
  onDone,
}: {
  dealId: string;
  parties: PartyView[];
  onDone(): void;
}) {
  const [names, setNames] = useState<Record<string, string>>(() =>
    Object.fromEntries(parties.map((p) => [p.actorId, p.actor.name])),
  );
  const { control, handleSubmit, setError, formState, register } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(Schema),
    defaultValues: { dealId, parties: parties.map((p) => ({ actorId: p.actorId, role: p.role })) },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'parties' });
  const { formError, saveValues } = useSaveForm({
    save: (values: Parsed) => client.deals.setParties(values),
    onSaved: onDone,
    setError,
    fieldNames: ['parties'],
  });
  const submit = handleSubmit(saveValues);

  return (
    <form className="record-form parties-form" onSubmit={submit} noValidate aria-label="Parties">
      {fields.length === 0 && <p className="muted">No parties yet.</p>}
      {fields.map((row, index) => (
        <div className="party-row" key={row.id}>
          <Controller
            control={control}
            name={`parties.${index}.actorId`}
            render={({ field, fieldState }) => (
              <RecordPicker
                label={`Party ${index + 1}`}
                queryKey="actors.list"
                search={searchActors}
                value={field.value || null}
                valueTitle={names[field.value] ?? null}
                placeholder="Type an actor’s name…"
                error={fieldState.error ? 'Choose an actor' : undefined}
                onChange={(option) => {
                  if (option) setNames((n) => ({ ...n, [option.id]: option.title }));
                  field.onChange(option?.id ?? '');
                }}
              />
            )}
          />
          <Field label={`Role of party ${index + 1}`}>
            {(c) => (
              <select {...c} className="input" {...register(`parties.${index}.role`)}>
                <LabelledOptions values={partyRoles} label={(r) => partyRoleLabels[r]} />
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button button-quiet"
            aria-label={`Remove party ${index + 1}${names[row.actorId] ? ` (${names[row.actorId]})` : ''}`}
            onClick={() => remove(index)}
          >
            Remove
          </button>
        </div>
      ))}
      <FormActions
        error={formError ?? formState.errors.parties?.message ?? null}
        submitLabel="Save parties"
        submitting={formState.isSubmitting}
        onCancel={onDone}
      >
        <button type="button" className="button" onClick={() => append({ actorId: '', role: 'vendor' })}>
          Add party
        </button>
      </FormActions>
    </form>
  );
}
