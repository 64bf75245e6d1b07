// `npm run bench -- --ui`: the renderer at 100k evidence links, served by the loopback host and
// driven in system Chromium by playwright-core. Three figures a user feels: how long until the
// claims list shows rows, how long a claim with 200 evidence items takes to open, and how many
// frames take over 50 ms while the list is scrolled from top to bottom.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createApi } from '../../electron/api/create-api';
import { startHost } from '../../electron/host/server';
import { CaseGenerator } from './generate';
import { importThroughCore } from './imports';
import { now } from './measure';
import type { UiResult } from './report';

const UI_EVIDENCE = 100_000;
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const rendererOut = join(root, 'out', 'renderer');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, e) => Math.max(m, newest(join(path, e))), st.mtimeMs);
}

/** Builds out/renderer when it is missing or older than its sources (as the e2e harness does). */
function ensureRendererBuilt(log: (line: string) => void): void {
  const built = join(rendererOut, 'index.html');
  const sources = ['renderer', 'electron/api', 'electron/schema'].map((p) => join(root, p));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) return;
  log('ui: building the renderer');
  const pkg = createRequire(import.meta.url).resolve('electron-vite/package.json');
  const bin = join(pkg, '..', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0 || !existsSync(built))
    throw new Error('the renderer build failed; run `npm run build` to see why');
}

function chromiumPath(): string {
  const found = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
    .filter((p): p is string => !!p)
    .find((p) => existsSync(p));
  if (!found) throw new Error('--ui needs Chromium: set CHROMIUM_PATH or install chromium');
  return found;
}

export async function runUi(o: {
  seed: number;
  dir: string;
  log: (line: string) => void;
  /** Evidence links of the case (100k unless a quicker look is wanted). */
  evidence?: number;
}): Promise<UiResult> {
  const size = o.evidence ?? UI_EVIDENCE;
  const gen = new CaseGenerator(o.seed, size);
  // The 100k size of this run left its case behind (same seed): reuse it rather than import again.
  const fromSizes = join(o.dir, `bench-${size}.evidence`);
  const casePath = existsSync(fromSizes) ? fromSizes : join(o.dir, `ui-${size}.evidence`);
  if (!existsSync(casePath)) {
    o.log(`ui: importing a case of ${size} evidence links`);
    const building = createApi(casePath, { create: true, actor: 'bench' });
    importThroughCore(building.file, gen, o.log);
    building.close();
  }
  ensureRendererBuilt(o.log);
  const api = createApi(casePath);
  const host = await startHost({ api, rendererDir: rendererOut });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(60_000);
    const list = page.getByRole('listbox', { name: 'Claims' });

    o.log('ui: first rows');
    let t0 = now();
    await page.goto(host.url);
    await list.getByRole('option').first().waitFor();
    const firstRowsMs = now() - t0;

    o.log('ui: scrolling to the end');
    // Scroll in the page itself, one step per animation frame, and keep every frame's duration.
    // Built from text: the bundler wraps named functions in a helper that does not exist in the page.
    const scrollToEnd = new Function(
      'el',
      `return new Promise((done) => {
        const out = [];
        let last = performance.now();
        let still = 0;
        const step = () => {
          const t = performance.now();
          out.push(t - last);
          last = t;
          const before = el.scrollTop;
          el.scrollTop = before + Math.max(el.clientHeight, el.scrollHeight / 400);
          still = el.scrollTop === before ? still + 1 : 0;
          // At the end, a few more frames let the last rows load and paint.
          if (still > 30 || out.length > 5000) done(out.slice(1));
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      })`,
    ) as (el: Element) => Promise<number[]>;
    const deltas = await list.evaluate(scrollToEnd);

    o.log('ui: opening the claim with 200 evidence items');
    // The list is newest first, so the first claim of the import is the last row (the bench's
    // edits may have copied its statement into another claim: take the last match).
    const heavy = gen.claim(0).statement.slice(0, 60);
    const row = list.getByRole('option').filter({ hasText: heavy }).last();
    await row.waitFor();
    t0 = now();
    await row.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.evidence-list > li').length >= n,
      gen.heavyEvidence,
    );
    const openClaimMs = now() - t0;
    const evidenceShown = await page.locator('.evidence-list > li').count();

    return {
      evidence: size,
      firstRowsMs,
      openClaimMs,
      evidenceShown,
      frames: deltas.length,
      slowFrames: deltas.filter((d) => d > 50).length,
      worstFrameMs: Math.max(0, ...deltas),
    };
  } finally {
    await browser.close().catch(() => undefined);
    await host.close().catch(() => undefined);
    api.close();
  }
}
