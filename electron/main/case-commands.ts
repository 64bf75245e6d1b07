// File-menu commands: pick a file, then hand it to the case session. A command never replaces an
// existing file (nothing is lost), and every refusal is shown to the user with the reason.
import { constants, copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { type BrowserWindow, dialog, type MessageBoxOptions } from 'electron';
import {
  caseBackups,
  OLDER_COPY_REASONS,
  recoverCaseIntoCopy,
  SIDECAR_REASONS,
  setCaseSidecarsAside,
} from '../api/case-files';
import { CoreError } from '../schema/errors';
import type { BackupInfo } from '../schema/records';
import { type CaseApi, type CaseSession, type OpenCase, withCaseExtension } from './case-session';

const filters = [{ name: 'Corroborate case', extensions: ['evidence'] }];

export interface CaseCommandContext {
  session: CaseSession;
  getWindow(): BrowserWindow | null;
  documentsDir: string;
  onOpened(opened: OpenCase): void;
  /** Opens the case file alone, read-only, in memory (its side files neither read nor changed). */
  openAlone?(casePath: string): CaseApi;
  /** The Electron build of the SQLite module, for recovering a copy. */
  nativeBinding?: string;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function showMessage(win: BrowserWindow | null, options: MessageBoxOptions): Promise<void> {
  if (win !== null && !win.isDestroyed()) await dialog.showMessageBox(win, options);
  else await dialog.showMessageBox(options);
}

async function askForNewFile(
  win: BrowserWindow | null,
  title: string,
  defaultPath: string,
): Promise<string | null> {
  const options = { title, defaultPath, filters, properties: ['createDirectory' as const] };
  const result =
    win !== null ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  const target = withCaseExtension(result.filePath);
  if (existsSync(target)) {
    await showMessage(win, {
      type: 'error',
      message: 'A file with that name already exists.',
      detail: `Corroborate never replaces a file. Choose another name.\n\n${target}`,
    });
    return null;
  }
  return target;
}

const DAMAGED = new Set(['corrupt', 'wal_damaged', 'header_damaged']);

/** The newest backup worth offering when a case file was refused as damaged, else null. */
export function backupToOffer(casePath: string, error: unknown): BackupInfo | null {
  if (!(error instanceof CoreError) || !error.reason || !DAMAGED.has(error.reason)) return null;
  return caseBackups(path.resolve(casePath)).find((b) => b.looksValid) ?? null;
}

async function openOrReport(context: CaseCommandContext, casePath: string, create: boolean): Promise<void> {
  try {
    context.onOpened(context.session.open(casePath, create));
  } catch (error) {
    await reportOpenFailure(context, casePath, error);
  }
}

const reasonOf = (error: unknown) => (error instanceof CoreError ? (error.reason ?? '') : '');

/** Whether the refusal comes with choices to offer (a backup, side files, an older copy). */
export function hasChoices(casePath: string, error: unknown): boolean {
  const reason = reasonOf(error);
  return (
    SIDECAR_REASONS.includes(reason) ||
    OLDER_COPY_REASONS.includes(reason) ||
    backupToOffer(casePath, error) !== null
  );
}

async function ask(win: BrowserWindow | null, options: MessageBoxOptions): Promise<number> {
  const answer =
    win !== null ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return answer.response;
}

/** Side files that do not belong: the three safe ways on, none of which changes the case file. */
async function offerSidecarChoices(
  context: CaseCommandContext,
  casePath: string,
  error: unknown,
): Promise<void> {
  const win = context.getWindow();
  const choice = await ask(win, {
    type: 'warning',
    message: `${path.basename(casePath)} was not opened`,
    detail: errorMessage(error),
    buttons: [
      'Open the Case File Alone (Read-Only)',
      'Set the Side Files Aside and Open',
      'Recover into a Copy…',
      'Cancel',
    ],
    defaultId: 0,
    cancelId: 3,
    noLink: true,
  });
  try {
    if (choice === 0 && context.openAlone) {
      context.onOpened(context.session.adopt(casePath, context.openAlone(casePath)));
    } else if (choice === 1) {
      const aside = setCaseSidecarsAside(casePath);
      await showMessage(context.getWindow(), {
        type: 'info',
        message: 'The side files were set aside.',
        detail: `${aside.moved.join(', ')} moved into ${aside.folder}. Nothing was deleted: moving them back restores what was there.`,
      });
      await openOrReport(context, casePath, false);
    } else if (choice === 2) {
      const name = path.basename(casePath).replace(/\.evidence$/i, '');
      const target = await askForNewFile(
        context.getWindow(),
        'Save the recovered copy as',
        path.join(path.dirname(casePath), `${name} (recovered).evidence`),
      );
      if (target === null) return;
      const recovered = recoverCaseIntoCopy(
        casePath,
        target,
        context.nativeBinding ? { nativeBinding: context.nativeBinding } : {},
      );
      await showMessage(context.getWindow(), {
        type: 'info',
        message: 'A recovered copy was made.',
        detail: recovered.explanation,
      });
      await openOrReport(context, recovered.path, false);
    }
  } catch (failure) {
    await showMessage(context.getWindow(), {
      type: 'error',
      message: 'That did not work.',
      detail: errorMessage(failure),
    });
  }
}

/** A copy older than (or diverged from) the one last open here: open it only when the user says so. */
async function offerOpenAnyway(context: CaseCommandContext, casePath: string, error: unknown): Promise<void> {
  const choice = await ask(context.getWindow(), {
    type: 'warning',
    message: `${path.basename(casePath)} is not the copy you last had open`,
    detail: errorMessage(error),
    buttons: ['Open Anyway', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  if (choice !== 0) return;
  try {
    context.onOpened(context.session.open(casePath, false, { acceptOlderCopy: true }));
  } catch (failure) {
    await showMessage(context.getWindow(), {
      type: 'error',
      message: `Could not open ${path.basename(casePath)}`,
      detail: errorMessage(failure),
    });
  }
}

/**
 * Says why a case was refused, and offers what can be done: for side files that do not belong,
 * the safe ways on; for an older copy, opening it anyway; for a damaged case with a backup, a copy
 * of the backup.
 */
export async function reportOpenFailure(
  context: CaseCommandContext,
  casePath: string,
  error: unknown,
): Promise<void> {
  const reason = reasonOf(error);
  if (SIDECAR_REASONS.includes(reason)) return offerSidecarChoices(context, casePath, error);
  if (OLDER_COPY_REASONS.includes(reason)) return offerOpenAnyway(context, casePath, error);
  const win = context.getWindow();
  const backup = backupToOffer(casePath, error);
  if (backup === null) {
    return showMessage(win, {
      type: 'error',
      message: `Could not open ${path.basename(casePath)}`,
      detail: errorMessage(error),
    });
  }
  const options: MessageBoxOptions = {
    type: 'error',
    message: `Could not open ${path.basename(casePath)}`,
    detail: `${errorMessage(error)}\n\nThe damaged file is left exactly as it is. The newest backup is ${backup.fileName} (taken ${backup.takenAt}). You can open a copy of it; the backup itself is not changed either.`,
    buttons: ['Open a Copy of the Backup…', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  };
  const answer =
    win !== null ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (answer.response !== 0) return;
  await restoreCopy(context, backup, casePath);
}

/** Copies a backup to a new file the user names and opens that copy: no file is ever overwritten. */
async function restoreCopy(
  context: CaseCommandContext,
  backup: BackupInfo,
  damagedPath: string,
): Promise<void> {
  const name = path.basename(damagedPath).replace(/\.evidence$/i, '');
  const target = await askForNewFile(
    context.getWindow(),
    'Save the restored copy as',
    path.join(path.dirname(damagedPath), `${name} (restored from backup).evidence`),
  );
  if (target === null) return;
  try {
    copyFileSync(backup.path, target, constants.COPYFILE_EXCL);
  } catch (error) {
    return showMessage(context.getWindow(), {
      type: 'error',
      message: 'The backup could not be copied.',
      detail: errorMessage(error),
    });
  }
  await openOrReport(context, target, false);
}

export async function newCase(context: CaseCommandContext): Promise<void> {
  const target = await askForNewFile(
    context.getWindow(),
    'New case',
    path.join(context.documentsDir, `Untitled case.evidence`),
  );
  if (target !== null) await openOrReport(context, target, true);
}

export async function openCase(context: CaseCommandContext): Promise<void> {
  const win = context.getWindow();
  const options = { title: 'Open case', filters, properties: ['openFile' as const] };
  const result =
    win !== null ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const chosen = result.filePaths[0];
  if (result.canceled || chosen === undefined) return;
  await openOrReport(context, chosen, false);
}

/**
 * Writes a consistent copy of the open case to a file the user chose in a main-process dialog.
 * Deliberately not a contract method: the renderer never names a path to write to.
 */
export async function saveCopy(context: CaseCommandContext): Promise<void> {
  const current = context.session.current;
  if (current === null) return;
  const win = context.getWindow();
  const target = await askForNewFile(
    win,
    'Save a copy of the case',
    path.join(path.dirname(current.path), `${current.name} copy.evidence`),
  );
  if (target === null) return;
  try {
    current.api.local.copyTo(target);
  } catch (error) {
    await showMessage(win, {
      type: 'error',
      message: 'The copy could not be saved.',
      detail: errorMessage(error),
    });
    return;
  }
  await showMessage(win, { type: 'info', message: 'A copy of the case was saved.', detail: target });
}
