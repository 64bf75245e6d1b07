// Opens a case with a given migrations folder, so the parent can kill it in the middle of the
// backup, the migration transaction or the checkpoint after it.
//
//   node --import tsx tests/reliability/migrate-child.ts <case path> <migrations dir>
import { writeSync } from 'node:fs';
import { openCase } from '../../electron/core/db';

const [path, migrationsDir] = process.argv.slice(2);
if (!path || !migrationsDir) throw new Error('usage: migrate-child.ts <case path> <migrations dir>');
writeSync(1, `${JSON.stringify({ opening: true })}\n`);
const started = performance.now();
const file = openCase(path, { migrationsDir });
writeSync(
  1,
  `${JSON.stringify({ opened: file.schemaVersion, ms: Math.round(performance.now() - started) })}\n`,
);
file.close();
