// electron/main/index.ts end to end against the fake electron: what happens before ready, on
// ready, on first run, and when something is missing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APPLICATION_ID } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import type { Result } from '../../electron/schema/result';
import * as fakeElectron from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const fakeApi = {
  call: vi.fn(
    async (_method: string, _input: unknown): Promise<Result<unknown>> => ({
      ok: true,
      value: { name: 'Sergek' },
    }),
  ),
  close: vi.fn(),
};
const createApi = vi.fn((_path: string, _options: Record<string, unknown>) => fakeApi);
vi.mock('../../electron/api/create-api', () => ({ createApi }));
const buildSampleCase = vi.fn((file: string, _options: Record<string, unknown>) => {
  writeFileSync(file, 'sample');
  return {};
});
vi.mock('../../electron/core/sample-case', () => ({ buildSampleCase }));

const ELECTRON_VERSION = '45.5.0';
let base: string;
let appPath: string;
let userData: string;

beforeAll(() => {
  Object.defineProperty(process.versions, 'electron', { value: ELECTRON_VERSION, configurable: true });
});
afterAll(() => {
  Reflect.deleteProperty(process.versions, 'electron');
});

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'corroborate-lifecycle-'));
  appPath = path.join(base, 'app');
  userData = path.join(base, 'userData');
  const native = path.join(appPath, '.native', 'electron', ELECTRON_VERSION);
  mkdirSync(native, { recursive: true });
  writeFileSync(path.join(native, 'better_sqlite3.node'), '');
  delete process.env.ELECTRON_RENDERER_URL;
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

let launches = 0;

/** Runs index.ts afresh (a new module id each time) against a reset fake electron. */
async function launch(configure: (electron: typeof fakeElectron) => void = () => undefined) {
  const fake = fakeElectron;
  fake.resetFake();
  fake.app.appPath = appPath;
  fake.app.paths = { userData, documents: base };
  configure(fake);
  launches += 1;
  await import(/* @vite-ignore */ `../../electron/main/index.ts?launch=${launches}`);
  await fake.app.ready;
  // Let the whenReady continuation and the title's case.info call settle.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return fake;
}

describe('lifecycle', () => {
  it('registers the app:// scheme and the sandbox before ready', async () => {
    const fake = await launch();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    const registered = fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    expect(registered).toBeLessThan(fake.app.whenReady.mock.invocationCallOrder[0] ?? -Infinity);
  });

  it('quits at once when another instance holds the lock', async () => {
    const fake = await launch((f) => {
      f.app.singleInstance = false;
    });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('on first run writes the sample case in user data, opens and remembers it, and shows it in a hardened window on app://', async () => {
    const fake = await launch();
    const defaultCase = path.join(userData, 'Cases', 'Central Asia surveillance deals (sample).evidence');
    expect(buildSampleCase).toHaveBeenCalledWith(defaultCase, {
      migrationsDir: path.join(appPath, 'migrations'),
      nativeBinding: path.join(appPath, '.native', 'electron', ELECTRON_VERSION, 'better_sqlite3.node'),
    });
    expect(createApi).toHaveBeenCalledWith(defaultCase, {
      create: false,
      // No copy older than the one last seen here opens without the user saying so.
      acceptOlderCopy: false,
      actor: expect.any(String),
      migrationsDir: path.join(appPath, 'migrations'),
      nativeBinding: path.join(appPath, '.native', 'electron', ELECTRON_VERSION, 'better_sqlite3.node'),
      // The last audit head seen of each case is remembered in this installation's own folder.
      seenHeadsDir: userData,
    });
    expect(JSON.parse(readFileSync(path.join(userData, 'last-case.json'), 'utf8'))).toEqual({
      path: defaultCase,
    });

    expect(fake.session.defaultSession.cancels('https://example.org/')).toBe(true);
    expect(fake.session.defaultSession.cancels('app://corroborate/index.html')).toBe(false);
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect([...fake.ipcMain.handlers.keys()]).toEqual(['api']);

    const [win] = fake.FakeBrowserWindow.instances;
    expect(win?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win?.loadURL).toHaveBeenCalledWith('app://corroborate/index.html');
    // The file name at once, then the name stored in the case.
    expect(win?.setTitle).toHaveBeenLastCalledWith('Sergek — Corroborate');
  });

  it('when the last case is damaged, opens the default one and then offers the newest backup', async () => {
    const last = path.join(base, 'Damaged.evidence');
    writeFileSync(last, 'damaged');
    // The backup needs only a case file's header for the offer (it is opened only if accepted).
    const header = Buffer.alloc(100);
    header.write('SQLite format 3\0', 0, 'latin1');
    header.writeUInt32BE(APPLICATION_ID, 68);
    writeFileSync(`${last}.v3.bak`, header);
    mkdirSync(userData, { recursive: true });
    writeFileSync(path.join(userData, 'last-case.json'), JSON.stringify({ path: last }));
    createApi.mockImplementationOnce(() => {
      throw new CoreError('integrity', 'Damaged.evidence is damaged', undefined, 'corrupt');
    });
    const fake = await launch((f) => {
      f.dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    });
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalled());
    const offer = fake.dialog.showMessageBox.mock.calls[0]?.at(-1) as { buttons: string[]; detail: string };
    expect(offer.buttons[0]).toBe('Open a Copy of the Backup…');
    expect(offer.detail).toContain('Damaged.evidence.v3.bak');
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('serves the window’s IPC to the open case', async () => {
    const fake = await launch();
    const [win] = fake.FakeBrowserWindow.instances;
    const handler = fake.ipcMain.handlers.get('api');
    const result = await handler?.(
      { senderFrame: win?.webContents.mainFrame, sender: win?.webContents },
      { method: 'case.info', input: {} },
    );
    expect(result).toEqual({ ok: true, value: { name: 'Sergek' } });
    expect(fakeApi.call).toHaveBeenCalledWith('case.info', {});
  });

  it('answers app.capabilities over the same channel, and offers Verify Case Integrity… in the File menu', async () => {
    const fake = await launch();
    const [win] = fake.FakeBrowserWindow.instances;
    const handler = fake.ipcMain.handlers.get('api');
    const result = await handler?.(
      { senderFrame: win?.webContents.mainFrame, sender: win?.webContents },
      { method: 'app.capabilities', input: {} },
    );
    expect(result).toMatchObject({
      ok: true,
      value: expect.arrayContaining(['app.attachFile', 'app.saveReport']),
    });
    expect(fakeApi.call).not.toHaveBeenCalledWith('app.capabilities', expect.anything());

    const template = fake.Menu.buildFromTemplate.mock.calls[0]?.[0] as {
      label?: string;
      submenu?: { label?: string; click?: () => void }[];
    }[];
    const verify = template
      .find((menu) => menu.label === '&File')
      ?.submenu?.find((item) => item.label === 'Verify Case Integrity…');
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false });
    verify?.click?.();
    await vi.waitFor(() =>
      expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(
        win,
        expect.objectContaining({ title: 'Verify case integrity' }),
      ),
    );
  });

  it('reopens the last case on the next run', async () => {
    const last = path.join(base, 'elsewhere', 'Oniks.evidence');
    mkdirSync(path.dirname(last), { recursive: true });
    writeFileSync(last, '');
    mkdirSync(userData, { recursive: true });
    writeFileSync(path.join(userData, 'last-case.json'), JSON.stringify({ path: last }));
    await launch();
    expect(createApi).toHaveBeenCalledTimes(1);
    expect(createApi.mock.calls[0]?.[0]).toBe(last);
    expect(createApi.mock.calls[0]?.[1]).toMatchObject({ create: false });
  });

  it('hardens every web contents the app creates', async () => {
    const fake = await launch();
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('closes the case when quitting, and quits when the window closes', async () => {
    const fake = await launch();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
    fake.app.emit('will-quit');
    expect(fakeApi.close).toHaveBeenCalled();
  });

  it('loads the dev server only when unpackaged, and only a loopback one', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    let fake = await launch();
    expect(fake.FakeBrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/');

    const resources = path.join(base, 'resources');
    mkdirSync(path.join(resources, 'native', ELECTRON_VERSION), { recursive: true });
    writeFileSync(path.join(resources, 'native', ELECTRON_VERSION, 'better_sqlite3.node'), '');
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });
    fake = await launch((f) => {
      f.app.isPackaged = true;
    });
    Reflect.deleteProperty(process, 'resourcesPath');
    expect(fake.FakeBrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://corroborate/index.html');

    process.env.ELECTRON_RENDERER_URL = 'http://evil.example:5173/';
    fake = await launch();
    expect(fake.FakeBrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://corroborate/index.html');
  });

  it('says so and quits when the Electron build of better-sqlite3 is missing', async () => {
    rmSync(path.join(appPath, '.native'), { recursive: true });
    const fake = await launch();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.any(String),
      expect.stringContaining('npm start'),
    );
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(createApi).not.toHaveBeenCalled();
  });
});
