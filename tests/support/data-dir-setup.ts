// Every process a test starts (the host CLI above all) remembers seen case heads in
// CORROBORATE_DATA_DIR: a temp folder made here and removed after the run, never the user's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-data-'));
  process.env.CORROBORATE_DATA_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
