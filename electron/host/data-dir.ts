// The host's own per-user folder (what Electron calls userData): where this installation
// remembers the last audit head it saw of each case. CORROBORATE_DATA_DIR overrides it (tests
// point it at a temp folder); otherwise the platform's place for application data.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.CORROBORATE_DATA_DIR) return path.resolve(env.CORROBORATE_DATA_DIR);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Corroborate');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Corroborate');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'corroborate');
}

/** The folder, made if needed; undefined (nothing remembered) when it cannot be made. */
export function hostDataDir(): string | undefined {
  const dir = defaultDataDir();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  } catch {
    return undefined;
  }
}
