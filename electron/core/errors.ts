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
  // A Map, not `obj[key] ??= …`: a key like "__proto__" or "constructor" must be named like any
  // other, and an object literal would find the inherited member and skip it (or hit the setter).
  const fields = new Map<string, string>();
  const note = (key: string, message: string) => {
    if (!fields.has(key)) fields.set(key, message);
  };
  for (const issue of error.issues) {
    const at = issue.path.map(String);
    // A strict object reports unknown keys on the object itself; name each key instead, so the
    // caller learns which field it sent that does not exist.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) note([...at, key].join('.'), 'is not a known field');
      continue;
    }
    note(at.join('.') || '(input)', issue.message);
  }
  // fromEntries defines own properties, so even "__proto__" arrives as a plain field name.
  return Object.fromEntries(fields);
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
  let parsed: z.ZodSafeParseResult<z.output<S>>;
  try {
    parsed = schema.safeParse(input);
  } catch {
    // Some values make the schema itself throw: zod compares `value.length` with a limit on any
    // value that has a `length`, and {"length": {"valueOf": 1, "toString": 1}} (plain JSON) cannot
    // be compared. That is malformed input, not a fault of the app.
    throw new CoreError('invalid_input', 'Invalid input: it could not be read as data', {
      '(input)': 'could not be read as data',
    });
  }
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** Maps SQLite's own failures to the contract's codes: a full disk or read-only file is `io`, damage is `integrity`. */
export function fromSqliteError(error: unknown): CoreError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const message = (error as Error).message;
  // Each says what the user can do about it; the SQLite code stays in the text for support.
  if (/^SQLITE_FULL/.test(code)) {
    return new CoreError(
      'io',
      `There is no room to save to the case file: the disk is full, or the file reached its size limit (${code}). The change was not saved; free some space and try again.`,
      undefined,
      'disk_full',
    );
  }
  if (/^SQLITE_(READONLY|PERM)/.test(code)) {
    return new CoreError(
      'io',
      `The case file cannot be written: it, or the disk or folder it is on, has become read-only (${code}: ${message}). The change was not saved.`,
      undefined,
      'read_only',
    );
  }
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new CoreError(
      'io',
      `The case file is busy: another window or program that has this case open is saving to it (${code}). The change was not saved; try again.`,
      undefined,
      'busy',
    );
  }
  if (/^SQLITE_(IOERR|CANTOPEN)/.test(code)) {
    return new CoreError(
      'io',
      `The case file could not be written (${code}: ${message}). The disk may have been removed or be failing. The change was not saved.`,
      undefined,
      'io_error',
    );
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    return new CoreError('integrity', `The case file is damaged (${code}): ${message}`, undefined, 'corrupt');
  }
  if (/^SQLITE_CONSTRAINT/.test(code)) {
    return new CoreError('conflict', `The change conflicts with the case (${code}): ${message}`);
  }
  return null;
}
