// A journalist's day in the workspace, through the real renderer, the loopback host and a real case
// file, driven by role and label only (what a screen reader user would use). The seven steps are the
// ones issue 4 names; screenshots of the main views land in test-results/e2e/.
import type { Locator, Page } from 'playwright-core';
import { foreignRequests, openSession, requireChromium, type Session } from './harness';
import { expectAttribute, expectValue } from './waits';

const run = requireChromium('workflow');

const DEAL = 'Sergek surveillance system, Almaty';
const STATEMENT =
  'The Sergek camera network in Almaty identifies drivers with Chinese-made facial recognition.';
const FIRST_SOURCE = 'Vlast.kz: How Sergek watches Almaty';
const SECOND_SOURCE = 'Kursiv report on the Almaty Smart City contract';
const THIRD_SOURCE = 'Akimat of Almaty press statement';

describe.skipIf(!run)('the investigator’s workflow', () => {
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    s = await openSession({ caseName: 'Almaty cameras', actor: 'Journalist' });
    page = s.page;
    await page.goto(s.host.url);
    await page.getByRole('heading', { name: 'Almaty cameras', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await s?.close();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });
  const verdict = () => page.getByRole('region', { name: 'Verdict' });
  const detailHeading = (name: string) =>
    page.getByRole('main', { name: 'Detail' }).getByRole('heading', { name, level: 2 });

  /** Types into a record picker and chooses from its own list of options. */
  async function pick(scope: Locator, label: string, typed: string, option: string | RegExp) {
    await scope.getByRole('combobox', { name: label, exact: true }).fill(typed);
    await scope
      .getByRole('listbox', { name: `${label} options` })
      .getByRole('option', { name: option })
      .click();
  }

  async function expectVerdict(words: string) {
    await verdict().getByText(words, { exact: true }).waitFor();
  }

  async function addEvidence(o: {
    source: string;
    excerpt: string;
    locator?: string;
    stance: string;
    credibility: string;
  }) {
    await page.getByRole('button', { name: 'Add evidence', exact: true }).click();
    const form = page.getByRole('form', { name: 'Add evidence' });
    await pick(form, 'Source', o.source.split(' ')[0]!, new RegExp(escapeRegExp(o.source)));
    await form.getByRole('textbox', { name: 'Excerpt' }).fill(o.excerpt);
    if (o.locator) await form.getByRole('textbox', { name: 'Locator' }).fill(o.locator);
    await form.getByRole('radio', { name: o.stance }).check();
    await form.getByRole('combobox', { name: 'Credibility' }).selectOption(o.credibility);
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await form.waitFor({ state: 'detached' });
  }

  it('1. creates a source (article, C), a claim about a deal, links a supporting excerpt (3) and sees “single source”', async () => {
    await nav('Deals').click();
    await page.getByRole('button', { name: 'New deal' }).click();
    const dealForm = page.getByRole('form', { name: 'New deal' });
    await dealForm.getByRole('textbox', { name: 'Title' }).fill(DEAL);
    await dealForm
      .getByRole('combobox', { name: 'Technology' })
      .selectOption({ label: 'Facial recognition' });
    await dealForm.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Deployed' });
    await dealForm.getByRole('textbox', { name: 'Country' }).fill('Kazakhstan');
    await dealForm.getByRole('textbox', { name: 'Year' }).fill('2019');
    await dealForm.getByRole('button', { name: 'Create deal' }).click();
    await detailHeading(DEAL).waitFor();

    await nav('Sources').click();
    await page.getByRole('button', { name: 'New source' }).click();
    const sourceForm = page.getByRole('form', { name: 'New source' });
    await sourceForm.getByRole('textbox', { name: 'Title' }).fill(FIRST_SOURCE);
    await sourceForm.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Article' });
    await sourceForm.getByRole('combobox', { name: 'Reliability', exact: true }).selectOption('C');
    await sourceForm.getByRole('button', { name: 'Create source' }).click();
    await detailHeading(FIRST_SOURCE).waitFor();
    await page.getByRole('img', { name: 'Source fairly reliable' }).first().waitFor();

    await nav('Claims').click();
    await page.getByRole('button', { name: 'New claim' }).click();
    const claimForm = page.getByRole('form', { name: 'New claim' });
    await claimForm.getByRole('textbox', { name: 'Statement' }).fill(STATEMENT);
    await pick(claimForm, 'Deal', 'Sergek', new RegExp(escapeRegExp(DEAL)));
    await claimForm.getByRole('button', { name: 'Create claim' }).click();
    await detailHeading(STATEMENT).waitFor();

    await addEvidence({
      source: FIRST_SOURCE,
      excerpt: 'Sergek cameras read number plates and faces; the software comes from a Chinese vendor.',
      locator: 'para. 4',
      stance: 'Supports',
      credibility: '3',
    });
    await expectVerdict('Single source');
    await page
      .getByRole('img', { name: 'Source fairly reliable, information possibly true' })
      .first()
      .waitFor();
  });

  it('2. adds a second, independent source (B) with supporting evidence (2), created inline, and sees “corroborated”', async () => {
    await page.getByRole('button', { name: 'Add evidence', exact: true }).click();
    const form = page.getByRole('form', { name: 'Add evidence' });
    await form
      .getByRole('textbox', { name: 'Excerpt' })
      .fill('The contract names a Chinese supplier for the facial recognition module.');
    await form.getByRole('button', { name: 'New source…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New source' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(SECOND_SOURCE);
    await dialog.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Report' });
    await dialog.getByRole('combobox', { name: 'Reliability', exact: true }).selectOption('B');
    await dialog.getByRole('button', { name: 'Create source' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Back in the evidence form, with what was typed before and the new source chosen.
    await expectValue(
      form.getByRole('combobox', { name: 'Source' }),
      new RegExp(`^${escapeRegExp(SECOND_SOURCE)}$`),
    );
    expectEqual(
      await form.getByRole('textbox', { name: 'Excerpt' }).inputValue(),
      'The contract names a Chinese supplier for the facial recognition module.',
    );
    await form.getByRole('radio', { name: 'Supports' }).check();
    await form.getByRole('combobox', { name: 'Credibility' }).selectOption('2');
    await form.getByRole('textbox', { name: 'Locator' }).fill('p. 12');
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await form.waitFor({ state: 'detached' });
    await expectVerdict('Corroborated');
    await page
      .getByRole('img', { name: 'Source usually reliable, information probably true' })
      .first()
      .waitFor();
    await s.shot('01-claim-corroborated');
  });

  it('3. marks the first source as derived from the second and sees the verdict fall back to single source', async () => {
    await page
      .getByRole('region', { name: /^Evidence/ })
      .getByRole('button', { name: FIRST_SOURCE, exact: true })
      .click();
    await detailHeading(FIRST_SOURCE).waitFor();
    await page.getByRole('button', { name: 'Change origin' }).click();
    const origin = page.getByRole('form', { name: 'Origin' });
    await pick(origin, 'Derived from', 'Kursiv', new RegExp(escapeRegExp(SECOND_SOURCE)));
    await origin.getByRole('button', { name: 'Save origin' }).click();
    await page.getByText('it repeats that source, so the two count as one line of evidence').waitFor();
    await s.shot('02-source-detail');
    await page
      .getByRole('region', { name: /^Claims it touches/ })
      .getByRole('button', { name: STATEMENT })
      .click();
    await detailHeading(STATEMENT).waitFor();
    await expectVerdict('Single source');
  });

  it('4. adds contradicting evidence and sees “contested”; records “very likely” and sees the overconfidence warning', async () => {
    await page.getByRole('button', { name: 'Add evidence', exact: true }).click();
    const form = page.getByRole('form', { name: 'Add evidence' });
    await form.getByRole('button', { name: 'New source…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New source' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(THIRD_SOURCE);
    await dialog.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Official record' });
    await dialog.getByRole('combobox', { name: 'Reliability', exact: true }).selectOption('B');
    await dialog.getByRole('button', { name: 'Create source' }).click();
    await dialog.waitFor({ state: 'detached' });
    await form
      .getByRole('textbox', { name: 'Excerpt' })
      .fill('Sergek uses no facial recognition; the cameras only record traffic violations.');
    await form.getByRole('radio', { name: 'Contradicts' }).check();
    await form.getByRole('combobox', { name: 'Credibility' }).selectOption('2');
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await form.waitFor({ state: 'detached' });
    await expectVerdict('Contested');

    await page.getByRole('button', { name: 'Record assessment' }).click();
    const assessment = page.getByRole('form', { name: 'New assessment' });
    await assessment
      .getByRole('combobox', { name: 'Likelihood' })
      .selectOption({ label: 'Very likely (80–95%)' });
    await assessment
      .getByRole('combobox', { name: 'Confidence' })
      .selectOption({ label: 'Moderate confidence' });
    await assessment
      .getByRole('textbox', { name: 'Rationale' })
      .fill('Two outlets describe the same system; the akimat’s denial is vague.');
    await assessment.getByRole('button', { name: 'Record assessment' }).click();
    await assessment.waitFor({ state: 'detached' });
    const warnings = verdict().getByRole('list', { name: 'Warnings' });
    await warnings.getByText(/Overconfident\./).waitFor();
    await page.getByRole('list', { name: 'Assessment history' }).getByText('Very likely').waitFor();
    await detailHeading(STATEMENT).scrollIntoViewIfNeeded();
    await s.shot('03-claim-contested-overconfident');
  });

  it('5. submits a form with an empty statement and sees the error next to the field, the rest of the input kept', async () => {
    await nav('Claims').click();
    await page.getByRole('button', { name: 'New claim' }).click();
    const form = page.getByRole('form', { name: 'New claim' });
    await pick(form, 'Deal', 'Sergek', new RegExp(escapeRegExp(DEAL)));
    await form.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Under review' });
    await form.getByRole('textbox', { name: 'Tags' }).fill('almaty, cameras');
    await form.getByRole('button', { name: 'Create claim' }).click();

    const statement = form.getByRole('textbox', { name: 'Statement' });
    await form.getByText('Statement is required').waitFor();
    await expectAttribute(statement, 'aria-invalid', 'true');
    // The error is the field's own description, not a message somewhere else on the page.
    const described = await statement.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expectMatch(described, /Statement is required/);
    expectEqual(await form.getByRole('textbox', { name: 'Tags' }).inputValue(), 'almaty, cameras');
    expectEqual(await form.getByRole('combobox', { name: 'Deal' }).inputValue(), DEAL);
    expectEqual(await form.getByRole('combobox', { name: 'Status' }).inputValue(), 'under_review');
    await s.shot('04-form-error');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('6. removes a piece of evidence after confirming, finds the removal in the audit trail, and Verify passes', async () => {
    await page
      .getByRole('listbox', { name: 'Claims' })
      .getByRole('option', { name: new RegExp(escapeRegExp(STATEMENT)) })
      .click();
    await detailHeading(STATEMENT).waitFor();
    await page
      .getByRole('button', { name: new RegExp(`^Remove evidence from ${escapeRegExp(THIRD_SOURCE)}`) })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Remove this evidence?' });
    await dialog.getByText(/kept in the case’s audit trail/).waitFor();
    await dialog.getByRole('button', { name: 'Remove evidence' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectVerdict('Single source');
    const trail = page.getByRole('list', { name: 'Audit trail' });
    await trail
      .getByRole('listitem')
      .filter({ hasText: 'Removed evidence' })
      .filter({ hasText: /Sergek uses no facial recognition/ })
      .waitFor();

    await nav('Audit').click();
    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    await page
      .getByRole('status')
      .getByText(/Verified: the audit trail is intact/)
      .waitFor();
    await s.shot('05-audit-verified');
  });

  it('7. finds the claim through Ctrl+K by a word of its statement', async () => {
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search the case' });
    await dialog.getByRole('combobox', { name: /Search claims/ }).fill('identifies');
    await dialog
      .getByRole('group', { name: 'Claims' })
      .getByRole('option', { name: new RegExp(escapeRegExp(STATEMENT.slice(0, 40))) })
      .waitFor();
    await s.shot('06-search-palette');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await detailHeading(STATEMENT).waitFor();
    // The same view in the dark theme, which follows the system setting.
    await page.emulateMedia({ colorScheme: 'dark' });
    await s.shot('07-claim-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('made no request that left 127.0.0.1, and broke no rule of the content security policy', async () => {
    expectEqual(s.requests.length > 0, true);
    expectEqual(foreignRequests(s.requests, s.host.origin), []);
    expectEqual(
      s.problems.filter((p) => /Content Security Policy|Refused to/i.test(p)),
      [],
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function expectEqual(actual: unknown, expected: unknown) {
  expect(actual).toEqual(expected);
}

function expectMatch(actual: string, pattern: RegExp) {
  expect(actual).toMatch(pattern);
}
