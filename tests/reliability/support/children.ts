// Child processes that run TypeScript through tsx, report line by line, and can be killed at a
// chosen moment. Every child started here is killed and awaited by `stopAll()`.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const reliabilityDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(reliabilityDir, '..', '..');

export interface Child {
  proc: ChildProcess;
  /** Complete lines printed so far (stdout). */
  lines: string[];
  stderr(): string;
  /** Resolves with the first line matching `test`, or rejects when the child exits first. */
  waitFor(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves once the process has exited and its output is fully read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<Child>();
const bundles = new Map<string, string>();

/**
 * Bundles a child script into one file, so each of the many children starts in a fraction of the
 * time tsx needs to load and transform every module. The bundle sits under node_modules/.cache,
 * inside the repository, so `better-sqlite3` and the migrations folder are found from it as from
 * the sources. Falls back to tsx when esbuild (a dependency of tsx) cannot be loaded.
 */
export async function prebuild(script: string): Promise<void> {
  let build: typeof import('esbuild').build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    return;
  }
  const outDir = join(repoRoot, 'node_modules', '.cache', 'corroborate-reliability');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, script.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(reliabilityDir, script)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile,
    logLevel: 'silent',
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  bundles.set(script, outfile);
}

export interface SpawnOptions {
  /** Run as this user id (root only): makes file permissions bite. */
  uid?: number;
  gid?: number;
  /** Wrap the node command, e.g. ['unshare', '-m', ...]. The node command line is appended. */
  wrap?: (nodeArgs: string[]) => string[];
  env?: Record<string, string>;
}

/** Starts the script's bundle (see `prebuild`), or `node --import tsx <script>`, from the repository root. */
export function spawnTs(script: string, args: string[], options: SpawnOptions = {}): Child {
  const bundle = bundles.get(script);
  const nodeArgs = bundle
    ? [process.execPath, bundle, ...args]
    : [process.execPath, '--import', 'tsx', join(reliabilityDir, script), ...args];
  const argv = options.wrap ? options.wrap(nodeArgs) : nodeArgs;
  const proc = spawn(argv[0]!, argv.slice(1), {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    partial += chunk;
    let nl = partial.indexOf('\n');
    while (nl >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
      nl = partial.indexOf('\n');
    }
  });
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => {
    if (err.length < 200_000) err += chunk;
  });
  // 'close' fires after the exit *and* after stdout is drained: every line written before a
  // SIGKILL is in `lines` by then.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('close', (code, signal) => resolve({ code, signal }));
  });
  const child: Child = {
    proc,
    lines,
    stderr: () => err,
    exited,
    waitFor: (test, timeoutMs = 30_000) => {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for a line; stderr: ${err.slice(-2000)}`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`child exited before the line came; stderr: ${err.slice(-2000)}`));
        });
      });
    },
    kill: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      const result = await exited;
      running.delete(child);
      return result;
    },
  };
  running.add(child);
  void exited.then(() => running.delete(child));
  return child;
}

/** Kills every child still running (after a failed test). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.kill()));
}

/** Whether this process may use mount namespaces (root with CAP_SYS_ADMIN, and `unshare` present). */
export function canUseMountNamespace(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('unshare', ['-m', '--propagation', 'private', 'true'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}
