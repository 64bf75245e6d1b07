// A refusal from the case lands where the user can act on it: each named field gets its message
// beside it, anything else becomes one message for the whole form. Typed values stay untouched.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiCallError } from '../client';

export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  labels: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiCallError)) return error instanceof Error ? error.message : String(error);
  const leftover: string[] = [];
  let focused = false;
  for (const [field, message] of Object.entries(error.fields)) {
    const name = field.split('.')[0] ?? field;
    if (fields.includes(name)) {
      setError(name as Path<T>, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
    } else {
      leftover.push(`${labels[name] ?? name} ${message}`);
    }
  }
  if (focused && leftover.length === 0) return null;
  if (leftover.length) return `The case refused this: ${leftover.join('; ')}.`;
  return error.message;
}
