import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreError } from './errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The repository's migrations folder, found from this module so it works from source and tests. */
export function defaultMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'migrations');
    try {
      if (readdirSync(candidate).some((f) => FILE.test(f))) return candidate;
    } catch {
      // not here; go up
    }
    dir = resolve(dir, '..');
  }
  throw new CoreError('internal', 'The migrations folder could not be found next to the app.');
}

/**
 * Reads `NNNN_name.sql` files in order and refuses a folder the app must not run from:
 * duplicates, gaps, or stray .sql files mean a broken install, never something to guess around.
 */
export function loadMigrations(dir: string): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const byVersion = new Map<number, Migration>();
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match) throw new CoreError('internal', `Migration file "${file}" is not named NNNN_name.sql.`);
    const version = Number(match[1]);
    if (byVersion.has(version)) {
      throw new CoreError(
        'internal',
        `Two migrations share number ${match[1]}: ${byVersion.get(version)?.name} and ${file}.`,
      );
    }
    byVersion.set(version, { version, name: file, sql: readFileSync(join(dir, file), 'utf8') });
  }
  const list = [...byVersion.values()].sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new CoreError(
        'internal',
        `Migration ${String(i + 1).padStart(4, '0')} is missing (found ${m.name}).`,
      );
  });
  if (list.length === 0) throw new CoreError('internal', `No migrations in ${dir}.`);
  return list;
}
