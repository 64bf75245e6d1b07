import type { BrowserWindow } from 'electron';
import { dialog, shell } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { confirmAndOpenExternal } = await import('../../electron/main/external-link');

const OPEN = 1;
const CANCEL = 0;

beforeEach(() => {
  dialog.showMessageBox.mockReset();
  shell.openExternal.mockClear();
});

describe('external links', () => {
  it('opens an https link in the system browser after the user confirms, showing the full URL', async () => {
    dialog.showMessageBox.mockResolvedValue({ response: OPEN, checkboxChecked: false });
    await expect(confirmAndOpenExternal('https://example.org/a?b=1', null)).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/a?b=1');
    const options = dialog.showMessageBox.mock.calls[0]?.[0] as {
      detail: string;
      defaultId: number;
      cancelId: number;
    };
    expect(options.detail).toBe('https://example.org/a?b=1');
    // Enter or Escape must never open the link.
    expect(options.defaultId).toBe(CANCEL);
    expect(options.cancelId).toBe(CANCEL);
  });

  it('does nothing when the user cancels', async () => {
    dialog.showMessageBox.mockResolvedValue({ response: CANCEL, checkboxChecked: false });
    await expect(confirmAndOpenExternal('https://example.org/', null)).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://corroborate/index.html',
    'smb://server/share',
    'https://user:pass@example.org/',
  ])('never asks about, nor opens, %j', async (url) => {
    dialog.showMessageBox.mockResolvedValue({ response: OPEN, checkboxChecked: false });
    await expect(confirmAndOpenExternal(url, null)).resolves.toBe(false);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('asks one question at a time', async () => {
    let answer: (value: { response: number; checkboxChecked: boolean }) => void = () => undefined;
    dialog.showMessageBox.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const first = confirmAndOpenExternal('https://example.org/1', {} as BrowserWindow);
    await expect(confirmAndOpenExternal('https://example.org/2', null)).resolves.toBe(false);
    answer({ response: OPEN, checkboxChecked: false });
    await expect(first).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/1');
  });
});
