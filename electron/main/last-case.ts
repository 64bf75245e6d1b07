// Remembers which case to reopen, in a small JSON file in the user-data folder. Only the path is
// stored: nothing of the case's content ever leaves the case file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LAST_CASE_FILE = 'last-case.json';

export function readLastCase(userDataDir: string): string | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(userDataDir, LAST_CASE_FILE), 'utf8'));
    const value =
      typeof parsed === 'object' && parsed !== null ? (parsed as { path?: unknown }).path : undefined;
    return typeof value === 'string' && path.isAbsolute(value) ? value : null;
  } catch {
    // Missing or damaged: behave as on first run rather than refuse to start.
    return null;
  }
}

export function writeLastCase(userDataDir: string, casePath: string): void {
  if (!existsSync(userDataDir)) mkdirSync(userDataDir, { recursive: true });
  const target = path.join(userDataDir, LAST_CASE_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ path: casePath })}\n`, { mode: 0o600 });
  // Rename so a crash mid-write never leaves a half-written file.
  renameSync(temp, target);
}
