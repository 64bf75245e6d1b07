// The one window: the locked webPreferences (locked-web-preferences.ts) plus our preload, and
// DevTools only when the app is not packaged.
import { BrowserWindow, type WebPreferences } from 'electron';
import { LOCKED_WEB_PREFERENCES } from './locked-web-preferences';

export function secureWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return { ...LOCKED_WEB_PREFERENCES, preload: preloadPath, safeDialogs: true, devTools: !isPackaged };
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
