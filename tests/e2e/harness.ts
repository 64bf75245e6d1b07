// Shared set-up of the browser tests: the renderer built once (again only when its sources are newer
// than the build), a fresh case in a temp folder, the loopback host serving both in-process, and
// system Chromium driven by playwright-core. Every request the page makes is recorded, so a test
// can prove that nothing left 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type ApiWithFile as Api, createApi } from '../../electron/api/create-api';
import { type RunningHost, startHost } from '../../electron/host/server';
import { patience } from './waits';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererOut = path.join(root, 'out', 'renderer');
/**
 * Screenshots for a person to look at after a run: outside the repository (the suite leaves the git
 * tree as it found it), in one folder under the system's temp folder unless CORROBORATE_SCREENSHOTS
 * names another.
 */
export const screenshotDir =
  process.env.CORROBORATE_SCREENSHOTS ?? path.join(os.tmpdir(), 'corroborate-e2e-screenshots');

/** System Chromium: CHROMIUM_PATH, or the usual install locations. */
export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const chromiumPath = findChromium();

/**
 * Without a Chromium the browser suites cannot run. On CI that is a failure (the suite must never be
 * silently skipped there); on a workstation it is a loud warning and a skip.
 */
export function requireChromium(suite: string): boolean {
  if (chromiumPath) return true;
  const message = `[e2e] ${suite}: no Chromium found (set CHROMIUM_PATH or install chromium). The browser tests did NOT run.`;
  if (process.env.CI === 'true') throw new Error(`${message} CI=true, so this is a failure.`);
  console.warn(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
  return false;
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds out/renderer when it is missing or older than anything it is built from. */
export function ensureRendererBuilt(): void {
  const built = path.join(rendererOut, 'index.html');
  const sources = ['renderer', 'electron/api', 'electron/schema', 'electron.vite.config.ts'].map((p) =>
    path.join(root, p),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  const bin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const build = spawnSync(process.execPath, [bin, 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0 || !existsSync(built)) {
    throw new Error(`The renderer build failed:\n${build.stdout}\n${build.stderr}`);
  }
}

export interface Session {
  api: Api;
  host: RunningHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  casePath: string;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors (a CSP violation shows up here). */
  problems: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface SessionOptions {
  caseName: string;
  actor?: string;
  /** Fills the case through the core before the browser opens it. */
  seed?(api: Api): void | Promise<void>;
  viewport?: { width: number; height: number };
  /** Makes the case encrypted with this passphrase (as `npm run host -- --create` does with one). */
  passphrase?: string;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  if (!chromiumPath) throw new Error('openSession needs Chromium; check requireChromium() first.');
  ensureRendererBuilt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-'));
  const casePath = path.join(dir, `${options.caseName}.evidence`);
  const api = createApi(casePath, {
    create: true,
    actor: options.actor ?? 'Journalist',
    name: options.caseName,
    migrationsDir: path.join(root, 'migrations'),
    ...(options.passphrase ? { passphrase: options.passphrase } : {}),
  });
  await options.seed?.(api);
  const host = await startHost({ api, rendererDir: rendererOut });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  // Waits, never bounds: on a busy shared machine a page may take long to show what a user waits for.
  context.setDefaultTimeout(patience.timeout);
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  mkdirSync(screenshotDir, { recursive: true });
  return {
    api,
    host,
    browser,
    context,
    page,
    casePath,
    requests,
    problems,
    shot: async (name) => {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      await host.close().catch(() => undefined);
      api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Requests that left the machine: anything not served by the loopback host (data: and blob: stay local). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    try {
      const u = new URL(url);
      return !(u.hostname === '127.0.0.1' && u.origin === origin);
    } catch {
      return true;
    }
  });
}
