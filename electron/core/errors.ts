// SQLite's failures in the contract's words. CoreError and parseInput live in schema/errors.ts (the
// transports use them too); they are re-exported here so the core has one place to import from.
import { CoreError } from '../schema/errors';

export { CoreError, fieldsOf, invalidInput, parseInput } from '../schema/errors';

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
