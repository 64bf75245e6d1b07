// `tsx electron/host/cli.ts --case <file> [--port N] [--create] [--renderer <dir>]`: opens a case and serves it with the
// built renderer on 127.0.0.1. Stdout carries exactly one line, the URL to open; everything else
// (build output, errors) goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Api, createApi } from '../api/create-api';
import { PASSPHRASE_HELP, readPassphrase, takePassphraseFlag } from '../common/passphrase-source';
import { HOST_USAGE, parseHostArgs } from './cli-args';
import { hostDataDir } from './data-dir';
import { startHost } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtRenderer = path.join(root, 'out', 'renderer');

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function ensureRendererBuilt(): void {
  if (existsSync(path.join(builtRenderer, 'index.html'))) return;
  process.stderr.write('Building the renderer (out/renderer is missing)…\n');
  const bin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  // The build's own output goes to stderr so stdout stays the single URL line.
  const build = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0 || !existsSync(path.join(builtRenderer, 'index.html'))) {
    fail('The renderer build failed; run `npm run build` to see why.', 1);
  }
}

async function main(): Promise<void> {
  const flag = takePassphraseFlag(process.argv.slice(2));
  if ('error' in flag) fail(flag.error, 2);
  const args = parseHostArgs(flag.argv);
  if ('error' in args) fail(`${args.error}\n${HOST_USAGE}\n${PASSPHRASE_HELP}`, 2);
  const secret = await readPassphrase(flag, process.env, process.stdin);
  if ('error' in secret) fail(secret.error, 2);
  const { passphrase } = secret;
  // New cases are encrypted unless plain is asked for in so many words.
  if (
    args.create &&
    !existsSync(path.resolve(args.casePath)) &&
    passphrase === undefined &&
    !args.unencrypted
  )
    fail(
      `A new case is encrypted: give its passphrase (${PASSPHRASE_HELP}), or add --unencrypted for a plain case.`,
      2,
    );

  if (args.rendererDir === null) ensureRendererBuilt();
  else if (!existsSync(path.join(args.rendererDir, 'index.html')))
    fail(`No index.html in ${args.rendererDir}`, 2);
  const rendererDir = path.resolve(args.rendererDir ?? builtRenderer);

  let api: Api;
  try {
    api = createApi(path.resolve(args.casePath), {
      create: args.create,
      migrationsDir: path.join(root, 'migrations'),
      seenHeadsDir: hostDataDir(),
      ...(passphrase === undefined ? {} : { passphrase }),
    });
  } catch (error) {
    // A refused case file (not a case, corrupt, newer than this app) is reported and nothing is changed.
    fail(error instanceof Error ? error.message : String(error), 1);
  }

  let host: Awaited<ReturnType<typeof startHost>>;
  try {
    host = await startHost({ api, rendererDir, port: args.port });
  } catch (error) {
    api.close();
    fail(error instanceof Error ? error.message : String(error), 1);
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    host
      .close()
      .catch(() => undefined)
      .finally(() => {
        api.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  process.stdout.write(`Corroborate host listening on ${host.url}\n`);
}

void main();
