// What the app loads to paint a case, from the built renderer: the entry script, what it preloads
// and its styles stay under 600 kB with no Cytoscape in them; the Pictures section's chunk (which
// holds Cytoscape) is fetched only when the section opens, and the section then shows.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  ensureRendererBuilt,
  foreignRequests,
  openSession,
  rendererOut,
  requireChromium,
  type Session,
} from './harness';

const run = requireChromium('first-paint');

/** The files index.html makes the browser fetch before anything is shown. */
function firstPaintFiles(): string[] {
  const html = readFileSync(path.join(rendererOut, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] as string,
  );
  return refs.map((ref) => path.join(rendererOut, ref));
}

describe('the first-paint bundle', () => {
  beforeAll(() => ensureRendererBuilt());

  it('is under 600 kB of script and holds no Cytoscape', () => {
    const files = firstPaintFiles();
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.reduce((sum, f) => sum + statSync(f).size, 0);
    console.info(
      `[first paint] ${scripts.map((f) => path.basename(f)).join(', ')}: ${(bytes / 1000).toFixed(1)} kB`,
    );
    expect(bytes).toBeLessThan(600_000);
    for (const f of scripts) expect(readFileSync(f, 'utf8')).not.toMatch(/cytoscape/i);
  });
});

describe.skipIf(!run)('the pictures chunk', () => {
  let s: Session;

  beforeAll(async () => {
    s = await openSession({ caseName: 'First paint' });
    await s.page.goto(s.host.url);
    await s.page.getByRole('heading', { name: 'First paint', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('is fetched only when the Pictures section opens, and the section then shows', async () => {
    const picturesChunk = (url: string) => /\/assets\/pictures-view-[^/]+\.js$/.test(url);
    await s.page.getByRole('heading', { name: 'Claims', level: 2 }).waitFor();
    expect(s.requests.filter(picturesChunk)).toEqual([]);
    await s.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /^Pictures/ })
      .click();
    await s.page.getByRole('tablist', { name: 'Pictures' }).waitFor();
    expect(s.requests.filter(picturesChunk)).toHaveLength(1);
    expect(foreignRequests(s.requests, s.host.origin)).toEqual([]);
    expect(s.problems.filter((p) => /Content Security Policy|Refused to|Blocked/i.test(p))).toEqual([]);
  });
});
