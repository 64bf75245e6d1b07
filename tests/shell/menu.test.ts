import type { MenuItemConstructorOptions } from 'electron';
import { Menu } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { installMenu, menuTemplate } = await import('../../electron/main/menu');

function actions() {
  return {
    newCase: vi.fn(),
    openCase: vi.fn(),
    saveCopy: vi.fn(),
    verifyIntegrity: vi.fn(),
    closeWindow: vi.fn(),
    about: vi.fn(),
  };
}

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('the application menu', () => {
  it('File offers New Case…, Open Case…, Save a Copy As…, Verify Case Integrity… and Close, each wired to its action', () => {
    const wired = actions();
    const template = menuTemplate(wired, { platform: 'linux', isPackaged: true });
    const file = template.find((menu) => menu.label === '&File');
    const labelled = items(file).filter((item) => item.label);
    expect(labelled.map((item) => item.label)).toEqual([
      'New Case…',
      'Open Case…',
      'Save a Copy As…',
      'Verify Case Integrity…',
      'Close',
    ]);
    for (const item of labelled) click(item);
    expect(wired.newCase).toHaveBeenCalledTimes(1);
    expect(wired.openCase).toHaveBeenCalledTimes(1);
    expect(wired.saveCopy).toHaveBeenCalledTimes(1);
    expect(wired.verifyIntegrity).toHaveBeenCalledTimes(1);
    expect(wired.closeWindow).toHaveBeenCalledTimes(1);
  });

  it('has Edit (copy/paste shortcuts) and Help with About', () => {
    const wired = actions();
    const template = menuTemplate(wired, { platform: 'linux', isPackaged: true });
    expect(template.some((menu) => menu.role === 'editMenu')).toBe(true);
    const help = template.find((menu) => menu.role === 'help');
    click(items(help)[0]);
    expect(wired.about).toHaveBeenCalled();
  });

  it('offers DevTools only when unpackaged', () => {
    const roles = (isPackaged: boolean) =>
      menuTemplate(actions(), { platform: 'linux', isPackaged }).flatMap((menu) =>
        items(menu).map((item) => item.role),
      );
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('adds the app menu on macOS only', () => {
    expect(menuTemplate(actions(), { platform: 'darwin', isPackaged: true })[0]?.role).toBe('appMenu');
    expect(menuTemplate(actions(), { platform: 'win32', isPackaged: true })[0]?.label).toBe('&File');
  });

  it('installs the template as the application menu', () => {
    installMenu(actions(), { platform: 'linux', isPackaged: true });
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(Menu.buildFromTemplate.mock.results[0]?.value);
  });
});
