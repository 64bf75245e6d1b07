import { contextBridge, ipcRenderer } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

await import('../../electron/preload/index');
const { API_CHANNEL } = await import('../../electron/main/ipc');

describe('the preload', () => {
  it('exposes one object, window.corroborate, with only `call`', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('corroborate');
    expect(Object.keys(api)).toEqual(['call']);
    expect(typeof api.call).toBe('function');
  });

  it('call(method, input) invokes the api channel with {method, input} and returns its answer', async () => {
    const [, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      { call(m: string, i: unknown): Promise<unknown> },
    ];
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 7 });
    await expect(api.call('case.info', { x: 1 })).resolves.toEqual({ ok: true, value: 7 });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(API_CHANNEL, { method: 'case.info', input: { x: 1 } });
  });

  it('hands nothing of ipcRenderer to the page', () => {
    const [, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.values(api)).not.toContain(ipcRenderer.invoke);
    expect(ipcRenderer.send).not.toHaveBeenCalled();
    expect(ipcRenderer.on).not.toHaveBeenCalled();
  });
});
