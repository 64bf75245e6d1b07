// Nothing removed is beyond reach, through the real renderer, the loopback host and a real case:
// remove a claim, undo it with Ctrl+Z, remove it again, and restore it from the Trash with its
// evidence as it was; then edit it and read its history as changes; and mark an overconfident claim
// Verified only after confirming with a reason. By role and name only.
import type { Page } from 'playwright-core';
import { openSession, requireChromium, type Session } from './harness';

const run = requireChromium('undo and Trash');

const STATEMENT = 'Hikvision cameras watch the Bishkek ring road.';
const EXCERPT = 'the ring road cameras were supplied by Hikvision';
const BOLD = 'The ring road cameras feed the national police database.';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.skipIf(!run)('undo and the Trash', () => {
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    s = await openSession({
      caseName: 'Bishkek ring road',
      actor: 'Aigerim',
      seed: async (api) => {
        const value = async <T>(method: string, input: unknown) => {
          const r = await api.call(method, input);
          if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
          return r.value as T;
        };
        const source = await value<{ id: string }>('sources.create', {
          title: 'Kloop: the ring road contract',
          kind: 'article',
          reliability: 'B',
        });
        const claim = await value<{ id: string }>('claims.create', { statement: STATEMENT });
        await value('evidence.add', {
          claimId: claim.id,
          sourceId: source.id,
          stance: 'supports',
          excerpt: EXCERPT,
          credibility: 2,
        });
        // One source and a "very likely" assessment: overconfident.
        const bold = await value<{ id: string }>('claims.create', { statement: BOLD });
        await value('evidence.add', {
          claimId: bold.id,
          sourceId: source.id,
          stance: 'supports',
          excerpt: 'footage goes to the police',
          credibility: 3,
        });
        await value('assessments.add', {
          claimId: bold.id,
          likelihood: 7,
          confidence: 'high',
          rationale: 'It must be so',
        });
      },
    });
    page = s.page;
    await page.goto(s.host.url);
    await page.getByRole('heading', { name: 'Bishkek ring road', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });
  const claimOption = () =>
    page
      .getByRole('listbox', { name: 'Claims' })
      .getByRole('option', { name: new RegExp(escapeRegExp(STATEMENT)) });
  const toast = () => page.getByRole('status').filter({ hasText: /Removed claim|Undone/ });

  async function removeClaim(reason: string) {
    await claimOption().click();
    await page
      .getByRole('main', { name: 'Detail' })
      .getByRole('heading', { name: STATEMENT, level: 2 })
      .waitFor();
    await page.getByRole('button', { name: 'Remove claim', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this claim?' });
    await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill(reason);
    await dialog.getByRole('button', { name: 'Remove claim' }).click();
    await dialog.waitFor({ state: 'detached' });
    await toast().getByText(`Removed claim “${STATEMENT}”`).waitFor();
    await claimOption().waitFor({ state: 'detached' });
  }

  it('removes a claim, says so with an Undo, and Ctrl+Z brings it back', async () => {
    await nav('Claims').click();
    await removeClaim('Wrong road');
    await toast().getByRole('button', { name: 'Undo' }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await toast().getByText(`Undone: Removed claim “${STATEMENT}”`).waitFor();
    await claimOption().waitFor();
  });

  it('removes it again and restores it from the Trash, with who, when and why, and its evidence', async () => {
    await removeClaim('Duplicate of the Osh claim');
    await nav('Trash').click();
    const removed = page.getByRole('table', { name: 'Removed claims' });
    const row = removed.getByRole('row').filter({ hasText: STATEMENT });
    await row.getByRole('cell', { name: 'Aigerim' }).waitFor();
    await row.getByRole('cell', { name: 'Duplicate of the Osh claim' }).waitFor();
    await s.shot('16a-trash');
    await row.getByRole('button', { name: `Restore claim “${STATEMENT}”` }).click();
    await page.getByText('No removed claims.').waitFor();

    await nav('Claims').click();
    await claimOption().click();
    const detail = page.getByRole('main', { name: 'Detail' });
    await detail.getByRole('heading', { name: STATEMENT, level: 2 }).waitFor();
    await detail.getByText(EXCERPT, { exact: true }).waitFor();
    // The audit trail keeps every step: the removals, the undo and the restore.
    const trail = page.getByRole('list', { name: 'Audit trail' });
    await trail.getByRole('listitem').filter({ hasText: 'Restored claim' }).first().waitFor();
  });

  it('edits the claim and reads the change as a diff, with the raw event one click away', async () => {
    const detail = page.getByRole('main', { name: 'Detail' });
    await detail.getByRole('button', { name: 'Edit claim' }).click();
    const form = page.getByRole('form', { name: 'Edit claim' });
    await form.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Under review' });
    await form.getByRole('textbox', { name: 'Tags' }).fill('kyrgyzstan');
    await form.getByRole('button', { name: 'Save claim' }).click();
    await form.waitFor({ state: 'detached' });
    const trail = page.getByRole('list', { name: 'Audit trail' });
    const edit = trail
      .getByRole('listitem')
      .filter({ has: page.getByRole('list', { name: /^Changes in event/ }) })
      .filter({ hasText: 'Status: Draft → Under review' });
    await edit.getByText('Tags: + kyrgyzstan', { exact: true }).waitFor();
    await edit.getByText(/^Aigerim ·/).waitFor();
    await edit.getByText(/^Raw event #\d+$/).click();
    await edit.getByText(/"status": "under_review"/).waitFor();
  });

  it('asks for a confirmation with a reason before an overconfident claim is marked Verified', async () => {
    await page
      .getByRole('listbox', { name: 'Claims' })
      .getByRole('option', { name: new RegExp(escapeRegExp(BOLD)) })
      .click();
    const detail = page.getByRole('main', { name: 'Detail' });
    await detail.getByRole('heading', { name: BOLD, level: 2 }).waitFor();
    await detail.getByRole('button', { name: 'Edit claim' }).click();
    const form = page.getByRole('form', { name: 'Edit claim' });
    await form.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Verified' });
    await form.getByRole('button', { name: 'Save claim' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark Verified?' });
    await dialog.getByText(/This claim is flagged overconfident/).waitFor();
    await dialog
      .getByRole('textbox', { name: 'Reason (kept in the audit trail)' })
      .fill('Police confirmed on record');
    await s.shot('16a-confirm-verified');
    await dialog.getByRole('button', { name: 'Mark Verified' }).click();
    await form.waitFor({ state: 'detached' });
    const trail = page.getByRole('list', { name: 'Audit trail' });
    await trail
      .getByText(/^Confirmed though overconfident(, [a-z ]+)*: “Police confirmed on record”$/)
      .waitFor();
  });
});
