// Lifecycle of the desktop app: one instance, one window, one open case. Security settings live in
// security.ts / window.ts / protocol.ts / ipc.ts; this file only wires them together in order.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { app, BrowserWindow, dialog, session } from 'electron';
import { openCaseFileAlone, writeSampleCase } from '../api/case-files';
import { type Api, createApi } from '../api/create-api';
import { APP_INDEX_URL, isTrustedRendererUrl, loopbackDevOrigin } from '../common/trusted-url';
import type { AppCommandContext } from './app-command-context';
import { createAppMethods } from './app-methods';
import { appPaths } from './app-paths';
import { hasChoices, newCase, openCase, reportOpenFailure, saveCopy, showMessage } from './case-commands';
import {
  CaseSession,
  defaultCasePath,
  fileExists,
  type OpenCase,
  openAtStartup,
  windowTitle,
} from './case-session';
import { confirmAndOpenExternal } from './external-link';
import { verifyCaseIntegrity } from './integrity-command';
import { registerApiChannel } from './ipc';
import { readLastCase, writeLastCase } from './last-case';
import { installMenu } from './menu';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

// Both must happen before `ready`.
registerAppScheme();
app.enableSandbox();

if (app.requestSingleInstanceLock()) start();
else app.quit();

function actorName(): string {
  try {
    return os.userInfo().username || 'local user';
  } catch {
    return 'local user';
  }
}

function start(): void {
  const isPackaged = app.isPackaged;
  const devServerUrl = isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const devOrigin = loopbackDevOrigin(devServerUrl);
  const startUrl = devOrigin !== null && devServerUrl !== undefined ? devServerUrl : APP_INDEX_URL;
  const paths = appPaths({
    isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
  });
  const userData = app.getPath('userData');
  const actor = actorName();
  const cases = new CaseSession<Api>((casePath, create, choice = {}) =>
    createApi(casePath, {
      create,
      actor,
      acceptOlderCopy: choice.acceptOlderCopy === true,
      migrationsDir: paths.migrationsDir,
      nativeBinding: paths.nativeBinding,
      seenHeadsDir: userData,
    }),
  );
  let win: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => (win !== null && !win.isDestroyed() ? win : null);

  // The file name is the title at once; the name stored in the case replaces it when it differs.
  const showTitle = (opened: OpenCase): void => {
    getWindow()?.setTitle(windowTitle(opened.name));
    void opened.api.call('case.info', {}).then((info) => {
      const name = info.ok ? (info.value as { name?: unknown }).name : undefined;
      if (typeof name === 'string' && name !== '' && cases.current === opened)
        getWindow()?.setTitle(windowTitle(name));
    });
  };

  const onOpened = (opened: OpenCase): void => {
    writeLastCase(userData, opened.path);
    const current = getWindow();
    if (current === null) return;
    showTitle(opened);
    // A fresh page, so nothing of the previous case lingers in the renderer's memory.
    void current.loadURL(startUrl);
  };

  app.on('second-instance', () => {
    const current = getWindow();
    if (current === null) return;
    if (current.isMinimized()) current.restore();
    current.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal: (url) =>
        void confirmAndOpenExternal(url, BrowserWindow.fromWebContents(contents) ?? getWindow()),
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => cases.close());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, { devOrigin, allowDevTools: !isPackaged });
    serveAppProtocol(paths.rendererDir);
    const documentsDir = app.getPath('documents');
    const appCommands: AppCommandContext = {
      getWindow,
      getCase: () => {
        const current = cases.current;
        return current === null ? null : { local: current.api.local, name: current.name, path: current.path };
      },
      documentsDir,
    };
    registerApiChannel({
      getWindow,
      getApi: () => cases.current?.api ?? null,
      isTrustedUrl: (url) => isTrustedRendererUrl(url, devOrigin),
      appMethods: createAppMethods(appCommands),
    });

    if (!existsSync(paths.nativeBinding)) {
      dialog.showErrorBox(
        'Corroborate cannot open case files',
        `The database module built for Electron is missing:\n${paths.nativeBinding}\n\n` +
          'Run `npm start` (it prepares it) or rebuild the package.',
      );
      app.quit();
      return;
    }

    const context = {
      session: cases,
      getWindow,
      documentsDir,
      onOpened,
      openAlone: (casePath: string) => openCaseFileAlone(casePath, { nativeBinding: paths.nativeBinding }),
      nativeBinding: paths.nativeBinding,
    };
    const run = (command: () => Promise<void>): void => {
      command().catch((error: unknown) =>
        showMessage(getWindow(), { type: 'error', message: 'Something went wrong.', detail: String(error) }),
      );
    };
    installMenu(
      {
        newCase: () => run(() => newCase(context)),
        openCase: () => run(() => openCase(context)),
        saveCopy: () => run(() => saveCopy(context)),
        verifyIntegrity: () =>
          run(() => verifyCaseIntegrity({ getWindow, getCase: () => cases.current, documentsDir })),
        closeWindow: () => getWindow()?.close(),
        about: () =>
          run(() =>
            showMessage(getWindow(), {
              type: 'info',
              message: `Corroborate ${app.getVersion()}`,
              detail: 'Offline evidence tracking for investigators. No network, no telemetry.',
            }),
          ),
      },
      { platform: process.platform, isPackaged },
    );

    let damagedAtStartup: { casePath: string; error: unknown } | null = null;
    const opened = openAtStartup(cases, {
      lastCase: readLastCase(userData),
      defaultCase: defaultCasePath(userData),
      exists: fileExists,
      // First run opens the sample case, rebuilt by code so it always matches the current schema.
      seed: (file) => {
        writeSampleCase(file, { migrationsDir: paths.migrationsDir, nativeBinding: paths.nativeBinding });
      },
      report: (casePath, error) => {
        // A damaged case with a backup is offered once the window is up; anything else is said now.
        if (hasChoices(casePath, error)) damagedAtStartup = { casePath, error };
        else
          dialog.showErrorBox(
            `Could not open ${casePath}`,
            error instanceof Error ? error.message : String(error),
          );
      },
    });
    if (opened === null) {
      app.quit();
      return;
    }
    writeLastCase(userData, opened.path);
    win = createMainWindow({ preloadPath: paths.preloadPath, isPackaged, title: windowTitle(opened.name) });
    win.on('closed', () => {
      win = null;
    });
    showTitle(opened);
    void win.loadURL(startUrl);
    if (damagedAtStartup !== null) {
      const { casePath, error } = damagedAtStartup;
      void reportOpenFailure(context, casePath, error);
    }
  });
}
