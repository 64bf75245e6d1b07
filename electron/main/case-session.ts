// Which case file the window shows. Pure Node (the opener is injected), so switching, refusal and
// the first-run choice are tested without Electron.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Api } from '../api/create-api';

export const CASE_EXTENSION = '.evidence';

/** The part of the Api the shell holds on to: the contract, the trusted face (Save a Copy As…), close. */
export type CaseApi = Pick<Api, 'call' | 'local' | 'close'>;

/** How the shell opens a file; `acceptOlderCopy` is the user's "open anyway" for an older copy. */
export interface OpenChoice {
  acceptOlderCopy?: boolean;
}

export type OpenCaseFile<A extends CaseApi = CaseApi> = (
  casePath: string,
  create: boolean,
  choice?: OpenChoice,
) => A;

export interface OpenCase<A extends CaseApi = CaseApi> {
  path: string;
  name: string;
  api: A;
}

export function caseNameOf(casePath: string): string {
  const base = path.basename(casePath);
  return base.toLowerCase().endsWith(CASE_EXTENSION) && base.length > CASE_EXTENSION.length
    ? base.slice(0, -CASE_EXTENSION.length)
    : base;
}

export function windowTitle(caseName: string | null): string {
  return caseName === null ? 'Corroborate' : `${caseName} — Corroborate`;
}

/** Adds `.evidence` when a save dialog returned a bare name. */
export function withCaseExtension(casePath: string): string {
  return casePath.toLowerCase().endsWith(CASE_EXTENSION) ? casePath : `${casePath}${CASE_EXTENSION}`;
}

export function defaultCasePath(userDataDir: string): string {
  return path.join(userDataDir, 'Cases', `Central Asia surveillance deals (sample)${CASE_EXTENSION}`);
}

/** `A`: what the opener returns; the app keeps the whole Api (its `file` serves the dialog commands). */
export class CaseSession<A extends CaseApi = CaseApi> {
  #current: OpenCase<A> | null = null;

  constructor(private readonly openFile: OpenCaseFile<A>) {}

  get current(): OpenCase<A> | null {
    return this.#current;
  }

  /** Opens the new case before closing the old one, so a refused file leaves the open case as it was. */
  open(casePath: string, create = false, choice: OpenChoice = {}): OpenCase<A> {
    const absolute = path.resolve(casePath);
    if (create) mkdirSync(path.dirname(absolute), { recursive: true });
    return this.adopt(absolute, this.openFile(absolute, create, choice));
  }

  /** Shows a case opened another way (the case file alone, read-only), closing the previous one. */
  adopt(casePath: string, api: A): OpenCase<A> {
    const absolute = path.resolve(casePath);
    this.#current?.api.close();
    this.#current = { path: absolute, name: caseNameOf(absolute), api };
    return this.#current;
  }

  close(): void {
    this.#current?.api.close();
    this.#current = null;
  }
}

export interface StartupChoice {
  lastCase: string | null;
  defaultCase: string;
  exists(file: string): boolean;
  /** Writes the first-run case (the sample case) to a new file before it is opened. */
  seed?(file: string): void;
  /** Tells the user why a case could not be opened; startup then goes on to the next choice. */
  report(casePath: string, error: unknown): void;
}

/** Reopens the last case; failing that, opens (or on first run creates) the default case. */
export function openAtStartup(session: CaseSession, choice: StartupChoice): OpenCase | null {
  if (choice.lastCase !== null && choice.lastCase !== choice.defaultCase) {
    if (!choice.exists(choice.lastCase)) {
      choice.report(choice.lastCase, new Error('The case file was moved or deleted.'));
    } else {
      try {
        return session.open(choice.lastCase);
      } catch (error) {
        choice.report(choice.lastCase, error);
      }
    }
  }
  try {
    const firstRun = !choice.exists(choice.defaultCase);
    if (firstRun && choice.seed) {
      mkdirSync(path.dirname(path.resolve(choice.defaultCase)), { recursive: true });
      choice.seed(choice.defaultCase);
    }
    return session.open(choice.defaultCase, firstRun && !choice.seed);
  } catch (error) {
    choice.report(choice.defaultCase, error);
    return null;
  }
}

export const fileExists = (file: string): boolean => existsSync(file);
