// The main-process file dialogs the app's commands share. The path a command writes to or reads from
// is always what the user chose here; a chosen file that already exists is refused, never replaced.
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { type BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { CoreError } from '../schema/errors';

const usable = (win: BrowserWindow | null): win is BrowserWindow => win !== null && !win.isDestroyed();

/** A save dialog (sheet of `win` when there is one); null when cancelled. */
export async function chooseSavePath(
  win: BrowserWindow | null,
  options: SaveDialogOptions,
): Promise<string | null> {
  // No overwrite confirmation where we control it (Linux): replacing is refused anyway.
  const withDefaults: SaveDialogOptions = {
    ...options,
    properties: ['createDirectory', ...(options.properties ?? [])],
  };
  const result = usable(win)
    ? await dialog.showSaveDialog(win, withDefaults)
    : await dialog.showSaveDialog(withDefaults);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** An open dialog for one file or one folder; null when cancelled. */
export async function chooseOpenPath(
  win: BrowserWindow | null,
  options: OpenDialogOptions,
): Promise<string | null> {
  const result = usable(win)
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  const chosen = result.filePaths[0];
  return result.canceled || chosen === undefined ? null : chosen;
}

/** Adds `.ext` when the user typed a bare name (Linux dialogs do not add it from the filter). */
export function withDefaultExtension(file: string, extension: string): string {
  return path.extname(file) === '' ? `${file}.${extension}` : file;
}

export function alreadyExists(file: string): CoreError {
  return new CoreError(
    'conflict',
    `${path.basename(file)} already exists. Corroborate never replaces a file; choose another name.`,
  );
}

/**
 * Creates `file` empty and exclusively, so what is written next can only land in a file of ours:
 * an existing file (even one created after the dialog closed) is refused, never truncated.
 */
export function claimNewFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx'));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST') throw alreadyExists(file);
    throw new CoreError('io', `${path.basename(file)} could not be created: ${(error as Error).message}`);
  }
}
