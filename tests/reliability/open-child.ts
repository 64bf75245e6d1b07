// Opens a case the way the app does and prints the outcome as one JSON line, so a test can try it
// as another user or inside a mount namespace (a read-only bind mount, a full disk).
//
//   node --import tsx tests/reliability/open-child.ts <case path> [create]
import { writeSync } from 'node:fs';
import { openCase } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';

const [path, create] = process.argv.slice(2);
if (!path) throw new Error('usage: open-child.ts <case path> [create]');
let line: unknown;
try {
  const file = openCase(path, { create: create === 'create' });
  line = { ok: true, schemaVersion: file.schemaVersion };
  file.close();
} catch (error) {
  line =
    error instanceof CoreError
      ? { ok: false, code: error.code, reason: error.reason ?? null, message: error.message }
      : { ok: false, code: 'thrown', reason: null, message: String(error) };
}
writeSync(1, `${JSON.stringify(line)}\n`);
