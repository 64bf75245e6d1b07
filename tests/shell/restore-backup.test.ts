// File > Open on a damaged case: the refusal offers the newest backup, and accepting opens a copy
// of it under a new name. Neither the damaged file nor the backup is written to.
import { closeSync, copyFileSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createApi } from '../../electron/api/create-api';
import { CaseSession } from '../../electron/main/case-session';
import { cleanUpAfterEach, fileHash, tempDir } from '../support/temp-case';
import { dialog, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { openCase, backupToOffer } = await import('../../electron/main/case-commands');

cleanUpAfterEach();
beforeEach(() => resetFake());

/** A real case with a claim, its backup beside it, then damage to a b-tree page of the case. */
async function damagedCaseWithBackup(): Promise<{ casePath: string; backupPath: string }> {
  const dir = tempDir();
  const casePath = path.join(dir, 'Almaty.evidence');
  const api = createApi(casePath, { create: true, actor: 'tester' });
  const made = await api.call('claims.create', { statement: 'Sergek cameras were installed in Almaty.' });
  expect(made.ok).toBe(true);
  api.close();
  const backupPath = `${casePath}.v3.bak`;
  copyFileSync(casePath, backupPath);
  const size = readFileSync(casePath).length;
  const fd = openSync(casePath, 'r+');
  // Garbage over every page after the schema page: whatever it hits, SQLite's check sees it.
  writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
  closeSync(fd);
  return { casePath, backupPath };
}

function commandContext(session: CaseSession, opened: string[]) {
  return {
    session,
    getWindow: () => null,
    documentsDir: tempDir(),
    onOpened: (o: { path: string }) => opened.push(o.path),
  };
}

describe('opening a damaged case', () => {
  it('offers the newest backup and opens a copy of it, leaving both files as they were', async () => {
    const { casePath, backupPath } = await damagedCaseWithBackup();
    const before = { damaged: fileHash(casePath), backup: fileHash(backupPath) };
    const restored = path.join(path.dirname(casePath), 'Restored.evidence');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [casePath] });
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: restored });
    const session = new CaseSession((file, create) => createApi(file, { create }));
    const opened: string[] = [];

    await openCase(commandContext(session, opened));

    const offer = dialog.showMessageBox.mock.calls[0]?.[0] as { detail: string; buttons: string[] };
    expect(offer.buttons[0]).toBe('Open a Copy of the Backup…');
    expect(offer.detail).toContain('Almaty.evidence.v3.bak');
    expect(opened).toEqual([restored]);
    const claims = await session.current?.api.call('claims.list', {});
    expect(claims).toMatchObject({ ok: true, value: { total: 1 } });
    session.close();
    expect({ damaged: fileHash(casePath), backup: fileHash(backupPath) }).toEqual(before);
  });

  it('offers nothing for a refusal that is not damage, or when there is no backup', async () => {
    const dir = tempDir();
    const notACase = path.join(dir, 'notes.evidence');
    copyFileSync(import.meta.filename, notACase);
    let refusal: unknown;
    try {
      createApi(notACase);
    } catch (error) {
      refusal = error;
    }
    expect(backupToOffer(notACase, refusal)).toBeNull();

    const { casePath, backupPath } = await damagedCaseWithBackup();
    let damage: unknown;
    try {
      createApi(casePath);
    } catch (error) {
      damage = error;
    }
    expect(backupToOffer(casePath, damage)?.path).toBe(backupPath);
    expect(backupToOffer(path.join(dir, 'elsewhere.evidence'), damage)).toBeNull();
  });
});
