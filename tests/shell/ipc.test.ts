import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../electron/schema/result';
import { FakeBrowserWindow, ipcMain } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { API_CHANNEL, createApiHandler, registerApiChannel } = await import('../../electron/main/ipc');
const { isTrustedRendererUrl } = await import('../../electron/common/trusted-url');

function setup(devOrigin: string | null = null) {
  const win = new FakeBrowserWindow({});
  const api = {
    call: vi.fn(
      async (method: string, input: unknown): Promise<Result<unknown>> => ({
        ok: true,
        value: { method, input },
      }),
    ),
  };
  const options = {
    getWindow: () => win as unknown as BrowserWindow,
    getApi: () => api,
    isTrustedUrl: (url: string) => isTrustedRendererUrl(url, devOrigin),
  };
  const handler = createApiHandler(options);
  const eventFrom = (frame: { url: string } | null, sender: unknown = win.webContents) =>
    ({ senderFrame: frame, sender }) as unknown as IpcMainInvokeEvent;
  return { win, api, handler, eventFrom, options };
}

const refusedSender = {
  ok: false,
  error: { code: 'invalid_input', message: 'Refused: the request did not come from the app.' },
};

describe('the api IPC channel', () => {
  it('registers exactly one channel, named api', () => {
    const { options } = setup();
    registerApiChannel(options);
    expect(API_CHANNEL).toBe('api');
    expect([...ipcMain.handlers.keys()]).toEqual(['api']);
  });

  it('passes a call from our own main frame on app:// to the api', async () => {
    const { handler, eventFrom, win, api } = setup();
    const result = await handler(eventFrom(win.webContents.mainFrame), {
      method: 'case.info',
      input: { a: 1 },
    });
    expect(result).toEqual({ ok: true, value: { method: 'case.info', input: { a: 1 } } });
    expect(api.call).toHaveBeenCalledWith('case.info', { a: 1 });
  });

  it('returns the api’s ok:false results unchanged', async () => {
    const { handler, eventFrom, win, api } = setup();
    const failure: Result<unknown> = {
      ok: false,
      error: { code: 'not_found', message: 'No such claim', fields: { id: 'x' } },
    };
    api.call.mockResolvedValueOnce(failure);
    await expect(
      handler(eventFrom(win.webContents.mainFrame), { method: 'claims.get', input: {} }),
    ).resolves.toEqual(failure);
  });

  it('refuses a subframe of our window, even one on app://', async () => {
    const { handler, eventFrom, api } = setup();
    const subframe = { url: 'app://corroborate/index.html' };
    await expect(handler(eventFrom(subframe), { method: 'case.info', input: {} })).resolves.toEqual(
      refusedSender,
    );
    expect(api.call).not.toHaveBeenCalled();
  });

  it('refuses our main frame once it shows another origin', async () => {
    for (const url of [
      'https://evil.example/',
      'app://corroborate.evil/',
      'file:///etc/passwd',
      'http://localhost:5173/',
    ]) {
      const { handler, eventFrom, win, api } = setup();
      win.webContents.mainFrame.url = url;
      await expect(
        handler(eventFrom(win.webContents.mainFrame), { method: 'case.info' }),
        url,
      ).resolves.toEqual(refusedSender);
      expect(api.call).not.toHaveBeenCalled();
    }
  });

  it('refuses another window’s frame and a destroyed or missing frame', async () => {
    const { handler, eventFrom, win, api } = setup();
    const other = new FakeBrowserWindow({});
    await expect(
      handler(eventFrom(other.webContents.mainFrame, other.webContents), { method: 'case.info' }),
    ).resolves.toEqual(refusedSender);
    // Our frame object but reported from another webContents: still refused.
    await expect(
      handler(eventFrom(win.webContents.mainFrame, other.webContents), { method: 'case.info' }),
    ).resolves.toEqual(refusedSender);
    await expect(handler(eventFrom(null), { method: 'case.info' })).resolves.toEqual(refusedSender);
    win.destroyed = true;
    await expect(handler(eventFrom(win.webContents.mainFrame), { method: 'case.info' })).resolves.toEqual(
      refusedSender,
    );
    expect(api.call).not.toHaveBeenCalled();
  });

  it('accepts the dev server only when it is the configured dev origin', async () => {
    const { handler, eventFrom, win, api } = setup('http://localhost:5173');
    win.webContents.mainFrame.url = 'http://localhost:5173/';
    await expect(
      handler(eventFrom(win.webContents.mainFrame), { method: 'case.info' }),
    ).resolves.toMatchObject({ ok: true });
    expect(api.call).toHaveBeenCalledTimes(1);
  });

  it('checks the method name after the sender', async () => {
    const { handler, eventFrom, win, api } = setup();
    const frame = win.webContents.mainFrame;
    for (const payload of [
      undefined,
      null,
      'case.info',
      {},
      { method: 42 },
      { method: '' },
      { method: 'x'.repeat(201) },
      { method: ['case.info'] },
    ]) {
      const result = await handler(eventFrom(frame), payload);
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(api.call).not.toHaveBeenCalled();
  });

  it('answers not_found when no case is open, and internal if the api ever throws', async () => {
    const { eventFrom, win, options } = setup();
    const noCase = createApiHandler({ ...options, getApi: () => null });
    await expect(
      noCase(eventFrom(win.webContents.mainFrame), { method: 'case.info' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const throwing = createApiHandler({
      ...options,
      getApi: () => ({ call: () => Promise.reject(new Error('boom')) }),
    });
    await expect(throwing(eventFrom(win.webContents.mainFrame), { method: 'case.info' })).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
  });

  it('hands app-only methods to the app before the contract, after the same sender check', async () => {
    const { eventFrom, win, options, api } = setup();
    const appMethods = {
      has: vi.fn((method: string) => method.startsWith('app.')),
      call: vi.fn(
        async (method: string, input: unknown): Promise<Result<unknown>> => ({
          ok: true,
          value: { app: method, input },
        }),
      ),
    };
    const handler = createApiHandler({ ...options, getApi: () => null, appMethods });
    // No case open: the app still answers its own methods; the contract says no case.
    await expect(
      handler(eventFrom(win.webContents.mainFrame), { method: 'app.capabilities', input: {} }),
    ).resolves.toEqual({
      ok: true,
      value: { app: 'app.capabilities', input: {} },
    });
    await expect(
      handler(eventFrom(win.webContents.mainFrame), { method: 'case.info', input: {} }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    await expect(
      handler(eventFrom({ url: 'app://corroborate/index.html' }), { method: 'app.attachFile', input: {} }),
    ).resolves.toEqual(refusedSender);
    expect(appMethods.call).toHaveBeenCalledTimes(1);
    expect(api.call).not.toHaveBeenCalled();

    const withCase = createApiHandler({ ...options, appMethods });
    await withCase(eventFrom(win.webContents.mainFrame), { method: 'claims.list', input: {} });
    expect(api.call).toHaveBeenCalledWith('claims.list', {});
    expect(appMethods.call).toHaveBeenCalledTimes(1);
  });
});
