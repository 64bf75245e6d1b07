// Where the built app finds its parts, packaged or not. Pure, so the layout is tested without Electron.
import path from 'node:path';
import { electronNativeBindingPath, type NativeBindingContext } from './native-binding';

export interface AppPaths {
  rendererDir: string;
  preloadPath: string;
  migrationsDir: string;
  nativeBinding: string;
}

export function appPaths(context: NativeBindingContext): AppPaths {
  return {
    rendererDir: path.join(context.appPath, 'out', 'renderer'),
    preloadPath: path.join(context.appPath, 'out', 'preload', 'index.cjs'),
    // Shipped as extraResources (outside the asar) so the migration files can be listed and read.
    migrationsDir: context.isPackaged
      ? path.join(context.resourcesPath, 'migrations')
      : path.join(context.appPath, 'migrations'),
    nativeBinding: electronNativeBindingPath(context),
  };
}
