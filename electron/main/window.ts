// The one window, with every webPreference set to its safe value explicitly, even where Electron's
// default already is, so a changed default or a careless edit shows up in the shell tests.
import { BrowserWindow, type WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
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
    devTools: !isPackaged,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  isPackaged: boolean;
  title: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: options.title,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath, options.isPackaged),
  });
  // The title names the open case; the page's <title> must not replace it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  return win;
}
