// Issue 5 through the workspace: a BibTeX file is imported (the preview shows its one rejected row
// and why, the import leaves it out and lists the two new sources), the case is exported, and a
// deal's report opens inside the app with the claim's verdict in it. By role and label only; no
// request leaves 127.0.0.1; screenshots in test-results/e2e/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Output } from '../../electron/api/contract';
import type { Api } from '../../electron/api/create-api';
import { foreignRequests, openSession, requireChromium, root, type Session } from './harness';
import { expectCount, expectText } from './waits';

const run = requireChromium('exchange');

const DEAL = 'SORM equipment for Kyrgyzstan';
const STATEMENT = 'Oniks-Line supplied SORM interception equipment to Kyrgyz telecom operators.';
const FIXTURE = path.join(root, 'tests', 'fixtures', 'exchange', 'one-rejected.bib');

async function seed(api: Api): Promise<void> {
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await api.call(method as never, input as never);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
  const deal = await call<Output<'deals.create'>>('deals.create', {
    title: DEAL,
    technology: 'lawful_intercept',
    status: 'deployed',
    country: 'Kyrgyzstan',
  });
  const source = await call<Output<'sources.create'>>('sources.create', {
    title: 'Opinion piece on surveillance exports to Central Asia',
    kind: 'article',
    reliability: 'C',
  });
  const claim = await call<Output<'claims.create'>>('claims.create', {
    statement: STATEMENT,
    dealId: deal.id,
  });
  await call('evidence.add', {
    claimId: claim.id,
    sourceId: source.id,
    stance: 'supports',
    excerpt: 'Oniks-Line and Signatek supplied SORM equipment in Kyrgyzstan.',
    locator: 'para. 6',
    credibility: 3,
  });
}

describe.skipIf(!run)('exchange in the workspace', () => {
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    s = await openSession({ caseName: 'Central Asia deals', actor: 'Journalist', seed });
    page = s.page;
    await page.goto(s.host.url);
    await page.getByRole('heading', { name: 'Central Asia deals', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });

  it('imports a BibTeX file: the preview shows the rejected row and why, the import adds the other two', async () => {
    await nav('Import').click();
    const form = page.getByRole('form', { name: 'Import a file' });
    await form.getByRole('combobox', { name: 'Kind of file' }).selectOption({ label: 'BibTeX / BibLaTeX' });
    await form.getByLabel('File to import').setInputFiles(FIXTURE);

    const table = page.getByRole('table', { name: 'Rows of the file' });
    const rejected = table.getByRole('row').filter({ hasText: 'untitled_note_2020' });
    await rejected.waitFor();
    await expectText(rejected.getByRole('cell').nth(4), 'Rejected');
    await expectText(rejected.getByRole('cell').nth(5), /has no title/);
    await expectText(rejected.getByRole('cell').nth(1), '9');
    await expectCount(table.getByRole('row'), 4);
    const totals = page.getByLabel('What the import would do');
    await expectText(totals, /New\s*2/);
    await expectText(totals, /Rejected\s*1/);
    await s.shot('exchange-import-preview');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Leave out 1 rejected row?' });
    await expectText(confirm, /@misc\{untitled_note_2020\}: has no title/);
    await confirm.getByRole('button', { name: 'Import without it' }).click();
    await page.getByText(/Imported “one-rejected\.bib”\./).waitFor();
    await expectText(page.getByRole('region', { name: 'Import finished' }), /2 records created/);
    await s.shot('exchange-import-done');

    await page.getByRole('button', { name: 'Show the sources' }).click();
    const list = page.getByRole('listbox', { name: 'Sources' });
    await list.getByRole('option', { name: /Huawei's Safe City in Tashkent/ }).waitFor();
    await list.getByRole('option', { name: /SORM in Kyrgyzstan: procurement and oversight/ }).waitFor();
    await expectCount(list.getByRole('option'), 3);
    await s.shot('exchange-sources-imported');
  });

  it('previewing the same file again finds everything already in the case', async () => {
    await nav('Import').click();
    await page.getByLabel('File to import').setInputFiles(FIXTURE);
    await page.getByText(/Nothing to import: every row is already in the case or rejected\./).waitFor();
  });

  it('exports the case with confidential identities left out unless asked', async () => {
    await nav('Export').click();
    const form = page.getByRole('form', { name: 'Export' });
    expect(await form.getByRole('checkbox', { name: 'Include confidential identities' }).isChecked()).toBe(
      false,
    );
    await form
      .getByRole('combobox', { name: 'What to export' })
      .selectOption({ label: 'Sources (CSL-JSON, back into Zotero)' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('central-asia-deals.sources.csl.json');
    const saved = await download.path();
    const csl = JSON.parse(readFileSync(saved, 'utf8')) as { title?: string }[];
    expect(csl.map((item) => item.title)).toContain("Huawei's Safe City in Tashkent");
    await page.getByText(/Exported “central-asia-deals\.sources\.csl\.json”/).waitFor();
    await s.shot('exchange-export');
  });

  it('makes a deal’s report and opens it inside the app, with the claim’s verdict in it', async () => {
    await nav('Deals').click();
    await page
      .getByRole('listbox', { name: 'Deals' })
      .getByRole('option', { name: new RegExp(DEAL) })
      .click();
    await page.getByRole('main', { name: 'Detail' }).getByRole('heading', { name: DEAL, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Report on this deal…' }).click();
    const dialog = page.getByRole('dialog', { name: `Report on the deal “${DEAL}”` });
    const frame = dialog.getByTitle('Report').contentFrame();
    const claim = frame.getByRole('article').filter({ hasText: STATEMENT });
    await claim.waitFor();
    await expectText(claim, /Verdict: Single source/);
    // The report's own CSS applies inside the frame although the app's CSP refuses inline styles.
    const weight = await claim
      .getByText('Single source', { exact: true })
      .first()
      .evaluate((el) => getComputedStyle(el).fontWeight);
    expect(Number(weight)).toBeGreaterThanOrEqual(700);
    await expectText(dialog.getByRole('status').filter({ hasText: 'made from audit event' }), /1 claim/);
    await s.shot('exchange-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download HTML' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.report\.html$/);
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toContain(STATEMENT);
    expect(html).toContain('<style>');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('made no request beyond 127.0.0.1 and broke no content rule', () => {
    expect(foreignRequests(s.requests, s.host.origin)).toEqual([]);
    expect(s.problems.filter((p) => /Content Security Policy|Refused to|Blocked/i.test(p))).toEqual([]);
  });
});
