// The app-only methods, called as the renderer calls them (the `api` IPC channel) against a real
// case file, with the fake electron's dialogs answering as a user would: a chosen path, or cancel.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { ApiWithFile as Api } from '../../electron/api/create-api';
import type { AttachmentAdded } from '../../electron/schema/attachments';
import type { Result } from '../../electron/schema/result';
import { cleanUpAfterEach, newApi, sha256, snapshot, tempDir } from '../support/temp-case';
import { dialog, FakeBrowserWindow, FakeWebContents, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { APP_METHODS } = await import('../../electron/schema/app-methods');
const { createAppMethods } = await import('../../electron/main/app-methods');
const { createApiHandler } = await import('../../electron/main/ipc');
const { isTrustedRendererUrl } = await import('../../electron/common/trusted-url');
const { printHtmlToPdf, MAX_URL_CHARS } = await import('../../electron/main/report-pdf');

cleanUpAfterEach();
beforeEach(() => resetFake());

const MiB = 1024 * 1024;

interface Harness {
  api: Api;
  win: FakeBrowserWindow;
  documentsDir: string;
  /** Calls from our own main frame on app://, as the preload does. */
  call(method: string, input?: unknown): Promise<Result<unknown>>;
  /** Switches the "open case" the commands see (null: no case). */
  setCase(api: Api | null): void;
}

function harness(): Harness {
  const api = newApi();
  const win = new FakeBrowserWindow({});
  const documentsDir = tempDir('corroborate-documents-');
  let current: Api | null = api;
  const appMethods = createAppMethods({
    getWindow: () => win as unknown as BrowserWindow,
    getCase: () =>
      current === null ? null : { local: current.local, name: 'Sergek deal', path: current.file.path },
    documentsDir,
  });
  const handler = createApiHandler({
    getWindow: () => win as unknown as BrowserWindow,
    getApi: () => current,
    isTrustedUrl: (url) => isTrustedRendererUrl(url, null),
    appMethods,
  });
  return {
    api,
    win,
    documentsDir,
    call: (method, input) =>
      handler(
        { senderFrame: win.webContents.mainFrame, sender: win.webContents } as unknown as IpcMainInvokeEvent,
        {
          method,
          input,
        },
      ),
    setCase: (next) => {
      current = next;
    },
  };
}

async function value<T>(promise: Promise<Result<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function withSource(h: Harness): Promise<string> {
  return (
    await value<{ id: string }>(
      h.api.call('sources.create', { title: 'Oniks-Line brochure', kind: 'document', reliability: 'C' }),
    )
  ).id;
}

function chooseToOpen(file: string): void {
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
}

function chooseToSave(file: string): void {
  dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
}

function cancelOpen(): void {
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
}

function cancelSave(): void {
  dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
}

function dialogsShown(): number {
  return dialog.showOpenDialog.mock.calls.length + dialog.showSaveDialog.mock.calls.length;
}

describe('app.capabilities', () => {
  it('lists the app-only methods, even with no case open', async () => {
    const h = harness();
    h.setCase(null);
    expect(await value(h.call('app.capabilities', {}))).toEqual([...APP_METHODS]);
    expect(await value(h.call('app.capabilities'))).toEqual([...APP_METHODS]);
    expect(APP_METHODS).toEqual([
      'app.capabilities',
      'app.attachFile',
      'app.saveAttachment',
      'app.exportCase',
      'app.saveReport',
    ]);
  });

  it('goes through the same sender check as the contract', async () => {
    const h = harness();
    const handler = createApiHandler({
      getWindow: () => h.win as unknown as BrowserWindow,
      getApi: () => h.api,
      isTrustedUrl: (url) => isTrustedRendererUrl(url, null),
      appMethods: createAppMethods({
        getWindow: () => null,
        getCase: () => null,
        documentsDir: h.documentsDir,
      }),
    });
    const subframe = { senderFrame: { url: 'app://corroborate/index.html' }, sender: h.win.webContents };
    await expect(
      handler(subframe as unknown as IpcMainInvokeEvent, { method: 'app.capabilities', input: {} }),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Refused: the request did not come from the app.' },
    });
  });
});

describe('refusals before any dialog', () => {
  it('a forged sender reaches no dialog and changes nothing', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    const before = snapshot(h.api);
    const other = new FakeBrowserWindow({});
    const handler = createApiHandler({
      getWindow: () => h.win as unknown as BrowserWindow,
      getApi: () => h.api,
      isTrustedUrl: (url) => isTrustedRendererUrl(url, null),
      appMethods: createAppMethods({
        getWindow: () => h.win as unknown as BrowserWindow,
        getCase: () => ({ local: h.api.local, name: 'x', path: h.api.file.path }),
        documentsDir: h.documentsDir,
      }),
    });
    const forged = [
      { senderFrame: { url: 'app://corroborate/index.html' }, sender: h.win.webContents },
      { senderFrame: other.webContents.mainFrame, sender: other.webContents },
      { senderFrame: h.win.webContents.mainFrame, sender: other.webContents },
      { senderFrame: null, sender: h.win.webContents },
    ];
    const calls = [
      ['app.attachFile', { sourceId }],
      ['app.saveAttachment', { id: sourceId }],
      ['app.exportCase', { format: 'case-json' }],
      ['app.saveReport', { claimIds: [sourceId] }],
    ] as const;
    for (const event of forged) {
      for (const [method, input] of calls) {
        const answer = await handler(event as unknown as IpcMainInvokeEvent, { method, input });
        expect(answer, method).toMatchObject({
          ok: false,
          error: { code: 'invalid_input', message: expect.stringMatching(/^Refused/) },
        });
      }
    }
    h.win.webContents.mainFrame.url = 'https://evil.example/';
    for (const [method, input] of calls) {
      const answer = await handler(
        {
          senderFrame: h.win.webContents.mainFrame,
          sender: h.win.webContents,
        } as unknown as IpcMainInvokeEvent,
        {
          method,
          input,
        },
      );
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(dialogsShown()).toBe(0);
    expect(snapshot(h.api)).toEqual(before);
  });

  it.each([
    ['app.attachFile', {}, 'sourceId'],
    ['app.attachFile', { sourceId: 'not-an-id' }, 'sourceId'],
    // The renderer can never name a path: an extra field is refused, not ignored.
    ['app.attachFile', { sourceId: '00000000-0000-4000-8000-000000000000', path: '/etc/passwd' }, 'path'],
    ['app.saveAttachment', { id: 42 }, 'id'],
    ['app.saveAttachment', { id: '00000000-0000-4000-8000-000000000000', path: '/tmp/x' }, 'path'],
    ['app.exportCase', { format: 'xml' }, 'format'],
    ['app.exportCase', { format: 'claims-csv', withAttachments: true }, 'withAttachments'],
    ['app.exportCase', { format: 'case-json', path: '/tmp/out.json' }, 'path'],
    ['app.exportCase', { format: 'case-json', attachmentsDir: '/tmp' }, 'attachmentsDir'],
    ['app.saveReport', {}, 'dealId'],
    [
      'app.saveReport',
      { dealId: '00000000-0000-4000-8000-000000000000', claimIds: ['00000000-0000-4000-8000-000000000000'] },
      'dealId',
    ],
    ['app.saveReport', { claimIds: [] }, 'claimIds'],
    ['app.saveReport', { claimIds: ['00000000-0000-4000-8000-000000000000'], format: 'docx' }, 'format'],
    ['app.saveReport', { claimIds: ['00000000-0000-4000-8000-000000000000'], path: '/tmp/r.html' }, 'path'],
    ['app.capabilities', { extra: 1 }, 'extra'],
  ])('%s %j: invalid_input naming %s, no dialog', async (method, input, field) => {
    const h = harness();
    const answer = await h.call(method, input);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answer.ok ? {} : answer.error.fields).toHaveProperty(field);
    expect(dialogsShown()).toBe(0);
  });

  it('not_found with no case open; not_found for an unknown source or attachment, before the dialog', async () => {
    const h = harness();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await h.call('app.attachFile', { sourceId: unknown })).toMatchObject({
      ok: false,
      error: { code: 'not_found', fields: { sourceId: expect.any(String) } },
    });
    expect(await h.call('app.saveAttachment', { id: unknown })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    h.setCase(null);
    expect(await h.call('app.exportCase', { format: 'claims-csv' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No case is open.' },
    });
    expect(dialogsShown()).toBe(0);
  });
});

describe('app.attachFile', () => {
  it('streams the chosen file into the case: the same Result as attachments.add, the bytes intact', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    const file = path.join(tempDir(), 'Oniks-Line SORM brochure.pdf');
    const bytes = randomBytes(3 * MiB + 11);
    writeFileSync(file, bytes);
    chooseToOpen(file);

    const added = await value<AttachmentAdded>(h.call('app.attachFile', { sourceId }));
    expect(added).toMatchObject({
      deduplicated: false,
      attachment: {
        sourceId,
        fileName: 'Oniks-Line SORM brochure.pdf',
        mediaType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        addedBy: 'tester',
      },
    });
    // The dialog is a sheet of our window and picks one file.
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      h.win,
      expect.objectContaining({ properties: ['openFile'] }),
    );
    const listed = await value<{ id: string }[]>(h.api.call('attachments.list', { sourceId }));
    expect(listed.map((a) => a.id)).toEqual([added.attachment.id]);
    const back = await value<{ bytesBase64: string }>(
      h.api.call('attachments.get', { id: added.attachment.id }),
    );
    expect(Buffer.from(back.bytesBase64, 'base64').equals(bytes)).toBe(true);
    // The taskbar progress ran to the end and was cleared.
    expect(h.win.progress.at(-2)).toBe(1);
    expect(h.win.progress.at(-1)).toBe(-1);
  });

  it('the same file attached twice is stored once', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    const file = path.join(tempDir(), 'scan.tiff');
    writeFileSync(file, randomBytes(4096));
    chooseToOpen(file);
    chooseToOpen(file);
    await value(h.call('app.attachFile', { sourceId }));
    const again = await value<AttachmentAdded>(h.call('app.attachFile', { sourceId }));
    expect(again).toMatchObject({ deduplicated: true, attachment: { mediaType: 'image/tiff' } });
  });

  it('a cancelled dialog answers null and changes nothing', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    const before = snapshot(h.api);
    cancelOpen();
    await expect(h.call('app.attachFile', { sourceId })).resolves.toEqual({ ok: true, value: null });
    expect(snapshot(h.api)).toEqual(before);
  });

  it('a file that vanished after the dialog is reported, nothing recorded', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    const before = snapshot(h.api);
    chooseToOpen(path.join(tempDir(), 'gone.pdf'));
    expect(await h.call('app.attachFile', { sourceId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(snapshot(h.api)).toEqual(before);
    expect(h.win.progress.at(-1)).toBe(-1);
  });
});

describe('app.saveAttachment', () => {
  async function withAttachment(h: Harness, bytes: Buffer) {
    const sourceId = await withSource(h);
    const added = await value<AttachmentAdded>(
      h.api.call('attachments.add', {
        sourceId,
        fileName: 'intercept-order.pdf',
        bytesBase64: bytes.toString('base64'),
      }),
    );
    return added.attachment;
  }

  it('writes the bytes exactly as received to the chosen file', async () => {
    const h = harness();
    const bytes = randomBytes(2 * MiB + 3);
    const attachment = await withAttachment(h, bytes);
    const target = path.join(tempDir(), 'copy.pdf');
    chooseToSave(target);
    const saved = await value(h.call('app.saveAttachment', { id: attachment.id }));
    expect(saved).toEqual({
      fileName: 'intercept-order.pdf',
      path: target,
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
    expect(readFileSync(target).equals(bytes)).toBe(true);
    // The dialog proposes the attachment's own name.
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      defaultPath: path.join(h.documentsDir, 'intercept-order.pdf'),
    });
  });

  it('a cancelled dialog answers null and writes nothing', async () => {
    const h = harness();
    const attachment = await withAttachment(h, randomBytes(100));
    const dir = tempDir();
    cancelSave();
    await expect(h.call('app.saveAttachment', { id: attachment.id })).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never replaces an existing file', async () => {
    const h = harness();
    const attachment = await withAttachment(h, randomBytes(100));
    const target = path.join(tempDir(), 'keep-me.pdf');
    writeFileSync(target, 'the user’s own file');
    chooseToSave(target);
    expect(await h.call('app.saveAttachment', { id: attachment.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('never replaces a file') },
    });
    expect(readFileSync(target, 'utf8')).toBe('the user’s own file');
  });
});

describe('app.exportCase', () => {
  it('writes the export to the chosen file and records it in the audit log', async () => {
    const h = harness();
    await value(
      h.api.call('claims.create', { statement: 'Kyrgyzstan bought SORM equipment from Oniks-Line.' }),
    );
    const before = await value<{ counts: { auditEvents: number } }>(h.api.call('case.info', {}));
    const target = path.join(tempDir(), 'claims.csv');
    chooseToSave(target);
    const exported = await value<{ path: string; sha256: string; text: string | null }>(
      h.call('app.exportCase', { format: 'claims-csv' }),
    );
    expect(exported).toMatchObject({ format: 'claims-csv', path: target, text: null, counts: { claims: 1 } });
    const written = readFileSync(target);
    expect(sha256(written)).toBe(exported.sha256);
    expect(written.toString('utf8')).toContain('Kyrgyzstan bought SORM equipment from Oniks-Line.');
    const after = await value<{ counts: { auditEvents: number } }>(h.api.call('case.info', {}));
    expect(after.counts.auditEvents).toBe(before.counts.auditEvents + 1);
  });

  it('adds the extension to a bare name', async () => {
    const h = harness();
    const bare = path.join(tempDir(), 'handover');
    chooseToSave(bare);
    const exported = await value<{ path: string }>(h.call('app.exportCase', { format: 'case-json' }));
    expect(exported.path).toBe(`${bare}.json`);
    expect(JSON.parse(readFileSync(`${bare}.json`, 'utf8'))).toHaveProperty('format');
  });

  it('case JSON with attachments: bytes and a sha256 manifest in the chosen folder', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    const bytes = randomBytes(5000);
    await value(
      h.api.call('attachments.add', { sourceId, fileName: 'a.bin', bytesBase64: bytes.toString('base64') }),
    );
    const target = path.join(tempDir(), 'case.json');
    const folder = path.join(tempDir(), 'attachments');
    chooseToSave(target);
    chooseToOpen(folder);
    const exported = await value<{ attachments: { files: number } }>(
      h.call('app.exportCase', { format: 'case-json', withAttachments: true }),
    );
    expect(exported.attachments).toMatchObject({ files: 1 });
    expect(readFileSync(path.join(folder, sha256(bytes))).equals(bytes)).toBe(true);
    expect(readFileSync(path.join(folder, 'SHA256SUMS'), 'utf8')).toBe(
      `${sha256(bytes)}  ${sha256(bytes)}\n`,
    );
    expect(dialog.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({
      properties: expect.arrayContaining(['openDirectory', 'createDirectory']),
    });
  });

  it('cancelling either dialog writes nothing and records nothing', async () => {
    const h = harness();
    const before = snapshot(h.api);
    cancelSave();
    await expect(h.call('app.exportCase', { format: 'sources-csl' })).resolves.toEqual({
      ok: true,
      value: null,
    });
    const target = path.join(tempDir(), 'case.json');
    chooseToSave(target);
    cancelOpen();
    await expect(h.call('app.exportCase', { format: 'case-json', withAttachments: true })).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(existsSync(target)).toBe(false);
    expect(snapshot(h.api)).toEqual(before);
  });

  it('never replaces an existing file, and records nothing', async () => {
    const h = harness();
    const target = path.join(tempDir(), 'evidence.csv');
    writeFileSync(target, 'precious');
    const before = snapshot(h.api);
    chooseToSave(target);
    expect(await h.call('app.exportCase', { format: 'evidence-csv' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(snapshot(h.api)).toEqual(before);
  });
});

describe('app.saveReport', () => {
  async function withClaim(h: Harness): Promise<string> {
    return (
      await value<{ id: string }>(
        h.api.call('claims.create', { statement: 'Sergek cameras were installed in Almaty.' }),
      )
    ).id;
  }

  it('saves the self-contained HTML report to the chosen file', async () => {
    const h = harness();
    const claimId = await withClaim(h);
    const target = path.join(tempDir(), 'report.html');
    chooseToSave(target);
    const saved = await value<{
      path: string;
      savedAs: string;
      html: string;
      sha256: string;
      claims: number;
    }>(h.call('app.saveReport', { claimIds: [claimId], title: 'Sergek' }));
    expect(saved).toMatchObject({ path: target, savedAs: 'html', claims: 1 });
    expect(readFileSync(target, 'utf8')).toBe(saved.html);
    expect(saved.html).toContain('Sergek cameras were installed in Almaty.');
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      defaultPath: path.join(h.documentsDir, 'Sergek report.html'),
    });
  });

  it('Save as PDF: prints the report in a hidden window with JavaScript off, from a data: URL, and writes the PDF', async () => {
    const h = harness();
    const claimId = await withClaim(h);
    const target = path.join(tempDir(), 'report');
    chooseToSave(target);
    const windowsBefore = FakeBrowserWindow.instances.length;
    const saved = await value<{ path: string; savedAs: string; html: string }>(
      h.call('app.saveReport', { claimIds: [claimId], format: 'pdf' }),
    );
    expect(saved).toMatchObject({ path: `${target}.pdf`, savedAs: 'pdf' });
    expect(readFileSync(`${target}.pdf`, 'utf8')).toMatch(/^%PDF-/);

    const printer = FakeBrowserWindow.instances[windowsBefore];
    expect(printer).toBeDefined();
    expect(printer?.options).toMatchObject({
      show: false,
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    expect(printer?.options.webPreferences).not.toHaveProperty('preload');
    const url = String(printer?.loadURL.mock.calls[0]?.[0]);
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8')).toBe(saved.html);
    expect(printer?.webContents.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ printBackground: true }),
    );
    expect(printer?.destroy).toHaveBeenCalled();
  });

  it('the name the user typed decides: .pdf prints even when HTML was offered', async () => {
    const h = harness();
    const claimId = await withClaim(h);
    const target = path.join(tempDir(), 'brief.PDF');
    chooseToSave(target);
    const saved = await value<{ savedAs: string }>(h.call('app.saveReport', { claimIds: [claimId] }));
    expect(saved.savedAs).toBe('pdf');
    expect(readFileSync(target, 'utf8')).toMatch(/^%PDF-/);
  });

  it('a failed print leaves no file and closes the hidden window', async () => {
    const h = harness();
    const claimId = await withClaim(h);
    const target = path.join(tempDir(), 'report.pdf');
    chooseToSave(target);
    const windowsBefore = FakeBrowserWindow.instances.length;
    FakeWebContents.print = async () => {
      throw new Error('printing failed');
    };
    expect(await h.call('app.saveReport', { claimIds: [claimId], format: 'pdf' })).toMatchObject({
      ok: false,
    });
    const printer = FakeBrowserWindow.instances[windowsBefore];
    expect(existsSync(target)).toBe(false);
    expect(printer?.destroy).toHaveBeenCalled();
  });

  it('refuses an existing file before building the report', async () => {
    const h = harness();
    const claimId = await withClaim(h);
    const target = path.join(tempDir(), 'report.pdf');
    writeFileSync(target, 'keep');
    const before = snapshot(h.api);
    chooseToSave(target);
    expect(await h.call('app.saveReport', { claimIds: [claimId], format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(snapshot(h.api)).toEqual(before);
  });

  it('a cancelled dialog answers null and records nothing', async () => {
    const h = harness();
    const claimId = await withClaim(h);
    const before = snapshot(h.api);
    cancelSave();
    await expect(h.call('app.saveReport', { claimIds: [claimId] })).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(snapshot(h.api)).toEqual(before);
  });

  it('a report too long for a data: URL is refused in plain words, without opening a window', async () => {
    const before = FakeBrowserWindow.instances.length;
    await expect(printHtmlToPdf(`<p>${'x'.repeat(MAX_URL_CHARS)}</p>`)).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('Save it as HTML'),
    });
    expect(FakeBrowserWindow.instances.length).toBe(before);
  });
});

describe('one dialog at a time, and the case it was opened for', () => {
  it('a second dialog method while one dialog is open is refused', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    let answerDialog: (value: { canceled: boolean; filePaths: string[] }) => void = () => undefined;
    dialog.showOpenDialog.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          answerDialog = resolve;
        }),
    );
    const first = h.call('app.attachFile', { sourceId });
    await vi.waitFor(() => expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1));
    expect(await h.call('app.exportCase', { format: 'claims-csv' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('Another file dialog') },
    });
    // The contract still answers meanwhile.
    expect(await h.call('case.info', {})).toMatchObject({ ok: true });
    answerDialog({ canceled: true, filePaths: [] });
    await expect(first).resolves.toEqual({ ok: true, value: null });
    cancelSave();
    await expect(h.call('app.exportCase', { format: 'claims-csv' })).resolves.toEqual({
      ok: true,
      value: null,
    });
  });

  it('if the user switched case while the dialog was open, nothing is written to either case', async () => {
    const h = harness();
    const sourceId = await withSource(h);
    const other = newApi();
    const before = snapshot(h.api);
    const file = path.join(tempDir(), 'x.pdf');
    writeFileSync(file, 'x');
    dialog.showOpenDialog.mockImplementationOnce(async () => {
      h.setCase(other);
      return { canceled: false, filePaths: [file] };
    });
    expect(await h.call('app.attachFile', { sourceId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(snapshot(h.api)).toEqual(before);
  });
});
