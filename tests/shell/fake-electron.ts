// A stand-in for the `electron` module: just enough surface for the shell's files, every call
// recorded. Test files use it with
//   vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
// and import the same instance to inspect it (modules are cached per test file).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

/** An EventEmitter whose `emit` lets a test call listeners and see whether they prevented the default. */
export class FakeEmitter extends EventEmitter {
  fire(event: string, ...args: unknown[]): { defaultPrevented: boolean } {
    let defaultPrevented = false;
    const evt = { preventDefault: () => (defaultPrevented = true), isMainFrame: true };
    for (const listener of this.listeners(event) as Listener[]) listener(evt, ...args);
    return { defaultPrevented };
  }

  fireWith(event: string, evt: Record<string, unknown>, ...args: unknown[]): { defaultPrevented: boolean } {
    let defaultPrevented = false;
    const full = { ...evt, preventDefault: () => (defaultPrevented = true) };
    for (const listener of this.listeners(event) as Listener[]) listener(full, ...args);
    return { defaultPrevented };
  }
}

const defaultPrint = async (_options: unknown): Promise<Buffer> => Buffer.from('%PDF-1.7 fake\n%%EOF\n');

export class FakeWebContents extends FakeEmitter {
  readonly mainFrame: { url: string };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  /** What Chromium would print: FakeWebContents.print, which a test may replace (resetFake restores it). */
  readonly printToPDF = vi.fn((options: unknown) => FakeWebContents.print(options));
  static print = defaultPrint;

  constructor(url = 'app://corroborate/index.html') {
    super();
    this.mainFrame = { url };
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  static fromWebContents = vi.fn((_contents: unknown): FakeBrowserWindow | null => null);
  readonly webContents = new FakeWebContents();
  destroyed = false;
  title = '';
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly close = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  /** Every value the taskbar progress bar was set to, in order. */
  readonly progress: number[] = [];
  readonly setProgressBar = vi.fn((fraction: number) => {
    this.progress.push(fraction);
  });
  readonly destroy = vi.fn(() => {
    this.destroyed = true;
  });
  readonly setTitle = vi.fn((title: string) => {
    this.title = title;
  });

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.title = String(options.title ?? '');
    FakeBrowserWindow.instances.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export function fakeSession() {
  let beforeRequest:
    | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void)
    | null = null;
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setDisplayMediaRequestHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: {
      onBeforeRequest: vi.fn((listener: typeof beforeRequest) => {
        beforeRequest = listener;
      }),
    },
    /** Runs the registered onBeforeRequest listener and returns whether it cancelled the URL. */
    cancels(url: string): boolean {
      if (beforeRequest === null) throw new Error('no onBeforeRequest listener');
      let cancel: boolean | undefined;
      beforeRequest({ url }, (response) => {
        cancel = response.cancel;
      });
      if (cancel === undefined) throw new Error('listener did not call back');
      return cancel;
    },
  };
}

export const app = Object.assign(new FakeEmitter(), {
  isPackaged: false,
  singleInstance: true,
  paths: {} as Record<string, string>,
  appPath: '/app',
  ready: Promise.resolve(),
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn((): boolean => app.singleInstance),
  quit: vi.fn(),
  whenReady: vi.fn(() => app.ready),
  getPath: vi.fn((name: string) => app.paths[name] ?? `/fake/${name}`),
  getAppPath: vi.fn(() => app.appPath),
  getVersion: vi.fn(() => '0.1.0'),
});

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle: vi.fn((channel: string, listener: Listener) => {
    ipcMain.handlers.set(channel, listener);
  }),
};

export const ipcRenderer = {
  invoke: vi.fn(
    async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null }),
  ),
  send: vi.fn(),
  on: vi.fn(),
};

export const contextBridge = {
  exposeInMainWorld: vi.fn(),
};

export const dialog = {
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showErrorBox: vi.fn(),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const session = {
  defaultSession: fakeSession(),
};

/** Back to a fresh state between launches of index.ts in one test file. */
export function resetFake(): void {
  vi.clearAllMocks();
  app.removeAllListeners();
  app.isPackaged = false;
  app.singleInstance = true;
  app.paths = {};
  app.appPath = '/app';
  ipcMain.handlers.clear();
  FakeBrowserWindow.instances.length = 0;
  FakeWebContents.print = defaultPrint;
  session.defaultSession = fakeSession();
}

export const electronModule = {
  app,
  protocol,
  ipcMain,
  ipcRenderer,
  contextBridge,
  dialog,
  shell,
  Menu,
  session,
  BrowserWindow: FakeBrowserWindow,
};
