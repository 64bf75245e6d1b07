// File > Verify Case Integrity… against the fake electron: the questions it asks, the progress bar
// it drives, the report it shows, and the report file it saves (never over an existing one).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import type { ApiWithFile as Api } from '../../electron/api/create-api';
import type { CheckpointRecord, IntegrityProgress, IntegrityReport } from '../../electron/schema/custody';
import type { Result } from '../../electron/schema/result';
import { cleanUpAfterEach, newApi, snapshot, tempDir } from '../support/temp-case';
import { dialog, FakeBrowserWindow, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { verifyCaseIntegrity, MAX_CHECKPOINT_FILE_BYTES } = await import(
  '../../electron/main/integrity-command'
);

cleanUpAfterEach();
beforeEach(() => resetFake());

const VERIFY = 0;
const WITH_CHECKPOINT = 1;
const CANCEL = 2;
const CLOSE = 0;
const SAVE_REPORT = 1;

type CallApi = { call(method: string, input: unknown): Promise<Result<unknown>> };

function context(api: CallApi, win = new FakeBrowserWindow({})) {
  const documentsDir = tempDir('corroborate-documents-');
  return {
    win,
    documentsDir,
    ctx: {
      getWindow: () => win as unknown as BrowserWindow,
      getCase: () => ({ name: 'Sergek deal', api }),
      documentsDir,
      pollMs: 5,
    },
  };
}

/** The message boxes answer in this order: each entry is the button index the user clicks. */
function clicks(...responses: number[]): void {
  for (const response of responses)
    dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
}

function box(index: number): MessageBoxOptions {
  return dialog.showMessageBox.mock.calls[index]?.[1] as MessageBoxOptions;
}

async function caseWithHistory(): Promise<Api> {
  const api = newApi();
  const source = await api.call('sources.create', {
    title: 'Leaked contract',
    kind: 'leak',
    reliability: 'C',
  });
  if (!source.ok) throw new Error(source.error.message);
  const sourceId = (source.value as { id: string }).id;
  await api.call('attachments.add', {
    sourceId,
    fileName: 'contract.pdf',
    bytesBase64: Buffer.from('%PDF-1.4 contract').toString('base64'),
  });
  await api.call('claims.create', { statement: 'Sergek cameras were installed in Almaty.' });
  return api;
}

describe('Verify Case Integrity…', () => {
  it('runs on the open case, clears the progress bar, and shows the plain-words report', async () => {
    const api = await caseWithHistory();
    const before = snapshot(api);
    const reports: IntegrityReport[] = [];
    const recording: CallApi = {
      call: async (method, input) => {
        const answer = await api.call(method, input);
        if (method === 'case.verifyIntegrity' && answer.ok) reports.push(answer.value as IntegrityReport);
        return answer;
      },
    };
    const { ctx, win } = context(recording);
    clicks(VERIFY, CLOSE);
    await verifyCaseIntegrity(ctx);

    expect(box(0)).toMatchObject({
      type: 'question',
      buttons: ['Verify', 'Verify Against a Checkpoint…', 'Cancel'],
    });
    const report = box(1);
    expect(report.type).toBe('info');
    expect(report.message).toBe('The case passed every check.');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.ok).toBe(true);
    expect(report.detail).toBe(reports[0]?.text);
    expect(report.buttons).toEqual(['Close', 'Save Report…']);
    expect(win.progress[0]).toBe(0);
    expect(win.progress.at(-1)).toBe(-1);
    // Read-only: the case is byte for byte as it was.
    expect(snapshot(api)).toEqual(before);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('the progress bar follows case.integrityProgress while the run lasts, and nothing moves it after the end', async () => {
    const steps = [0.1, 0.4, 0.75];
    let progress: IntegrityProgress | null = null;
    let finished = false;
    const api: CallApi = {
      call: async (method) => {
        if (method === 'case.integrityProgress') return { ok: true, value: progress };
        for (const fraction of steps) {
          progress = { step: 'attachments', message: 'Checking attachments', fraction };
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
        progress = null;
        finished = true;
        return {
          ok: true,
          value: {
            ok: true,
            steps: [],
            text: 'All good.',
            caseName: 'Sergek deal',
            finishedAt: '2025-01-01T00:00:00Z',
          },
        };
      },
    };
    const { ctx, win } = context(api);
    clicks(VERIFY, CLOSE);
    await verifyCaseIntegrity(ctx);
    expect(finished).toBe(true);
    for (const fraction of steps) expect(win.progress).toContain(fraction);
    const end = win.progress.indexOf(-1);
    expect(end).toBe(win.progress.length - 1);
    // Fractions only ever grow until the bar is cleared.
    const during = win.progress.slice(0, end);
    expect([...during].sort((a, b) => a - b)).toEqual(during);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(win.progress.at(-1)).toBe(-1);
  });

  it('Save Report… writes the report text to a new file', async () => {
    const api = await caseWithHistory();
    const { ctx, documentsDir } = context(api);
    const target = path.join(tempDir(), 'integrity');
    clicks(VERIFY, SAVE_REPORT, CLOSE);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await verifyCaseIntegrity(ctx);

    const shown = box(1).detail ?? '';
    // Named after the case as it names itself (the temp case is called "test"), dated.
    expect(readFileSync(`${target}.txt`, 'utf8')).toBe(shown);
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      defaultPath: expect.stringMatching(
        new RegExp(
          `^${documentsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/test integrity report \\d{4}-\\d{2}-\\d{2}\\.txt$`,
        ),
      ),
    });
    expect(box(2)).toMatchObject({ type: 'info', message: 'The integrity report was saved.' });
  });

  it('never replaces an existing file: says so and asks again', async () => {
    const api = await caseWithHistory();
    const { ctx } = context(api);
    const existing = path.join(tempDir(), 'report.txt');
    writeFileSync(existing, 'an older report');
    clicks(VERIFY, SAVE_REPORT, CLOSE);
    dialog.showSaveDialog
      .mockResolvedValueOnce({ canceled: false, filePath: existing })
      .mockResolvedValueOnce({ canceled: true, filePath: '' });
    await verifyCaseIntegrity(ctx);
    expect(readFileSync(existing, 'utf8')).toBe('an older report');
    expect(box(2)).toMatchObject({ type: 'error', message: 'A file with that name already exists.' });
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(2);
  });

  it('against a checkpoint file: passes after later edits, and names the event when history was rewritten', async () => {
    const api = await caseWithHistory();
    const checkpoint = await api.call('audit.checkpoint', {});
    if (!checkpoint.ok) throw new Error(checkpoint.error.message);
    const record = checkpoint.value as CheckpointRecord;
    const file = path.join(tempDir(), 'checkpoint.txt');
    writeFileSync(file, record.text);
    await api.call('claims.create', { statement: 'Huawei built Safe City in Tashkent.' });

    const { ctx } = context(api);
    clicks(WITH_CHECKPOINT, CLOSE);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    await verifyCaseIntegrity(ctx);
    expect(box(1)).toMatchObject({ type: 'info', message: 'The case passed every check.' });
    expect(box(1).detail).toContain(`event ${record.seq}`);

    // A checkpoint whose hash the history does not contain: the report fails and says where.
    const forged = record.text.replace(
      /Head hash:\s+([0-9a-f]{4})/,
      (_m, first: string) => `Head hash:   ${first === '0000' ? '1111' : '0000'}`,
    );
    writeFileSync(file, forged);
    clicks(WITH_CHECKPOINT, CLOSE);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    await verifyCaseIntegrity(ctx);
    expect(box(3)).toMatchObject({ type: 'warning', message: 'The case failed one check.' });
    expect(box(3).detail).toContain(`Event ${record.seq}`);
  });

  it('cancelling the question or the checkpoint dialog runs nothing', async () => {
    const calls: string[] = [];
    const api: CallApi = {
      call: async (method) => {
        calls.push(method);
        return { ok: true, value: null };
      },
    };
    const { ctx, win } = context(api);
    clicks(CANCEL);
    await verifyCaseIntegrity(ctx);
    clicks(WITH_CHECKPOINT);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await verifyCaseIntegrity(ctx);
    expect(calls).toEqual([]);
    expect(win.progress).toEqual([]);
  });

  it('a file too large to be a checkpoint is refused before the run; unreadable text is reported by the run', async () => {
    const calls: string[] = [];
    const api: CallApi = {
      call: async (method) => {
        calls.push(method);
        return method === 'case.verifyIntegrity'
          ? {
              ok: false,
              error: {
                code: 'invalid_input',
                message: 'Invalid input: checkpointText is not a checkpoint this app wrote',
              },
            }
          : { ok: true, value: null };
      },
    };
    const { ctx, win } = context(api);
    const big = path.join(tempDir(), 'video.mp4');
    writeFileSync(big, Buffer.alloc(MAX_CHECKPOINT_FILE_BYTES + 1));
    clicks(WITH_CHECKPOINT);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [big] });
    await verifyCaseIntegrity(ctx);
    expect(box(1)).toMatchObject({ type: 'error', message: 'That file is not a checkpoint.' });
    expect(calls).toEqual([]);

    const notes = path.join(tempDir(), 'notes.txt');
    writeFileSync(notes, 'shopping list');
    clicks(WITH_CHECKPOINT);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [notes] });
    await verifyCaseIntegrity(ctx);
    expect(box(3)).toMatchObject({
      type: 'error',
      message: 'The verification could not run.',
      detail: expect.stringContaining('checkpointText'),
    });
    expect(win.progress.at(-1)).toBe(-1);
  });

  it('does nothing without an open case', async () => {
    const { ctx } = context({ call: async () => ({ ok: true, value: null }) });
    await verifyCaseIntegrity({ ...ctx, getCase: () => null });
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });
});
