// npm run verify -- <case file> [--checkpoint <file>]
// Checks a handed-over case file without the app and without changing a byte of it: the database
// structure, the audit history, an earlier checkpoint if given, and every preserved attachment.
// Exit status: 0 every check passed, 1 a check failed, 2 the command or a file could not be used.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { verifyCaseIntegrity } from '../electron/core/custody';
import { CaseFile } from '../electron/core/db';
import { CoreError } from '../electron/core/errors';
import { openCaseReadOnly } from '../electron/core/open-read-only';
import { type SidecarCheck, sidecarCheck } from '../electron/core/sidecar-check';
import { openMainFileAlone } from '../electron/core/sidecar-choices';
import { imageWithLog } from '../electron/core/wal-image';

const USAGE = `Usage: npm run verify -- <case file> [--checkpoint <checkpoint file>]

Checks a Corroborate case file without changing it: its side files (-wal, -shm: whether they
belong to it, the same check the app makes before opening), the database structure, the audit history,
the checkpoint if one is given (the text file saved from Audit > Checkpoint), and every preserved
attachment. Prints a plain-words report.

Exit status: 0 every check passed; 1 a check failed; 2 the command or a file could not be used.
`;

const EXIT = { passed: 0, failed: 1, unusable: 2 } as const;

type Args = { help: true } | { help: false; casePath: string; checkpointPath: string | null };

function parseArgs(argv: string[]): Args | string {
  let casePath: string | null = null;
  let checkpointPath: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--checkpoint' || arg.startsWith('--checkpoint=')) {
      const value = arg === '--checkpoint' ? argv[++i] : arg.slice('--checkpoint='.length);
      if (!value) return '--checkpoint needs the path of a checkpoint file.';
      if (checkpointPath !== null) return 'Give --checkpoint only once.';
      checkpointPath = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `Unknown option ${arg}.`;
    } else if (casePath === null) {
      casePath = arg;
    } else {
      return `Give one case file (got "${casePath}" and "${arg}").`;
    }
  }
  if (casePath === null) return 'Give the case file to check.';
  return { help: false, casePath, checkpointPath };
}

async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err.write(`${args}\n\n${USAGE}`);
    return EXIT.unusable;
  }
  if (args.help) {
    out.write(USAGE);
    return EXIT.passed;
  }
  let checkpointText: string | undefined;
  if (args.checkpointPath !== null) {
    try {
      checkpointText = readFileSync(resolve(args.checkpointPath), 'utf8');
    } catch (error) {
      err.write(
        `The checkpoint file ${args.checkpointPath} could not be read: ${(error as Error).message}\n`,
      );
      return EXIT.unusable;
    }
  }
  const casePath = resolve(args.casePath);
  let sidecars: SidecarCheck | null = null;
  let c: CaseFile;
  try {
    sidecars = existsSync(casePath) && statSync(casePath).isFile() ? sidecarCheck(casePath) : null;
    if (sidecars)
      out.write(
        `Side files\n  ${sidecars.summary}\n${sidecars.problems.map((p) => `  PROBLEM: ${p}\n`).join('')}\n`,
      );
    c = openForCheck(casePath, sidecars, out);
  } catch (error) {
    err.write(`Cannot check ${args.casePath}: ${(error as Error).message}\n`);
    return sidecars && !sidecars.ok ? EXIT.failed : EXIT.unusable;
  }
  const live = err.isTTY === true;
  try {
    const report = await verifyCaseIntegrity(
      c,
      checkpointText === undefined ? {} : { checkpointText },
      (p) => {
        if (live) err.write(`\r\x1b[2K${Math.round(p.fraction * 100)}%  ${p.message}`);
      },
    );
    if (live) err.write('\r\x1b[2K');
    if (sidecars && !sidecars.ok) {
      // The checks ran on the case file alone; the case as it lies is refused by the app.
      out.write(
        report.text.replace(
          /^RESULT: .*$/m,
          `RESULT: FAILED. The side files beside ${basename(casePath)} do not belong to it (see above), so the app refuses to open it as it is. The checks below are of the case file alone, without them.`,
        ),
      );
      return EXIT.failed;
    }
    out.write(report.text);
    return report.ok ? EXIT.passed : EXIT.failed;
  } catch (error) {
    if (live) err.write('\n');
    if (error instanceof CoreError && error.code === 'invalid_input') {
      err.write(
        `The checkpoint file ${args.checkpointPath} is not usable: ${error.fields?.checkpointText ?? error.message}\n`,
      );
      return EXIT.unusable;
    }
    err.write(`The check could not be completed: ${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    c.close();
  }
}

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * What to check: the case file alone when its side files do not belong (SQLite must not read
 * them); with a pending log, an in-memory image of the file with the log applied, built from the
 * bytes (SQLite never touches the -wal or -shm, and write-protected media need no -shm); else the
 * file itself, immutable.
 */
function openForCheck(path: string, sidecars: SidecarCheck | null, out: NodeJS.WritableStream): CaseFile {
  if (sidecars && !sidecars.ok) return openMainFileAlone(path);
  const pending = (sidecars?.report.wal?.committedFrames ?? 0) > 0;
  if (!pending) return openCaseReadOnly(path, { immutable: true });
  const image = imageWithLog(path);
  if (image) {
    const readOnlyMedia = !writable(dirname(path)) && sidecars?.report.shm === null;
    out.write(
      `  ${readOnlyMedia ? `The case's write-ahead log holds saved changes not yet in the file, and there is no -shm beside it: on read-only media SQLite cannot read such a log in place. ` : ''}Checked from an in-memory copy of the file with its log applied (${image.appliedFrames} frame(s)); nothing beside the case was read by SQLite or written.\n\n`,
    );
    return new CaseFile(new Database(image.bytes, { readonly: true }), path);
  }
  if (!writable(dirname(path)) && sidecars?.report.shm === null) {
    throw new CoreError(
      'io',
      `${basename(path)} has a write-ahead log with saved changes not yet in the file and no -shm beside it, on media that cannot be written: SQLite cannot read such a log in place, and the case is too large to check in memory. The file is not known to be damaged: copy the case with its -wal to a writable folder and verify the copy`,
      undefined,
      'read_only_log',
    );
  }
  return openCaseReadOnly(path, { immutable: true });
}

// Lets the case be opened immutable (nothing created beside it); read when the SQLite addon loads.
process.env.SQLITE_USE_URI = '1';
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = EXIT.unusable;
  },
);
