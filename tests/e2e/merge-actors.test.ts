// Merging two actors through the real renderer and host: the duplicate's deal moves to the actor
// kept, its name becomes one of that actor's other names, and it is in the Trash. By role and name.
import type { Page } from 'playwright-core';
import { openSession, requireChromium, type Session } from './harness';

const run = requireChromium('merge actors');

describe.skipIf(!run)('merging two actors', () => {
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    s = await openSession({
      caseName: 'Vendors',
      seed: async (api) => {
        const value = async <T>(method: string, input: unknown) => {
          const r = await api.call(method, input);
          if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
          return r.value as T;
        };
        await value('actors.create', { name: 'Hikvision', kind: 'company', country: 'China' });
        const dup = await value<{ id: string }>('actors.create', {
          name: 'Hangzhou Hikvision Digital',
          kind: 'company',
        });
        const deal = await value<{ id: string }>('deals.create', {
          title: 'Ring road cameras',
          technology: 'cctv',
          status: 'deployed',
        });
        await value('deals.setParties', { dealId: deal.id, parties: [{ actorId: dup.id, role: 'vendor' }] });
      },
    });
    page = s.page;
    await page.goto(s.host.url);
    await page.getByRole('heading', { name: 'Vendors', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('merges the duplicate into the actor kept', async () => {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /^Actors/ })
      .click();
    await page
      .getByRole('listbox', { name: 'Actors' })
      .getByRole('option', { name: /Hangzhou Hikvision Digital/ })
      .click();
    const detail = page.getByRole('main', { name: 'Detail' });
    await detail.getByRole('heading', { name: 'Hangzhou Hikvision Digital', level: 2 }).waitFor();
    await detail.getByRole('button', { name: 'Merge into…' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Merge “Hangzhou Hikvision Digital” into another actor?',
    });
    await dialog.getByRole('combobox', { name: 'Actor to keep', exact: true }).fill('Hikvision');
    await dialog
      .getByRole('listbox', { name: 'Actor to keep options' })
      .getByRole('option', { name: /^Hikvision/ })
      .click();
    await dialog.getByRole('button', { name: 'Merge actors' }).click();
    await dialog.waitFor({ state: 'detached' });

    await detail.getByRole('heading', { name: 'Hikvision', level: 2 }).waitFor();
    await detail.getByText('Hangzhou Hikvision Digital', { exact: true }).waitFor();
    await detail.getByText('Ring road cameras').first().waitFor();
    // The duplicate is in the Trash, saying what became of it.
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /^Trash/ })
      .click();
    await page.getByRole('button', { name: 'Actors', exact: true }).click();
    const row = page
      .getByRole('table', { name: 'Removed actors' })
      .getByRole('row')
      .filter({ hasText: 'Hangzhou Hikvision Digital' });
    await row.getByRole('cell', { name: 'Merged into Hikvision' }).waitFor();
  });
});
