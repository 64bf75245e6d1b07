// The command-line tools take an encrypted case's passphrase from CORROBORATE_PASSPHRASE or from
// standard input (--passphrase-stdin), never from argv, and never print it back.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readPassphrase, takePassphraseFlag } from '../../electron/common/passphrase-source';
import { openCase } from '../../electron/core/db';
import { cleanUpAfterEach, coreError, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const repo = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repo, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const PASSPHRASE = 'quarry-nimbus-awning-19-trellis';

/** The environment without a passphrase of the developer's own. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { CORROBORATE_PASSPHRASE: _drop, ...rest } = process.env;
  return { ...rest, ...extra };
}

function tool(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
) {
  const run = spawnSync(tsx, [script, ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: env(options.env),
    input: options.input ?? '',
    timeout: 90_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('takePassphraseFlag and readPassphrase', () => {
  it('takes --passphrase-stdin out of the arguments and reads one line from the stream', async () => {
    const flag = takePassphraseFlag(['case.evidence', '--passphrase-stdin']);
    expect(flag).toEqual({ argv: ['case.evidence'], fromStdin: true });
    expect(
      await readPassphrase({ fromStdin: true }, {}, Readable.from([`${PASSPHRASE}\r\n`, 'ignored\n'])),
    ).toEqual({
      passphrase: PASSPHRASE,
    });
  });

  it('reads CORROBORATE_PASSPHRASE, and gives none when it is not set', async () => {
    expect(
      await readPassphrase({ fromStdin: false }, { CORROBORATE_PASSPHRASE: 'a b c' }, Readable.from([])),
    ).toEqual({
      passphrase: 'a b c',
    });
    expect(await readPassphrase({ fromStdin: false }, {}, Readable.from([]))).toEqual({
      passphrase: undefined,
    });
  });

  it.each([['--passphrase', 'x'], ['--passphrase=hunter2'], ['--key=abc'], ['--password']])(
    'refuses a passphrase on the command line (%s) without echoing it',
    (...argv) => {
      const flag = takePassphraseFlag(argv);
      expect(flag).toHaveProperty('error');
      expect((flag as { error: string }).error).not.toContain('hunter2');
    },
  );

  it('refuses an empty passphrase rather than making a plain case', async () => {
    expect(await readPassphrase({ fromStdin: true }, {}, Readable.from(['\n']))).toHaveProperty('error');
    expect(
      await readPassphrase({ fromStdin: false }, { CORROBORATE_PASSPHRASE: '' }, Readable.from([])),
    ).toHaveProperty('error');
  });
});

// Each runs real processes through tsx: slow to start on a busy machine.
describe('npm run sample and npm run verify with a passphrase', { timeout: 180_000 }, () => {
  it('writes an encrypted sample from the environment and verifies it from standard input', () => {
    const file = path.join(tempDir(), 'sample.evidence');
    const made = tool('scripts/sample.ts', [file], { env: { CORROBORATE_PASSPHRASE: PASSPHRASE } });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('(encrypted)');
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(coreError(() => openCase(file)).reason).toBe('passphrase_needed');

    const ok = tool('scripts/verify.ts', [file, '--passphrase-stdin'], { input: `${PASSPHRASE}\n` });
    expect(ok.code, ok.stderr).toBe(0);
    const wrong = tool('scripts/verify.ts', [file], { env: { CORROBORATE_PASSPHRASE: 'not it' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('passphrase does not open');
    const none = tool('scripts/verify.ts', [file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('is encrypted');
    for (const r of [made, ok, wrong, none]) expect(r.stdout + r.stderr).not.toContain(PASSPHRASE);
  });

  it('refuses a passphrase written on the command line', () => {
    const file = path.join(tempDir(), 'sample.evidence');
    const r = tool('scripts/sample.ts', [file, `--passphrase=${PASSPHRASE}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('never given on the command line');
    expect(r.stderr).not.toContain(PASSPHRASE);
    expect(existsSync(file)).toBe(false);
  });
});

describe('npm run host with a passphrase', { timeout: 180_000 }, () => {
  function host(args: string[], input: string | null, extraEnv: Record<string, string> = {}) {
    const child: ChildProcess = spawn(tsx, ['electron/host/cli.ts', ...args], {
      cwd: repo,
      env: env(extraEnv),
      stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== null) child.stdin?.end(input);
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exit, stdout: () => out, stderr: () => err };
  }

  function renderer(): string {
    const dir = path.join(tempDir(), 'renderer');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    return dir;
  }

  it('will not create a plain case unless told so in so many words', async () => {
    const file = path.join(tempDir(), 'new.evidence');
    const proc = host(['--case', file, '--create', '--renderer', renderer()], null);
    await expect(proc.exit).resolves.toBe(2);
    expect(proc.stderr()).toContain('--unencrypted');
    expect(existsSync(file)).toBe(false);
  });

  it('creates an encrypted case with the passphrase from standard input and serves it', async () => {
    const file = path.join(tempDir(), 'new.evidence');
    const proc = host(
      ['--case', file, '--create', '--passphrase-stdin', '--renderer', renderer()],
      `${PASSPHRASE}\n`,
    );
    try {
      const line = await vi.waitFor(
        () => {
          const first = proc.stdout().split('\n')[0] ?? '';
          if (!first.startsWith('Corroborate host listening'))
            throw new Error(`no URL yet: ${proc.stderr()}`);
          return first;
        },
        { timeout: 90_000, interval: 100 },
      );
      const [, port, token] = /127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/.exec(line) as RegExpExecArray;
      const response = await fetch(`http://127.0.0.1:${port}/api/case.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ ok: true, value: { path: file } });
      expect(body).not.toContain(PASSPHRASE);
      proc.child.kill('SIGTERM');
      await expect(proc.exit).resolves.toBe(0);
      expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      expect(openCase(file, { passphrase: PASSPHRASE }).encrypted).toBe(true);
    } finally {
      proc.child.kill('SIGKILL');
    }
  });
});
