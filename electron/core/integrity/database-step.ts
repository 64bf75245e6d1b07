// Database structure: SQLite's own integrity_check (every page, every index against its table).
// On a small file it runs whole; on a large one (a 1M-link case is ~4 GB, tens of seconds) it runs
// table by table, so the run shows progress and a cancel takes effect between tables.
import { statSync } from 'node:fs';
import { FULL_CHECK_LIMIT_BYTES } from '../db';
import { plural } from '../words';
import type { IntegrityStepDefinition, StepContext, StepOutcome } from './step';

const MAX_LINES = 100;
const clean = (line: string) => line.replace(/^\*\*\* in database main \*\*\*\s*/, '');

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function wholeFile(ctx: StepContext): string[] {
  const rows = ctx.c.db.pragma(`integrity_check(${MAX_LINES})`) as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
}

async function tableByTable(ctx: StepContext): Promise<string[]> {
  // Ordinary tables only: a virtual table (FTS5) is checked through its shadow tables, listed here too.
  const tables = ctx.c.db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const found: string[] = [];
  for (const [i, table] of tables.entries()) {
    ctx.progress(
      `Checking the database structure: table ${i + 1} of ${tables.length} (${table})`,
      i,
      tables.length,
    );
    // The name comes from the file's own schema, quoted as an identifier.
    const rows = ctx.c.db.pragma(`integrity_check("${table.replaceAll('"', '""')}")`) as {
      integrity_check: string;
    }[];
    found.push(...rows.map((r) => r.integrity_check).filter((line) => line !== 'ok'));
    await ctx.pause();
  }
  return found;
}

export const databaseStep: IntegrityStepDefinition = {
  name: 'database',
  weight: 0.15,
  async run(ctx): Promise<StepOutcome> {
    // Large, or opened as large (the open deferred its own full check): table by table.
    const large = ctx.c.openCheck === 'deferred' || fileSize(ctx.c.path) > FULL_CHECK_LIMIT_BYTES;
    let damage: string[];
    try {
      damage = large ? await tableByTable(ctx) : wholeFile(ctx);
    } catch (error) {
      if ((error as Error).name === 'IntegrityCancelled') throw error;
      damage = [`SQLite could not read the file through: ${(error as Error).message}`];
    }
    const lines = damage.map(clean);
    return {
      ok: lines.length === 0,
      summary:
        lines.length === 0
          ? "SQLite's integrity check found every page and index of the case file sound."
          : `SQLite found damage in the case file (${plural(lines.length, 'finding')}).`,
      problems: lines,
    };
  },
};
