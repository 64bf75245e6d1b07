import path from 'node:path';
import { appPaths } from '../../electron/main/app-paths';
import { electronNativeBindingPath } from '../../electron/main/native-binding';
import { NATIVE_FILE, nativeDir } from '../../scripts/prepare-electron-native.mjs';

const dev = {
  isPackaged: false,
  appPath: '/repo',
  resourcesPath: '/electron/resources',
  electronVersion: '45.5.0',
};
const packaged = {
  isPackaged: true,
  appPath: '/opt/Corroborate/resources/app.asar',
  resourcesPath: '/opt/Corroborate/resources',
  electronVersion: '45.5.0',
};

describe('where the app finds its parts', () => {
  it('unpackaged: everything from the project folder, the native module from .native/', () => {
    expect(appPaths(dev)).toEqual({
      rendererDir: path.join('/repo', 'out', 'renderer'),
      preloadPath: path.join('/repo', 'out', 'preload', 'index.cjs'),
      migrationsDir: path.join('/repo', 'migrations'),
      nativeBinding: path.join('/repo', '.native', 'electron', '45.5.0', 'better_sqlite3.node'),
    });
  });

  it('packaged: code from the asar, migrations and the native module from resources', () => {
    expect(appPaths(packaged)).toEqual({
      rendererDir: path.join(packaged.appPath, 'out', 'renderer'),
      preloadPath: path.join(packaged.appPath, 'out', 'preload', 'index.cjs'),
      migrationsDir: path.join('/opt/Corroborate/resources', 'migrations'),
      nativeBinding: path.join('/opt/Corroborate/resources', 'native', '45.5.0', 'better_sqlite3.node'),
    });
  });

  it('main looks where scripts/prepare-electron-native.mjs builds', () => {
    expect(electronNativeBindingPath(dev)).toBe(path.join(nativeDir('/repo', '45.5.0'), NATIVE_FILE));
  });
});
