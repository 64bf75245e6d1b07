// Issue 6 through the workspace: a file is attached to a source (its short hash shown, verified
// intact, saved back byte for byte), a checkpoint is taken and saved, and "Verify case integrity"
// runs against it and passes. By role and label only; no request leaves 127.0.0.1; screenshots in
// test-results/e2e/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ApiWithFile as Api } from '../../electron/api/create-api';
import { foreignRequests, openSession, requireChromium, type Session } from './harness';
import { expectCount, expectText, expectValue } from './waits';

const run = requireChromium('custody');

const SOURCE = 'Tender documents for the Almaty Smart City cameras';
const FILE = Buffer.from(
  'Tender No. 17/2019 — 400 cameras with plate and face recognition, Almaty. Supplier: Sergek Group.\n',
  'utf8',
);
const SHA = createHash('sha256').update(FILE).digest('hex');

async function seed(api: Api): Promise<void> {
  const result = await api.call('sources.create', { title: SOURCE, kind: 'document', reliability: 'B' });
  if (!result.ok) throw new Error(result.error.message);
}

describe.skipIf(!run)('chain of custody in the workspace', () => {
  let s: Session;
  let page: Page;
  let checkpointFile = '';

  beforeAll(async () => {
    s = await openSession({ caseName: 'Almaty cameras', actor: 'Journalist', seed });
    page = s.page;
    await page.goto(s.host.url);
    await page.getByRole('heading', { name: 'Almaty cameras', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });

  it('attaches a file to a source and shows its short hash', async () => {
    await nav('Sources').click();
    await page
      .getByRole('listbox', { name: 'Sources' })
      .getByRole('option', { name: new RegExp(SOURCE) })
      .click();
    const detail = page.getByRole('main', { name: 'Detail' });
    await detail.getByRole('heading', { name: SOURCE, level: 2 }).waitFor();
    const panel = detail.getByRole('region', { name: /^Attachments/ });
    await panel.getByText('No file is preserved for this source yet.').waitFor();

    await panel
      .getByLabel('Attach a file to this source')
      .setInputFiles({ name: 'tender-17.txt', mimeType: 'text/plain', buffer: FILE });
    await panel.getByText('“tender-17.txt” attached. Its fingerprint is recorded.').waitFor();
    const row = panel.getByRole('row').filter({ hasText: 'tender-17.txt' });
    await row.getByText(SHA.slice(0, 12), { exact: true }).waitFor();
    await expectText(row, /text\/plain/);
    await expectText(row, /Journalist/);
    await s.shot('custody-attachment');

    // The same bytes again: stored once, linked again.
    await panel
      .getByLabel('Attach a file to this source')
      .setInputFiles({ name: 'tender-copy.txt', mimeType: 'text/plain', buffer: FILE });
    await panel.getByText('“tender-copy.txt” is already in the case; linked again.').waitFor();
    // Header, the first file, the same bytes linked again: wait for the list to show the new link.
    await expectCount(panel.getByRole('row'), 3);
  });

  it('verifies the file intact and saves it back byte for byte', async () => {
    const panel = page.getByRole('region', { name: /^Attachments/ });
    await panel.getByRole('button', { name: 'Verify tender-17.txt' }).click();
    const row = panel.getByRole('row').filter({ hasText: 'tender-17.txt' });
    await row.getByRole('status').getByText('Intact').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Save tender-17.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tender-17.txt');
    expect(readFileSync(await download.path()).equals(FILE)).toBe(true);
  });

  it('takes a checkpoint, shows it large and saves it as a text file', async () => {
    await nav('Audit').click();
    await page.getByRole('button', { name: 'Verify case integrity…' }).waitFor();
    await s.shot('custody-audit-view');
    await page.getByRole('button', { name: 'Checkpoint…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Checkpoint of the audit trail' });
    await dialog.getByText(/CORROBORATE AUDIT CHECKPOINT/).waitFor();
    const size = await dialog
      .getByText(/CORROBORATE AUDIT CHECKPOINT/)
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(16);
    await s.shot('custody-checkpoint');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Save as text file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^almaty-cameras\.checkpoint-\d+\.txt$/);
    checkpointFile = await download.path();
    expect(readFileSync(checkpointFile, 'utf8')).toContain('Head hash:');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('runs “Verify case integrity” against the checkpoint and sees it pass', async () => {
    await page.getByRole('button', { name: 'Verify case integrity…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify case integrity' });
    await dialog.getByLabel('Checkpoint file').setInputFiles(checkpointFile);
    await expectValue(
      dialog.getByRole('textbox', { name: 'or paste its text' }),
      /CORROBORATE AUDIT CHECKPOINT/,
    );
    await dialog.getByRole('button', { name: 'Verify', exact: true }).click();
    const report = dialog.getByRole('region', { name: 'Integrity report' });
    await report.getByText('PASSED', { exact: true }).waitFor();
    const steps = report.getByRole('listitem');
    // The one integrity run: every step, each passed (none skipped: a checkpoint was given).
    await expectCount(steps, 9);
    for (const label of [
      'Side files',
      'Database structure',
      'Links between records',
      'Audit history',
      'Checkpoint',
      'Records against their history',
      'Stored verdicts',
      'Search index',
      'Attachments',
    ]) {
      await expectText(steps.filter({ hasText: label }).first(), /^Passed/);
    }
    await s.shot('custody-integrity-passed');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'Save report' }).click(),
    ]);
    expect(readFileSync(await download.path(), 'utf8')).toMatch(/PASSED/);
  });

  it('made no request beyond 127.0.0.1 and broke no content rule', () => {
    expect(foreignRequests(s.requests, s.host.origin)).toEqual([]);
    expect(s.problems.filter((p) => /Content Security Policy|Refused to|Blocked/i.test(p))).toEqual([]);
  });
});
