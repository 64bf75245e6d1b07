import type { z } from 'zod';
import type { ApiError, ErrorCode } from '../schema/result';

/** The only error the core throws on purpose; anything else is a bug and surfaces as `internal`. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toApiError(): ApiError {
    const error: ApiError = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.reason) error.reason = this.reason;
    return error;
  }
}

export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.path.map(String);
    // A strict object reports unknown keys on the object itself; name each key instead, so the
    // caller learns which field it sent that does not exist.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...at, key].join('.')] ??= 'is not a known field';
      continue;
    }
    const key = at.join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError): CoreError {
  const fields = fieldsOf(error);
  const named = Object.entries(fields)
    .map(([field, message]) => `${field} ${message}`)
    .join('; ');
  return new CoreError('invalid_input', `Invalid input: ${named}`, fields);
}

/** Parse with a schema, or throw `invalid_input` naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** Maps SQLite's own failures to the contract's codes: a full disk or read-only file is `io`, damage is `integrity`. */
export function fromSqliteError(error: unknown): CoreError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const message = (error as Error).message;
  if (/^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|PERM|BUSY|LOCKED)/.test(code)) {
    return new CoreError('io', `The case file could not be written (${code}): ${message}`);
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    return new CoreError('integrity', `The case file is damaged (${code}): ${message}`);
  }
  if (/^SQLITE_CONSTRAINT/.test(code)) {
    return new CoreError('conflict', `The change conflicts with the case (${code}): ${message}`);
  }
  return null;
}
