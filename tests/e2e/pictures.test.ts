// The three pictures on the sample case, through the real renderer, the loopback host and a real
// case file: each draws what the case holds (counted against the contract's own answer), a click
// opens the right record, the network's layout is kept between visits, exports are real files, and
// "what if this source is wrong" moves a verdict. Screenshots land in the harness's screenshot folder (outside the repo).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Output } from '../../electron/api/contract';
import { type ApiWithFile as Api, createApi } from '../../electron/api/create-api';
import { buildSampleCase } from '../../electron/core/sample-case';
import { type RunningHost, startHost } from '../../electron/host/server';
import {
  chromiumPath,
  ensureRendererBuilt,
  foreignRequests,
  rendererOut,
  requireChromium,
  root,
  screenshotDir,
} from './harness';
import { expectAttribute, expectCount, expectText, patience } from './waits';

const run = requireChromium('pictures');

async function value<M extends 'pictures.network' | 'pictures.timeline' | 'pictures.matrix' | 'deals.list'>(
  api: Api,
  method: M,
  input: unknown,
): Promise<Output<M>> {
  const result = await api.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as Output<M>;
}

describe.skipIf(!run)('pictures of the sample case', () => {
  let dir: string;
  let api: Api;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];
  const failed: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });
  const tab = (name: string) => page.getByRole('tab', { name });
  const detailHeading = (name: string) =>
    page.getByRole('main', { name: 'Detail' }).getByRole('heading', { name, level: 2 });

  beforeAll(async () => {
    ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-pictures-'));
    const casePath = path.join(dir, 'sample.evidence');
    buildSampleCase(casePath, { migrationsDir: path.join(root, 'migrations') });
    api = createApi(casePath, { migrationsDir: path.join(root, 'migrations') });
    host = await startHost({ api, rendererDir: rendererOut });
    browser = await chromium.launch({
      executablePath: chromiumPath as string,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({
      viewport: { width: 1500, height: 950 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(patience.timeout);
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    mkdirSync(screenshotDir, { recursive: true });
    await page.goto(host.url);
    await nav('Pictures').click();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('the deal network', () => {
    let net: Output<'pictures.network'>;
    const figure = () => page.getByRole('figure', { name: /^Deal network:/ });

    beforeAll(async () => {
      net = await value(api, 'pictures.network', {});
    });

    it('draws every deal, actor and link of the case on a canvas, and lists them for screen readers', async () => {
      expect(net.deals.length).toBeGreaterThanOrEqual(5);
      const label = `Deal network: ${net.deals.length} deals, ${net.actors.length} actors, ${net.parties.length} links`;
      await expectAttribute(figure(), 'aria-label', label);
      await expectAttribute(tab('Deal network'), 'aria-selected', 'true');
      const nodes = page.getByRole('table', { name: 'Nodes of the deal network' });
      await expectCount(nodes.getByRole('row'), 1 + net.deals.length + net.actors.length);
      const links = page.getByRole('table', { name: 'Links of the deal network' });
      await expectCount(links.getByRole('row'), 1 + net.parties.length);
      // Something is painted: Cytoscape's canvases hold non-transparent pixels.
      const painted = await page.getByTestId('network-canvas').evaluate((el) =>
        [...el.querySelectorAll('canvas')].reduce((sum, canvas) => {
          const ctx = canvas.getContext('2d');
          if (!ctx || canvas.width === 0) return sum;
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) n++;
          return sum + n;
        }, 0),
      );
      expect(painted).toBeGreaterThan(5_000);
      await shot('pictures-network');
    });

    it('keeps the layout in the case file, so a second visit shows the same picture', async () => {
      const nodeCount = net.deals.length + net.actors.length;
      await expect
        .poll(async () => (await value(api, 'pictures.network', {})).positions.length, patience)
        .toBe(nodeCount);
      const first = (await value(api, 'pictures.network', {})).positions;
      await page.reload();
      await nav('Pictures').click();
      await figure().waitFor();
      // Drawn from the stored positions: no layout ran (the caption names one when it does), so
      // nothing new is there to be saved, and the case still holds the first arrangement.
      await expectText(page.getByTestId('network-drawn'), /Drawn in \d+ ms\.$/);
      expect(await page.getByTestId('network-drawn').textContent()).not.toMatch(/layout\)/);
      expect((await value(api, 'pictures.network', {})).positions).toEqual(first);
      const ms = Number(await page.getByTestId('network-drawn').getAttribute('data-ms'));
      console.info(`network of ${nodeCount} nodes drawn from stored positions in ${ms} ms`);
    });

    it('opens the record of the node clicked on the canvas', async () => {
      const safeCity = net.deals.find((d) => d.title.includes('Safe City'));
      if (!safeCity) throw new Error('the sample case has no Safe City deal');
      const position = (await value(api, 'pictures.network', {})).positions.find((p) => p.id === safeCity.id);
      if (!position) throw new Error('no stored position');
      const canvas = page.getByTestId('network-canvas');
      const box = await canvas.boundingBox();
      const zoom = Number(await canvas.getAttribute('data-zoom'));
      const panX = Number(await canvas.getAttribute('data-pan-x'));
      const panY = Number(await canvas.getAttribute('data-pan-y'));
      if (!box) throw new Error('no canvas box');
      await page.mouse.click(box.x + position.x * zoom + panX, box.y + position.y * zoom + panY);
      await detailHeading(safeCity.title).waitFor();
      await nav('Pictures').click();
      await figure().waitFor();
    });

    it('filters by technology, and exports the filtered picture as PNG and SVG', async () => {
      await page.getByRole('combobox', { name: 'Technology' }).selectOption({ label: 'CCTV' });
      const cctv = net.deals.filter((d) => d.technology === 'cctv');
      await expectAttribute(figure(), 'aria-label', new RegExp(`^Deal network: ${cctv.length} deals?, `));
      const shownActors = new Set(
        net.parties.filter((p) => cctv.some((d) => d.id === p.dealId)).map((p) => p.actorId),
      );
      const nodes = page.getByRole('table', { name: 'Nodes of the deal network' });
      await expectCount(nodes.getByRole('row'), 1 + cctv.length + shownActors.size);
      await shot('pictures-network-cctv');

      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export PNG' }).click(),
      ]);
      expect(png.suggestedFilename()).toBe('deal-network.png');
      const pngBytes = readFileSync((await png.path()) as string);
      expect(pngBytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(pngBytes.length).toBeGreaterThan(5_000);

      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export SVG' }).click(),
      ]);
      expect(svg.suggestedFilename()).toBe('deal-network.svg');
      const text = readFileSync((await svg.path()) as string, 'utf8');
      expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(text.match(/<g class="node /g)).toHaveLength(cctv.length + shownActors.size);
      for (const d of cctv) expect(text).toContain(d.title.slice(0, 20));

      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expectAttribute(figure(), 'aria-label', new RegExp(`^Deal network: ${net.deals.length} deals`));
    });
  });

  describe('the timeline', () => {
    const figure = () => page.getByRole('figure', { name: /^Timeline:/ });

    it('shows every deal and every evidence item, grouped by country, the undated in their own column', async () => {
      const t = await value(api, 'pictures.timeline', {});
      await tab('Timeline').click();
      await figure().waitFor();
      const svg = figure().getByRole('group', { name: /^Timeline:/ });
      await expectCount(svg.locator('[data-kind="deal"]'), t.deals.length);
      // No lane of the sample holds more than a "no date" cell can draw, so every item has its dot.
      expect(t.evidence.length).toBeGreaterThan(5);
      await expectCount(svg.locator('[data-kind="evidence"]'), t.evidence.length);
      const countries = new Set(t.deals.map((d) => d.country ?? 'Country not recorded'));
      for (const country of countries) {
        await expectCount(svg.getByRole('group', { name: new RegExp(`^${country}: `) }), 1);
      }
      await figure()
        .getByText(/Nothing here is dated yet/)
        .waitFor();
      await shot('pictures-timeline-undated');
    });

    it('places evidence in time once its source is dated, and a click opens the claim', async () => {
      const sources = await api.call('sources.list', { sort: { field: 'title', direction: 'asc' } });
      if (!sources.ok) throw new Error('sources.list');
      const article = (sources.value as Output<'sources.list'>).items.find((s) => s.reliability === 'D');
      if (!article) throw new Error('no article');
      // As an investigator would: date the article, and give two deals the year the reporting names.
      await api.call('sources.update', { id: article.id, publishedAt: '2020-11-03' });
      const deals = (await value(api, 'deals.list', { limit: 50 })).items;
      const sergek = deals.find((d) => d.title.startsWith('Sergek'));
      const safeCity = deals.find((d) => d.title.includes('Safe City'));
      await api.call('deals.update', { id: sergek?.id, year: 2019, status: 'deployed' });
      await api.call('deals.update', { id: safeCity?.id, year: 2017, status: 'announced' });
      await api.call('deals.update', { id: safeCity?.id, status: 'deployed' });
      await page.reload();
      await nav('Pictures').click();
      await tab('Timeline').click();
      const svg = figure().getByRole('group', { name: /^Timeline:/ });
      await svg.getByText('2020', { exact: true }).waitFor();
      await svg.getByText(/Announced → Deployed/).waitFor();
      await shot('pictures-timeline-dated');
      await figure()
        .getByRole('radio', { name: /By exact date/ })
        .check();
      await svg
        .getByRole('button', { name: /, 2020-11-03: / })
        .first()
        .waitFor();
      await shot('pictures-timeline-exact');
      await figure()
        .getByRole('radio', { name: /By year/ })
        .check();

      const t = await value(api, 'pictures.timeline', {});
      const item = t.evidence.find((e) => e.dealId === safeCity?.id);
      if (!item) throw new Error('no evidence on Safe City');
      await svg
        .getByRole('button', {
          name: new RegExp(
            `^Supports \\(D\\d\\), 2020-11-03: .*${escapeRe(item.claimStatement.slice(0, 30))}`,
          ),
        })
        .first()
        .click();
      await page.getByRole('main', { name: 'Detail' }).getByRole('heading', { level: 2 }).first().waitFor();
      const heading = await page
        .getByRole('main', { name: 'Detail' })
        .getByRole('heading', { level: 2 })
        .first()
        .textContent();
      expect(t.evidence.filter((e) => e.dealId === safeCity?.id).map((e) => e.claimStatement)).toContain(
        heading,
      );
      await nav('Pictures').click();
    });
  });

  describe('the evidence matrix', () => {
    it('shows a deal’s claims against its lines, and dropping the one line everything rests on moves the verdicts', async () => {
      // The deal with the most claims makes the fullest matrix.
      const net = await value(api, 'pictures.network', {});
      const deal = [...net.deals].sort((a, b) => b.claimCount - a.claimCount)[0];
      if (!deal) throw new Error('no deal');
      const m = await value(api, 'pictures.matrix', { dealId: deal.id });
      await tab('Evidence matrix').click();
      await page.getByRole('combobox', { name: 'Deal' }).selectOption({ label: deal.title });
      const table = page.getByRole('table', {
        name: new RegExp(`^Evidence matrix for ${escapeRe(deal.title)}`),
      });
      await table.waitFor();
      const roots = new Set(m.sources.filter((s) => !s.derivedFrom).map((s) => s.id));
      // Header + one row per line of origin + the verdict row.
      await expectCount(table.getByRole('row'), 1 + roots.size + 1);
      await expectCount(table.getByRole('columnheader'), 1 + m.claims.length + 3);
      const singleSource = m.claims.filter((c) => c.verdict === 'single_source');
      expect(singleSource.length).toBeGreaterThan(0);
      await table
        .getByText(/^[+−○][A-F][1-6]/)
        .first()
        .waitFor();
      await shot('pictures-matrix');

      const article = m.sources.find((s) => s.reliability === 'D');
      const toggle = table.getByRole('switch', { name: `What if ${article?.title} is wrong` });
      await toggle.click();
      await expectAttribute(toggle, 'aria-checked', 'true');
      const status = page.getByRole('status').filter({ hasText: /^Without / });
      await expectText(
        status,
        singleSource.length === 1 ? '1 verdict changes' : `${singleSource.length} verdicts change`,
      );
      await expectText(status, 'single source → unsupported');
      await expectCount(
        table.getByText(/^Verdict would change from Single source to Unsupported$/),
        singleSource.length,
      );
      await shot('pictures-matrix-what-if');

      await toggle.click();
      await expectCount(table.getByText(/^Verdict would change/), 0);
    });

    it('opens from a deal’s detail straight onto that deal’s matrix', async () => {
      const deals = (await value(api, 'deals.list', { limit: 50 })).items;
      const sergek = deals.find((d) => d.title.startsWith('Sergek'));
      if (!sergek) throw new Error('no Sergek deal');
      await nav('Deals').click();
      await page
        .getByRole('listbox', { name: 'Deals' })
        .getByRole('option', { name: new RegExp(escapeRe(sergek.title)) })
        .click();
      await detailHeading(sergek.title).waitFor();
      await page.getByRole('button', { name: 'Open the evidence matrix' }).click();
      await page
        .getByRole('table', { name: new RegExp(`^Evidence matrix for ${escapeRe(sergek.title)}`) })
        .waitFor();
      await expectAttribute(tab('Evidence matrix'), 'aria-selected', 'true');
    });
  });

  describe('a network of 2,000 nodes', () => {
    let bigApi: Api;
    let bigHost: RunningHost;
    let bigPage: Page;

    beforeAll(async () => {
      bigApi = createApi(path.join(dir, 'big.evidence'), {
        create: true,
        migrationsDir: path.join(root, 'migrations'),
      });
      fillLargeNetwork(bigApi);
      bigHost = await startHost({ api: bigApi, rendererDir: rendererOut });
      bigPage = await browser.newPage({ viewport: { width: 1500, height: 950 } });
      bigPage.setDefaultTimeout(patience.timeout);
      bigPage.on('pageerror', (e) => problems.push(e.message));
    });

    afterAll(async () => {
      await bigPage?.close().catch(() => undefined);
      await bigHost?.close().catch(() => undefined);
      bigApi?.close();
    });

    it('lays out once, redraws from the stored layout, filters and pans smoothly', async () => {
      const figure = bigPage.getByRole('figure', { name: /^Deal network:/ });
      const drawnMs = async () => Number(await bigPage.getByTestId('network-drawn').getAttribute('data-ms'));
      await bigPage.goto(bigHost.url);
      await bigPage
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: /^Pictures/ })
        .click();
      await expectAttribute(figure, 'aria-label', 'Deal network: 1,000 deals, 1,000 actors, 2,000 links');
      await bigPage.getByTestId('network-drawn').waitFor();
      const layoutMs = await drawnMs();
      await expect
        .poll(async () => (await value(bigApi, 'pictures.network', {})).positions.length, patience)
        .toBe(2_000);
      await bigPage.screenshot({ path: path.join(screenshotDir, 'pictures-network-2000.png') });

      await bigPage.reload();
      await bigPage
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: /^Pictures/ })
        .click();
      await bigPage.getByTestId('network-drawn').waitFor();
      const storedMs = await drawnMs();
      // Redrawn from the stored layout: no layout ran the second time.
      expect(await bigPage.getByTestId('network-drawn').textContent()).not.toMatch(/layout\)/);

      let started = performance.now();
      await bigPage.getByRole('combobox', { name: 'Technology' }).selectOption({ label: 'CCTV' });
      await expectAttribute(figure, 'aria-label', /^Deal network: 200 deals, /);
      const filterMs = performance.now() - started;
      started = performance.now();
      await bigPage.getByRole('button', { name: 'Clear filters' }).click();
      await expectAttribute(figure, 'aria-label', /^Deal network: 1,000 deals/);
      const clearMs = performance.now() - started;

      // Frame intervals while the investigator drags the whole picture across the screen.
      const box = await bigPage.getByTestId('network-canvas').boundingBox();
      if (!box) throw new Error('no canvas');
      await bigPage.evaluate(() => {
        const w = window as unknown as { frames_: number[]; stop_: boolean };
        w.frames_ = [];
        w.stop_ = false;
        let last = performance.now();
        const tick = (now: number) => {
          w.frames_.push(now - last);
          last = now;
          if (!w.stop_) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await bigPage.mouse.move(box.x + 8, box.y + 8);
      await bigPage.mouse.down();
      for (let i = 1; i <= 30; i++) await bigPage.mouse.move(box.x + 8 + i * 12, box.y + 8 + i * 6);
      await bigPage.mouse.up();
      const frames = await bigPage.evaluate(() => {
        const w = window as unknown as { frames_: number[]; stop_: boolean };
        w.stop_ = true;
        return w.frames_.slice(1);
      });
      frames.sort((a, b) => a - b);
      const p50 = frames[Math.floor(frames.length * 0.5)] ?? 0;
      const p95 = frames[Math.floor(frames.length * 0.95)] ?? 0;
      console.info(
        `2,000-node network: first layout + draw ${layoutMs} ms; redraw from stored layout ${storedMs} ms; ` +
          `filter ${filterMs.toFixed(0)} ms, clear ${clearMs.toFixed(0)} ms; panning frames p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (${frames.length} frames)`,
      );
      // No timing bound here: on a shared machine a bound fails for reasons the app does not own. The
      // figures are printed above; the bench is where they are held to a number.
      expect(frames.length).toBeGreaterThan(0);
    });
  });

  it('made no request beyond 127.0.0.1 and met no error or CSP refusal', () => {
    expect(foreignRequests(requests, host.origin)).toEqual([]);
    // The browser asks for a favicon the app does not ship; nothing else may fail.
    expect(failed.filter((f) => f !== '404 /favicon.ico')).toEqual([]);
    expect(problems.filter((p) => !p.startsWith('Failed to load resource'))).toEqual([]);
  });
});

/** 1,000 deals and 1,000 actors, two parties a deal, three claims a deal with varied verdicts: straight into the tables. */
function fillLargeNetwork(api: Api): void {
  const db = api.file.db;
  const at = '2024-05-01T10:00:00.000Z';
  const technologies = ['cctv', 'lawful_intercept', 'dpi', 'spyware', 'facial_recognition'];
  const verdicts = ['single_source', 'corroborated', 'contested', 'unsupported'];
  const id = (kind: number, i: number) => `0190a000-0000-7000-8${kind}00-${String(i).padStart(12, '0')}`;
  db.transaction(() => {
    const deal = db.prepare(
      "INSERT INTO deals (id, title, technology, country, status, year, created_at, updated_at) VALUES (?, ?, ?, ?, 'signed', ?, ?, ?)",
    );
    const actor = db.prepare(
      'INSERT INTO actors (id, name, kind, country, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const party = db.prepare(
      'INSERT INTO deal_parties (id, deal_id, actor_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const claim = db.prepare(
      "INSERT INTO claims (id, statement, deal_id, status, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?)",
    );
    const verdict = db.prepare(
      'INSERT INTO claim_verdicts (claim_id, verdict, evidence_count) VALUES (?, ?, 1)',
    );
    for (let i = 0; i < 1000; i++) {
      deal.run(id(1, i), `Deal ${i}`, technologies[i % 5], `Country ${i % 30}`, 2000 + (i % 25), at, at);
      actor.run(id(2, i), `Actor ${i}`, i % 7 === 0 ? 'government' : 'company', `Country ${i % 40}`, at, at);
    }
    for (let i = 0; i < 1000; i++) {
      party.run(id(3, i), id(1, i), id(2, i), 'vendor', at, at);
      party.run(id(4, i), id(1, i), id(2, (i * 7 + 3) % 1000), 'buyer', at, at);
      for (let j = 0; j < 3; j++) {
        claim.run(id(5, i * 3 + j), `Claim ${i}.${j}`, id(1, i), at, at);
        verdict.run(id(5, i * 3 + j), verdicts[(i + j) % 4]);
      }
    }
  })();
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
