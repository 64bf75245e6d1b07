// File > Open on a case whose side files do not belong (here: a -shm left after its log was
// deleted, as a clean-up tool does after a crash): the refusal offers the safe ways on, and each
// does what it says. Opening the file alone and refusing change no byte of any file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openCaseFileAlone } from '../../electron/api/case-files';
import { createApi } from '../../electron/api/create-api';
import { CaseSession } from '../../electron/main/case-session';
import { cleanUpAfterEach, fileHash, tempDir } from '../support/temp-case';
import { dialog, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { openCase } = await import('../../electron/main/case-commands');

cleanUpAfterEach();
beforeEach(() => resetFake());

const open: { close(): void }[] = [];
afterEach(() => {
  for (const a of open.splice(0)) a.close();
});

/** A case with 3 claims checkpointed, 2 more only in its log, then the log deleted (-shm kept). */
async function caseWithLeftoverShm(): Promise<string> {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'live'));
  const live = path.join(dir, 'live', 'Almaty.evidence');
  const api = createApi(live, { create: true, actor: 'tester' });
  open.push(api);
  for (let i = 0; i < 3; i++) await api.call('claims.create', { statement: `Checkpointed claim ${i}` });
  api.file.db.pragma('wal_checkpoint(TRUNCATE)');
  api.file.db.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < 2; i++) await api.call('claims.create', { statement: `Claim only in the log ${i}` });
  const copy = path.join(dir, 'Almaty.evidence');
  for (const suffix of ['', '-shm']) copyFileSync(`${live}${suffix}`, `${copy}${suffix}`);
  return copy;
}

function folder(dir: string): Record<string, string | null> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => [d.name, fileHash(path.join(dir, d.name))]),
  );
}

function context(session: CaseSession, opened: string[]) {
  return {
    session,
    getWindow: () => null,
    documentsDir: tempDir(),
    onOpened: (o: { path: string }) => opened.push(o.path),
    openAlone: (casePath: string) => openCaseFileAlone(casePath),
  };
}

describe('opening a case whose side files do not belong', () => {
  it('names the side file and offers the three safe ways; Cancel changes nothing', async () => {
    const casePath = await caseWithLeftoverShm();
    const before = folder(path.dirname(casePath));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [casePath] });
    dialog.showMessageBox.mockResolvedValueOnce({ response: 3, checkboxChecked: false });
    const session = new CaseSession((file, create) => createApi(file, { create }));
    const opened: string[] = [];
    await openCase(context(session, opened));
    const offer = dialog.showMessageBox.mock.calls[0]?.[0] as { detail: string; buttons: string[] };
    expect(offer.buttons).toEqual([
      'Open the Case File Alone (Read-Only)',
      'Set the Side Files Aside and Open',
      'Recover into a Copy…',
      'Cancel',
    ]);
    expect(offer.detail).toContain('Almaty.evidence-shm');
    expect(offer.detail).toContain('Nothing was changed');
    expect(opened).toEqual([]);
    expect(folder(path.dirname(casePath))).toEqual(before);
  });

  it('"Open the Case File Alone" shows what the file holds, read-only, and touches no file', async () => {
    const casePath = await caseWithLeftoverShm();
    const before = folder(path.dirname(casePath));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [casePath] });
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    const session = new CaseSession((file, create) => createApi(file, { create }));
    const opened: string[] = [];
    await openCase(context(session, opened));
    expect(opened).toEqual([casePath]);
    const claims = await session.current!.api.call('claims.list', {});
    expect(claims).toMatchObject({ ok: true, value: { total: 3 } });
    const write = await session.current!.api.call('claims.create', { statement: 'A new claim' });
    expect(write.ok).toBe(false);
    session.close();
    expect(folder(path.dirname(casePath))).toEqual(before);
  });

  it('"Set the Side Files Aside" moves the -shm into a folder beside the case and opens the file', async () => {
    const casePath = await caseWithLeftoverShm();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [casePath] });
    dialog.showMessageBox
      .mockResolvedValueOnce({ response: 1, checkboxChecked: false })
      .mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    const session = new CaseSession((file, create) => createApi(file, { create }));
    const opened: string[] = [];
    await openCase(context(session, opened));
    const told = dialog.showMessageBox.mock.calls[1]?.[0] as { message: string; detail: string };
    expect(told.message).toBe('The side files were set aside.');
    expect(told.detail).toContain('Almaty.evidence-shm');
    expect(opened).toEqual([casePath]);
    const aside = readdirSync(path.dirname(casePath)).find((n) => n.startsWith('Almaty.evidence.set-aside-'));
    expect(aside).toBeDefined();
    expect(readdirSync(path.join(path.dirname(casePath), aside!))).toEqual(['Almaty.evidence-shm']);
    const claims = await session.current!.api.call('claims.list', {});
    expect(claims).toMatchObject({ ok: true, value: { total: 3 } });
    session.close();
    expect(existsSync(`${casePath}-shm`)).toBe(false);
    rmSync(path.join(path.dirname(casePath), aside!), { recursive: true });
  });
});

describe('opening a copy older than the one this computer last had open', () => {
  it('says how many changes are missing and opens it only on "Open Anyway"', async () => {
    const dir = tempDir();
    const seenHeadsDir = tempDir();
    const casePath = path.join(dir, 'Almaty.evidence');
    const older = path.join(dir, 'Almaty (USB stick).evidence');
    const api = createApi(casePath, { create: true, actor: 'tester', seenHeadsDir });
    await api.call('claims.create', { statement: 'First claim' });
    api.close();
    copyFileSync(casePath, older);
    const newer = createApi(casePath, { seenHeadsDir });
    for (let i = 0; i < 20; i++) await newer.call('claims.create', { statement: `Later claim ${i}` });
    newer.close();

    const session = new CaseSession((file, create, choice = {}) =>
      createApi(file, { create, seenHeadsDir, acceptOlderCopy: choice.acceptOlderCopy === true }),
    );
    const opened: string[] = [];
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [older] });
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await openCase(context(session, opened));
    const warning = dialog.showMessageBox.mock.calls[0]?.[0] as { detail: string; buttons: string[] };
    expect(warning.buttons).toEqual(['Open Anyway', 'Cancel']);
    expect(warning.detail).toContain(
      'this copy is older than the one you last had open: 20 changes are missing',
    );
    expect(opened).toEqual([]);

    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    await openCase(context(session, opened));
    expect(opened).toEqual([older]);
    const claims = await session.current!.api.call('claims.list', {});
    expect(claims).toMatchObject({ ok: true, value: { total: 1 } });
    session.close();
  });
});
