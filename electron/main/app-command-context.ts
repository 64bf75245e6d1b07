// What the app-only commands (app-methods.ts) need from the running app: the window their dialogs
// belong to and the case they act on.
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import type { LocalApi } from '../api/local-api';
import { CoreError } from '../schema/errors';

export interface AppCase {
  /** The open case's trusted face: the dialog commands write and read through it. */
  readonly local: LocalApi;
  /** Shown to the user and used for default file names. */
  readonly name: string;
  readonly path: string;
}

export interface AppCommandContext {
  getWindow(): BrowserWindow | null;
  getCase(): AppCase | null;
  /** Where a dialog starts when nothing better is known. */
  documentsDir: string;
}

/** A dialog can stay open while the user switches case from the menu; the command then stops. */
export function ensureStillOpen(context: AppCommandContext, open: AppCase): void {
  if (context.getCase()?.local !== open.local) {
    throw new CoreError('conflict', 'The case was closed while the dialog was open; nothing was changed.');
  }
}

/** A name that is safe as a file name on every system, for proposing default names in dialogs. */
export function fileNameFrom(text: string, fallback = 'Corroborate'): string {
  const cleaned = text
    .replace(/[\p{Cc}<>:"/\\|?*]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return cleaned === '' ? fallback : cleaned;
}

export function inDocuments(context: AppCommandContext, name: string): string {
  return path.join(context.documentsDir, name);
}
