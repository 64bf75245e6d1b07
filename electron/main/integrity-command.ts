// File > Verify Case Integrity…: optionally against a checkpoint file the user picks, with the
// window's progress bar following the run, ending in the plain-words report, which can be saved as
// a text file. Read-only for the case; the only file written is the report, and only a new one.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserWindow, dialog, type MessageBoxOptions } from 'electron';
import type { IntegrityProgress, IntegrityReport } from '../schema/custody';
import type { Result } from '../schema/result';
import { fileNameFrom } from './app-command-context';
import { showMessage } from './case-commands';
import { chooseOpenPath, chooseSavePath, withDefaultExtension } from './file-dialogs';

/** How often the progress bar asks where the run is. */
export const PROGRESS_POLL_MS = 250;
/** A checkpoint is a page of text; anything much larger is not one (the contract takes 100,000 characters). */
export const MAX_CHECKPOINT_FILE_BYTES = 512 * 1024;

const VERIFY = 0;
const WITH_CHECKPOINT = 1;
const SAVE_REPORT = 1;

export interface IntegrityCommandContext {
  getWindow(): BrowserWindow | null;
  getCase(): { name: string; api: { call(method: string, input: unknown): Promise<Result<unknown>> } } | null;
  documentsDir: string;
  pollMs?: number;
}

async function ask(win: BrowserWindow | null, options: MessageBoxOptions): Promise<number> {
  const { response } =
    win !== null && !win.isDestroyed()
      ? await dialog.showMessageBox(win, options)
      : await dialog.showMessageBox(options);
  return response;
}

function setProgress(win: BrowserWindow | null, fraction: number): void {
  if (win !== null && !win.isDestroyed()) win.setProgressBar(fraction);
}

/** The checkpoint file as text, or a sentence saying why it cannot be one. */
export function readCheckpointFile(file: string): { text: string } | { error: string } {
  try {
    const size = statSync(file).size;
    if (size > MAX_CHECKPOINT_FILE_BYTES) {
      return {
        error: `${path.basename(file)} is ${size.toLocaleString('en-US')} bytes: too large to be a checkpoint.`,
      };
    }
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { error: `${path.basename(file)} could not be read: ${(error as Error).message}` };
  }
}

async function runWithProgress(
  context: IntegrityCommandContext,
  api: { call(method: string, input: unknown): Promise<Result<unknown>> },
  input: { checkpointText?: string },
): Promise<Result<unknown>> {
  const win = context.getWindow();
  let done = false;
  setProgress(win, 0);
  const timer = setInterval(() => {
    void api.call('case.integrityProgress', {}).then((answer) => {
      const progress = answer.ok ? (answer.value as IntegrityProgress | null) : null;
      // A late answer must not bring the bar back after the run has ended.
      if (!done && progress !== null) setProgress(win, Math.min(1, Math.max(0, progress.fraction)));
    });
  }, context.pollMs ?? PROGRESS_POLL_MS);
  try {
    return await api.call('case.verifyIntegrity', input);
  } finally {
    done = true;
    clearInterval(timer);
    setProgress(context.getWindow() ?? win, -1);
  }
}

/** Save dialog until a new file is written or the user cancels; an existing file is never replaced. */
async function saveReportText(context: IntegrityCommandContext, report: IntegrityReport): Promise<void> {
  const win = context.getWindow();
  const day = report.finishedAt.slice(0, 10);
  let defaultPath = path.join(
    context.documentsDir,
    `${fileNameFrom(report.caseName)} integrity report ${day}.txt`,
  );
  for (;;) {
    const chosen = await chooseSavePath(win, {
      title: 'Save the integrity report',
      defaultPath,
      filters: [{ name: 'Text', extensions: ['txt'] }],
    });
    if (chosen === null) return;
    const target = withDefaultExtension(chosen, 'txt');
    try {
      writeFileSync(target, report.text, { flag: 'wx' });
      await showMessage(win, { type: 'info', message: 'The integrity report was saved.', detail: target });
      return;
    } catch (error) {
      const exists = (error as { code?: unknown }).code === 'EEXIST';
      await showMessage(win, {
        type: 'error',
        message: exists ? 'A file with that name already exists.' : 'The report could not be saved.',
        detail: exists
          ? `Corroborate never replaces a file. Choose another name.\n\n${target}`
          : (error as Error).message,
      });
      if (!exists) return;
      defaultPath = target;
    }
  }
}

export async function verifyCaseIntegrity(context: IntegrityCommandContext): Promise<void> {
  const open = context.getCase();
  if (open === null) return;
  const win = context.getWindow();
  const choice = await ask(win, {
    type: 'question',
    title: 'Verify case integrity',
    message: `Verify the integrity of “${open.name}”?`,
    detail:
      'This checks the database file, every event of the audit history and the bytes of every preserved ' +
      'attachment. It changes nothing.\n\nIf you saved a checkpoint earlier, Corroborate can also check ' +
      'that the history still contains it unchanged.',
    buttons: ['Verify', 'Verify Against a Checkpoint…', 'Cancel'],
    defaultId: VERIFY,
    cancelId: 2,
    noLink: true,
  });
  if (choice !== VERIFY && choice !== WITH_CHECKPOINT) return;

  const input: { checkpointText?: string } = {};
  if (choice === WITH_CHECKPOINT) {
    const file = await chooseOpenPath(win, {
      title: 'Choose a checkpoint',
      properties: ['openFile'],
      filters: [
        { name: 'Checkpoint', extensions: ['txt', 'json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (file === null) return;
    const read = readCheckpointFile(file);
    if ('error' in read) {
      await showMessage(win, {
        type: 'error',
        message: 'That file is not a checkpoint.',
        detail: read.error,
      });
      return;
    }
    input.checkpointText = read.text;
  }

  const result = await runWithProgress(context, open.api, input);
  if (!result.ok) {
    await showMessage(context.getWindow(), {
      type: 'error',
      message: 'The verification could not run.',
      detail: result.error.message,
    });
    return;
  }
  const report = result.value as IntegrityReport;
  const failed = report.steps.filter((step) => !step.ok).length;
  const response = await ask(context.getWindow(), {
    type: report.ok ? 'info' : 'warning',
    title: 'Verify case integrity',
    message: report.ok
      ? 'The case passed every check.'
      : `The case failed ${failed === 1 ? 'one check' : `${failed} checks`}.`,
    detail: report.text,
    buttons: ['Close', 'Save Report…'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (response === SAVE_REPORT) await saveReportText(context, report);
}
