// A record form checked by the contract's own schema, starting from the draft left by an earlier
// visit (or from `defaults`) and keeping every change as that draft.
import { zodResolver } from '@hookform/resolvers/zod';
import { type DefaultValues, type FieldValues, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { draftOr, useKeepDraft } from './drafts';

export function useDraftForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  draftKey: string,
  defaults: z.input<S>,
) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema),
    // Whole values are valid partial defaults; only a generic schema keeps TS from seeing it.
    defaultValues: draftOr(draftKey, defaults) as DefaultValues<z.input<S>>,
  });
  useKeepDraft(draftKey, form.watch);
  return form;
}
