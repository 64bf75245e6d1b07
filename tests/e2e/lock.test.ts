// Locking an encrypted case in the workspace: Ctrl+L leaves only the unlock screen (no case data
// in the page), a wrong passphrase is refused plainly, the right one brings the work back.
import type { Page } from 'playwright-core';
import { openSession, requireChromium, type Session } from './harness';

const run = requireChromium('lock');
const PASSPHRASE = 'heron-saddle-cobalt-58-dusk';
const STATEMENT = 'The border cameras feed a database in Urumqi';
const SOURCE = 'Leaked procurement memo, customs service';

describe.skipIf(!run)('locking an encrypted case', () => {
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    s = await openSession({
      caseName: 'Border watch',
      passphrase: PASSPHRASE,
      seed: async (api) => {
        const claim = await api.call('claims.create', { statement: STATEMENT });
        const source = await api.call('sources.create', {
          title: SOURCE,
          kind: 'document',
          reliability: 'B',
        });
        if (!claim.ok || !source.ok) throw new Error('seeding failed');
      },
    });
    page = s.page;
    page.setDefaultTimeout(15_000);
    await page.goto(s.host.url);
    await page.getByRole('heading', { name: 'Border watch', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('locks with Ctrl+L, shows no case data while locked, and unlocks to carry on', async () => {
    await page.getByText(STATEMENT).first().waitFor();
    await page.keyboard.press('Control+L');
    await page.getByRole('heading', { name: 'Unlock Border watch.evidence' }).waitFor();
    const html = await page.content();
    expect(html).not.toContain(STATEMENT);
    expect(html).not.toContain(SOURCE);
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    expect(s.api.locked).toBe(true);

    await page.getByLabel('Passphrase').fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByRole('alert')
      .getByText(/passphrase does not open/)
      .waitFor();

    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Border watch', level: 1 }).waitFor();
    await page.getByText(STATEMENT).first().waitFor();
    expect(s.api.locked).toBe(false);
    // Work continues: the case answers writes again.
    expect((await s.api.call('claims.list', {})).ok).toBe(true);
    await s.shot('unlocked-again');
  });
});
