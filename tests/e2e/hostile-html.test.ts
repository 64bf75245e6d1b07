// Markup typed into any field is text, never markup: in the workspace (lists, detail, search) and
// in a published report. If any of these payloads ran, it would set window.__pwned.
import type { Api } from '../../electron/api/create-api';
import { foreignRequests, openSession, requireChromium, type Session } from './harness';

const run = requireChromium('hostile-html');

const IMG = '<img src=x onerror="window.__pwned=1">';
const STATEMENT = `Huawei installed cameras ${IMG}<script>window.__pwned=2</script>`;
const SOURCE = `Leaked memo <svg onload="window.__pwned=3"></svg>`;
const EXCERPT = `"contract signed" <iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>`;

async function ok<T>(api: Api, method: string, input: unknown): Promise<T> {
  const result = await api.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

const pwned = (s: Session) =>
  s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

describe.skipIf(!run)('markup in a claim is shown as text and never runs', () => {
  let s: Session;
  let claimId = '';

  beforeAll(async () => {
    s = await openSession({
      caseName: 'Hostile input',
      seed: async (api) => {
        const source = await ok<{ id: string }>(api, 'sources.create', {
          title: SOURCE,
          kind: 'leak',
          reliability: 'C',
        });
        const claim = await ok<{ id: string }>(api, 'claims.create', { statement: STATEMENT, tags: [IMG] });
        claimId = claim.id;
        await ok(api, 'evidence.add', {
          claimId: claim.id,
          sourceId: source.id,
          stance: 'supports',
          excerpt: EXCERPT,
          locator: IMG,
          credibility: 3,
        });
      },
    });
    await s.page.goto(s.host.url);
    await s.page.getByRole('heading', { name: 'Hostile input', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('lists, opens and finds the claim with its markup as literal text', async () => {
    const { page } = s;
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /^Claims/ })
      .click();
    await page
      .getByRole('listbox', { name: 'Claims' })
      .getByRole('option', { name: /Huawei installed cameras/ })
      .click();
    const detail = page.getByRole('main', { name: 'Detail' });
    await detail.getByRole('heading', { name: STATEMENT, level: 2 }).waitFor();
    await detail.getByText(EXCERPT).first().waitFor();
    await detail.getByText(SOURCE).first().waitFor();

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.getByRole('combobox').first().fill('Huawei');
    await palette.getByRole('option').first().waitFor();
    await s.shot('hostile-html-workspace');
    await page.keyboard.press('Escape');

    expect(await pwned(s)).toBeNull();
    // Nothing the fields held became an element.
    expect(await page.locator('img[src="x"], svg[onload], iframe[srcdoc]').count()).toBe(0);
    expect(s.problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
    expect(foreignRequests(s.requests, s.host.origin)).toEqual([]);
  });

  it('renders the report with the markup escaped', async () => {
    const report = await ok<{ html: string }>(s.api, 'exchange.report', { claimIds: [claimId] });
    const page = await s.context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(report.html);
    await page.getByText(STATEMENT).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
    expect(await page.locator('img[src="x"], svg[onload], iframe[srcdoc], script').count()).toBe(0);
    expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    await page.close();
    // The control: the same payload, unescaped, does run in a page without the report's CSP, so
    // the checks above can fail.
    const control = await s.context.newPage();
    await control.setContent(`<p>${IMG}</p>`);
    await control.waitForFunction(() => (window as unknown as { __pwned?: number }).__pwned === 1);
    await control.close();
  });
});
