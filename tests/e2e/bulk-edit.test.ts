// Bulk edit through the real renderer and host: pick rows with Shift-click and Ctrl+A, grade 50
// sources at once, and take the whole edit back with one Ctrl+Z. By role and name only.
import type { Page } from 'playwright-core';
import { openSession, requireChromium, type Session } from './harness';

const run = requireChromium('bulk edit');

describe.skipIf(!run)('bulk-grading sources', () => {
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    s = await openSession({
      caseName: 'Telegram channels',
      seed: async (api) => {
        for (let i = 1; i <= 50; i++) {
          const r = await api.call('sources.create', {
            title: `Channel post ${String(i).padStart(2, '0')}`,
            kind: 'social_post',
            reliability: 'F',
          });
          if (!r.ok) throw new Error(r.error.message);
        }
      },
    });
    page = s.page;
    await page.goto(s.host.url);
    await page.getByRole('heading', { name: 'Telegram channels', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  const list = () => page.getByRole('listbox', { name: 'Sources' });
  const bulk = () => page.getByRole('region', { name: 'Bulk edit' });
  const listPane = () => page.getByRole('region', { name: 'List' });

  it('picks a range with Shift-click, then all 50 with Ctrl+A, and grades them in one go', async () => {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /^Sources/ })
      .click();
    await list()
      .getByRole('option', { name: /Channel post 01/ })
      .click();
    await list()
      .getByRole('option', { name: /Channel post 03/ })
      .click({ modifiers: ['Shift'] });
    await bulk().getByText('3 sources selected').waitFor();

    await page.keyboard.press('Control+a');
    await bulk().getByText('50 sources selected').waitFor();
    await bulk()
      .getByRole('combobox', { name: 'Set reliability' })
      .selectOption({ label: 'B — Usually reliable' });
    await s.shot('16a-bulk-grade');
    await bulk().getByRole('button', { name: 'Apply to 50 sources' }).click();
    await bulk().waitFor({ state: 'detached' });

    await listPane()
      .getByRole('combobox', { name: 'Reliability' })
      .selectOption({ label: 'B — Usually reliable' });
    await listPane().getByText('50 sources match').waitFor();
  });

  it('takes the whole edit back with one Ctrl+Z', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await page.getByRole('status').getByText('Undone: Edited 50 sources').waitFor();
    await listPane().getByText('No source matches these filters.').waitFor();
  });
});
