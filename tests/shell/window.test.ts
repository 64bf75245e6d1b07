import type { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createMainWindow, secureWebPreferences } = await import('../../electron/main/window');

describe('the main window', () => {
  it('sets every webPreference of DESIGN.md to its safe value', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', true)).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('allows DevTools only when unpackaged', () => {
    expect(secureWebPreferences('/p', true).devTools).toBe(false);
    expect(secureWebPreferences('/p', false).devTools).toBe(true);
  });

  it('creates the window with those preferences and the case name as title', () => {
    const options = { preloadPath: '/p/index.cjs', isPackaged: true, title: 'Case — Corroborate' };
    const win = createMainWindow(options) as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/p/index.cjs', true));
    expect(win.options.title).toBe('Case — Corroborate');
    expect(win.options.show).toBe(false);
  });

  it('keeps its title when the page sets <title>', () => {
    const win = createMainWindow({
      preloadPath: '/p',
      isPackaged: true,
      title: 'T',
    }) as unknown as FakeBrowserWindow;
    expect(win.fire('page-title-updated', 'Page title').defaultPrevented).toBe(true);
  });
});
