// npm run verify -- <case file> [--checkpoint <file>]
// Checks a handed-over case file without the app and without changing a byte of it: the database
// structure, the audit history, an earlier checkpoint if given, and every preserved attachment.
// Exit status: 0 every check passed, 1 a check failed, 2 the command or a file could not be used.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openForVerification } from '../electron/api/case-files';
import type { Api } from '../electron/api/create-api';
import { PASSPHRASE_HELP, readPassphrase, takePassphraseFlag } from '../electron/common/passphrase-source';
import { checkCheckpointSignature, splitSignedCheckpoint } from '../electron/core/crypto/signed-checkpoint';
import { CoreError } from '../electron/schema/errors';

const USAGE = `Usage: npm run verify -- <case file> [--checkpoint <checkpoint file> [--signer <public key or fingerprint>]] [--passphrase-stdin]

Checks a Corroborate case file without changing it, with the same checks as the app: first its side
files (-wal, -shm: whether they belong to it, the check the app makes before opening), then the
app's "Verify case integrity": the database structure, the links between records, the audit
history, the checkpoint if one is given (the text file saved from Audit > Checkpoint), every record
against its history, the stored verdicts, the search index, and every preserved attachment. Prints
a plain-words report. A signed checkpoint's signature (OpenSSH SSHSIG) is checked too, and its
signer named; with --signer it must be that key ("ssh-ed25519 AAAA…" or its SHA256: fingerprint).
Ctrl+C stops the check (the report then says CANCELLED and the exit status is 1).

Exit status: 0 every check passed; 1 a check failed; 2 the command or a file could not be used.

${PASSPHRASE_HELP}
`;

const EXIT = { passed: 0, failed: 1, unusable: 2 } as const;

type Args =
  | { help: true }
  | { help: false; casePath: string; checkpointPath: string | null; signer: string | null };

function parseArgs(argv: string[]): Args | string {
  let casePath: string | null = null;
  let checkpointPath: string | null = null;
  let signer: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--signer') {
      const value = argv[++i];
      if (!value) return '--signer needs a public key (ssh-ed25519 …) or a fingerprint (SHA256:…).';
      signer = value;
      continue;
    }
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
  if (signer !== null && checkpointPath === null) return '--signer goes with --checkpoint.';
  return { help: false, casePath, checkpointPath, signer };
}

async function main(rawArgv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const flag = takePassphraseFlag(rawArgv);
  if ('error' in flag) {
    err.write(`${flag.error}\n`);
    return EXIT.unusable;
  }
  const secret = await readPassphrase(flag, process.env, process.stdin);
  if ('error' in secret) {
    err.write(`${secret.error}\n`);
    return EXIT.unusable;
  }
  const args = parseArgs(flag.argv);
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
  // A signed checkpoint: the signature is checked here, the text above it against the chain.
  let signature: ReturnType<typeof checkCheckpointSignature> | null = null;
  if (checkpointText !== undefined) {
    signature = checkCheckpointSignature(checkpointText, args.signer ?? undefined);
    checkpointText = splitSignedCheckpoint(checkpointText).text;
  }
  let api: Api;
  let sidecars: { ok: boolean; summary: string; problems: string[] } | undefined;
  try {
    const opened = openForVerification(
      resolve(args.casePath),
      secret.passphrase === undefined ? {} : { passphrase: secret.passphrase },
    );
    api = opened.api;
    sidecars = opened.sidecars;
    for (const note of opened.notes) out.write(`${note}\n\n`);
  } catch (error) {
    err.write(`Cannot check ${args.casePath}: ${(error as Error).message}\n`);
    return EXIT.unusable;
  }
  const live = err.isTTY === true;
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const report = await api.local.verifyIntegrity(checkpointText === undefined ? {} : { checkpointText }, {
      signal: stop.signal,
      ...(sidecars ? { sidecars } : {}),
      onProgress: (p) => {
        if (live) err.write(`\r\x1b[2K${Math.round(p.fraction * 100)}%  ${p.message}`);
      },
    });
    if (live) err.write('\r\x1b[2K');
    out.write(report.text);
    if (signature && (signature.signer || args.signer !== null))
      out.write(`\nCheckpoint signature: ${signature.ok ? 'passed' : 'FAILED'}. ${signature.message}\n`);
    return report.ok && (signature?.ok ?? true) ? EXIT.passed : EXIT.failed;
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
    process.off('SIGINT', onInterrupt);
    api.close();
  }
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
