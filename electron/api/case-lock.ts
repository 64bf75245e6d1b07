// Locking an encrypted case: the database is closed and its key dropped; every call but the
// session's own is refused as `locked` until the passphrase is given again. The passphrase that
// opened the case is never kept: unlocking asks for it, and proves it by opening the file.
import { basename } from 'node:path';
import { type CaseFile, type OpenOptions, openCase } from '../core/db';
import { CoreError } from '../core/errors';

export interface SessionState {
  locked: boolean;
  encrypted: boolean;
  /** The case file's name (never its folder): all the unlock screen shows. */
  fileName: string;
}

export class CaseLock {
  #file: CaseFile | null;
  readonly #options: OpenOptions;
  readonly #encrypted: boolean;

  constructor(
    readonly path: string,
    options: OpenOptions,
  ) {
    // An encrypted case opened without its passphrase starts locked: the unlock screen asks.
    let file: CaseFile | null = null;
    try {
      file = openCase(path, options);
    } catch (error) {
      if (!(error instanceof CoreError && error.reason === 'passphrase_needed')) throw error;
    }
    this.#file = file;
    this.#encrypted = file === null || file.encrypted;
    // What reopening needs, less every secret and the one-time create.
    const { passphrase: _p, key: _k, create: _c, ...rest } = options;
    this.#options = rest;
  }

  get locked(): boolean {
    return this.#file === null;
  }

  /** The open case; refused while locked. */
  get file(): CaseFile {
    if (this.#file === null)
      throw new CoreError(
        'conflict',
        `${basename(this.path)} is locked: unlock it with its passphrase.`,
        undefined,
        'locked',
      );
    return this.#file;
  }

  state(): SessionState {
    return { locked: this.locked, encrypted: this.#encrypted, fileName: basename(this.path) };
  }

  lock(): SessionState {
    if (!this.#encrypted)
      throw new CoreError(
        'conflict',
        `${basename(this.path)} is not encrypted, so locking it would protect nothing: encrypt it first.`,
        undefined,
        'not_encrypted',
      );
    const file = this.#file;
    this.#file = null;
    if (file) {
      const key = file.key;
      file.close();
      key?.wipe();
    }
    return this.state();
  }

  /** Opens the case again with `passphrase`; a wrong one is refused as at any open (no byte changes). */
  unlock(passphrase: string): SessionState {
    if (this.#file === null) this.#file = openCase(this.path, { ...this.#options, passphrase });
    return this.state();
  }

  /** Closes the case for good; the closed CaseFile stays readable (its path) as before locking existed. */
  close(): void {
    this.#file?.close();
  }
}
