// The one result shape every call answers with, on every transport.
export const errorCodes = ['invalid_input', 'not_found', 'conflict', 'integrity', 'io', 'internal'] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined) → what is wrong with it, for `invalid_input`. */
  fields?: Record<string, string>;
  /** A machine-readable refinement of `code`, e.g. why a case file was refused (`corrupt`, `newer`, …). */
  reason?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
