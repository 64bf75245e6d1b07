// Where the Electron-ABI build of better-sqlite3 lives. node_modules/better-sqlite3/build keeps the
// Node build the tests use; scripts/prepare-electron-native.mjs puts Electron's build beside it, and
// electron-builder ships it as a resource. Pure: index.ts passes in the app's paths.
import path from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

export interface NativeBindingContext {
  isPackaged: boolean;
  /** app.getAppPath(): the project folder when unpackaged. */
  appPath: string;
  /** process.resourcesPath: beside app.asar when packaged. */
  resourcesPath: string;
  /** process.versions.electron */
  electronVersion: string;
}

export function electronNativeBindingPath(context: NativeBindingContext): string {
  return context.isPackaged
    ? path.join(context.resourcesPath, 'native', context.electronVersion, NATIVE_FILE)
    : path.join(context.appPath, '.native', 'electron', context.electronVersion, NATIVE_FILE);
}
