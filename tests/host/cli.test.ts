// The `npm run host` command, as a user runs it: one line on stdout, a working API, a clean exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHostArgs } from '../../electron/host/cli-args';

const repo = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repo, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const LINE = /^Corroborate host listening on http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})$/;

let dir: string;
let rendererDir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head></head><body>test</body></html>',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(tsx, ['electron/host/cli.ts', ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function firstLine(stdout: () => string, exit: Promise<number | null>): Promise<string> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  void exit.then(() => {
    exited = true;
  });
  while (!stdout().includes('\n')) {
    if (exited || Date.now() > deadline) throw new Error(`no line on stdout (exited: ${exited})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return stdout().split('\n')[0] ?? '';
}

describe('parseHostArgs', () => {
  it('reads --case, --port, --create and --renderer', () => {
    expect(parseHostArgs(['--case', 'x.evidence'])).toEqual({
      casePath: 'x.evidence',
      port: 0,
      create: false,
      unencrypted: false,
      rendererDir: null,
    });
    expect(
      parseHostArgs(['--create', '--port', '8123', '--case', 'x.evidence', '--renderer', 'out/r']),
    ).toEqual({
      casePath: 'x.evidence',
      port: 8123,
      create: true,
      unencrypted: false,
      rendererDir: 'out/r',
    });
  });

  it.each([
    [[]],
    [['--case']],
    [['--case', '--create']],
    [['--case', 'x', '--port', 'abc']],
    [['--case', 'x', '--port', '70000']],
    [['--case', 'x', '--host', '0.0.0.0']],
    [['x.evidence']],
  ])('refuses %j', (argv) => {
    expect(parseHostArgs(argv)).toHaveProperty('error');
  });
});

// Real processes through tsx: their start takes seconds on a busy machine.
describe('npm run host', { timeout: 60_000 }, () => {
  it('creates the case, prints exactly one line, answers case.info, and closes cleanly on SIGTERM', async () => {
    const casePath = path.join(dir, 'new.evidence');
    const proc = run(['--case', casePath, '--create', '--unencrypted', '--renderer', rendererDir]);
    try {
      const line = await firstLine(proc.stdout, proc.exit);
      const match = LINE.exec(line);
      expect(match, line).not.toBeNull();
      const [, port, token] = match as RegExpExecArray;
      const response = await fetch(`http://127.0.0.1:${port}/api/case.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, value: { path: casePath } });
      proc.child.kill('SIGTERM');
      await expect(proc.exit).resolves.toBe(0);
      expect(proc.stdout()).toBe(`${line}\n`);
      // Closed cleanly: SQLite folded its write-ahead log back into the file.
      expect(existsSync(`${casePath}-wal`)).toBe(false);
    } finally {
      proc.child.kill('SIGKILL');
    }
  });

  it('prints the refusal and exits 1 for a file that is not a case file, leaving it unchanged', async () => {
    const notACase = path.join(dir, 'notes.evidence');
    writeFileSync(notACase, 'just some notes');
    const proc = run(['--case', notACase, '--renderer', rendererDir]);
    await expect(proc.exit).resolves.toBe(1);
    expect(proc.stdout()).toBe('');
    expect(proc.stderr().trim()).not.toBe('');
    expect(readFileSync(notACase, 'utf8')).toBe('just some notes');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const proc = run(['--port', 'x']);
    await expect(proc.exit).resolves.toBe(2);
    expect(proc.stderr()).toContain('Usage: npm run host');
  });
});
