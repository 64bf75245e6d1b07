// Export, reports and ClaimReview: confidential identities stay out unless the user ticks the box
// (off by default, with a warning when on); a report opens inside the app in a frame that runs
// nothing, and downloads as the HTML the case rendered.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ExportResult, ReportResult } from '../../electron/schema/exchange';
import { ClaimsReportPanel, ExportPanel } from '../../renderer/src/exchange/export-view';
import { ClaimPublishPanel, DealPublishPanel } from '../../renderer/src/exchange/publish-panels';
import { blobText, captureDownloads, fakeDesktopApp } from './exchange-support';
import { claimItem, uuid } from './fixtures';
import { callsTo, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

let downloads: ReturnType<typeof captureDownloads>;
beforeEach(() => {
  downloads = captureDownloads();
});
afterEach(() => downloads.restore());

function exported(over: Partial<ExportResult> = {}): ExportResult {
  return {
    format: 'case-json',
    fileName: 'almaty-cameras.case.json',
    mediaType: 'application/json',
    text: '{"format":"corroborate-case"}',
    path: null,
    sha256: 'e'.repeat(64),
    bytes: 2_048,
    counts: { sources: 3, claims: 2 },
    redactedSources: 1,
    attachments: null,
    exportEvent: { seq: 21, hash: 'f'.repeat(64) },
    ...over,
  };
}

describe('export', () => {
  it('leaves confidential identities out by default, and warns when the user includes them', async () => {
    resetBackend({
      'exchange.export': (input) =>
        exported(
          input.includeConfidential
            ? {
                format: 'claims-csv',
                fileName: 'almaty-cameras.claims.csv',
                text: 'a,b\n',
                redactedSources: 0,
              }
            : {},
        ),
    });
    renderApp(<ExportPanel />);
    const box = screen.getByRole('checkbox', { name: 'Include confidential identities' });
    expect(box).not.toBeChecked();
    expect(screen.getByText(/each confidential source appears under a stable pseudonym/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Download' }));
    await screen.findByText(/Exported “almaty-cameras.case.json”/);
    expect(callsTo('exchange.export')).toEqual([{ format: 'case-json', includeConfidential: false }]);
    expect(downloads.saved.map((d) => d.fileName)).toEqual(['almaty-cameras.case.json']);
    expect(await blobText(downloads.saved[0]!.blob)).toBe('{"format":"corroborate-case"}');
    expect(screen.getByRole('status')).toHaveTextContent('1 confidential source is under a pseudonym.');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'What to export' }),
      'Claims with their verdicts (CSV spreadsheet)',
    );
    await userEvent.click(box);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The real identities of confidential sources will be in the file',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download' }));
    await screen.findByText(/Exported “almaty-cameras.claims.csv”/);
    expect(callsTo('exchange.export')[1]).toEqual({ format: 'claims-csv', includeConfidential: true });
    expect(downloads.saved.map((d) => d.fileName)).toEqual([
      'almaty-cameras.case.json',
      'almaty-cameras.claims.csv',
    ]);
  });

  it('in the desktop app, exports through its save dialog and says when it was cancelled', async () => {
    resetBackend({});
    let answer: ExportResult | null = null;
    const app = fakeDesktopApp({ 'app.exportCase': () => answer });
    try {
      renderApp(<ExportPanel />);
      const button = await screen.findByRole('button', { name: 'Export…' });
      await userEvent.click(screen.getByRole('checkbox', { name: /Copy the attachments’ files/ }));
      await userEvent.click(button);
      expect(await screen.findByText('Cancelled: nothing was written.')).toBeInTheDocument();
      answer = exported({ text: null, path: '/home/j/almaty.case.json' });
      await userEvent.click(button);
      expect(await screen.findByText(/Saved to \/home\/j\/almaty.case.json/)).toBeInTheDocument();
      expect(app.calls.filter((c) => c.method === 'app.exportCase').map((c) => c.input)).toEqual([
        { format: 'case-json', includeConfidential: false, withAttachments: true },
        { format: 'case-json', includeConfidential: false, withAttachments: true },
      ]);
      expect(callsTo('exchange.export')).toEqual([]);
      expect(downloads.saved).toEqual([]);
    } finally {
      app.restore();
    }
  });
});

const claimId = uuid(7);
const REPORT_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>
<style>.verdict{font-weight:bold}</style></head><body><h1>Almaty cameras</h1>
<article class="claim" id="claim-${claimId}"><h2>Sergek identifies drivers</h2>
<p>Status: Draft · Verdict: <span class="verdict">Single source</span></p>
<a href="#claim-${claimId}">Claim 1</a> <a href="https://example.org/leak">the source</a>
<script>document.title = 'ran'</script></article></body></html>`;

function report(over: Partial<ReportResult> = {}): ReportResult {
  return {
    html: REPORT_HTML,
    fileName: 'almaty-cameras.report.html',
    path: null,
    sha256: 'a'.repeat(64),
    claims: 1,
    redactedSources: 0,
    checkpoint: { seq: 30, headHash: 'b'.repeat(64) },
    ...over,
  };
}

describe('reports', () => {
  it('opens a claim’s report inside the app, with no script and no way out, and downloads its HTML', async () => {
    resetBackend({ 'exchange.report': () => report() });
    renderApp(<ClaimPublishPanel id={claimId} />);
    await userEvent.click(screen.getByRole('button', { name: 'Report on this claim…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report on this claim' });
    const frame = (await within(dialog).findByTitle('Report')) as HTMLIFrameElement;
    expect(frame).toHaveAttribute('sandbox', 'allow-same-origin allow-modals');
    const doc = frame.contentDocument as Document;
    await waitFor(() => expect(doc.body.textContent).toContain('Verdict: Single source'));
    expect(doc.querySelectorAll('script, style')).toHaveLength(0);
    const links = Array.from(doc.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([`#claim-${claimId}`, null]);
    expect(links[1]).toHaveAttribute('title', 'https://example.org/leak');
    expect(within(dialog).getByText('1 claim · made from audit event #30')).toBeInTheDocument();
    expect(callsTo('exchange.report')).toEqual([{ claimIds: [claimId], includeConfidential: false }]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Download HTML' }));
    expect(downloads.saved.map((d) => d.fileName)).toEqual(['almaty-cameras.report.html']);
    expect(await blobText(downloads.saved[0]!.blob)).toBe(REPORT_HTML);
  });

  it('makes the report again with confidential identities only when asked, and says so', async () => {
    resetBackend({
      'exchange.report': (input) => report({ redactedSources: input.includeConfidential ? 0 : 2 }),
    });
    renderApp(<ClaimPublishPanel id={claimId} />);
    await userEvent.click(screen.getByRole('button', { name: 'Report on this claim…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report on this claim' });
    expect(await within(dialog).findByText(/2 confidential sources under a pseudonym/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Include confidential identities' }));
    expect(within(dialog).getByRole('note')).toHaveTextContent(
      'Confidential sources are named in this report.',
    );
    await waitFor(() => expect(callsTo('exchange.report')).toHaveLength(2));
    expect(callsTo('exchange.report')[1]).toEqual({ claimIds: [claimId], includeConfidential: true });
    await waitFor(() => expect(within(dialog).queryByText(/under a pseudonym/)).not.toBeInTheDocument());
  });

  it('reports a whole deal from its detail', async () => {
    const dealId = uuid(500);
    resetBackend({
      'deals.get': () => ({
        deal: {
          id: dealId,
          title: 'Sergek, Almaty',
          technology: 'cctv',
          country: 'Kazakhstan',
          status: 'deployed',
          year: 2019,
          valueAmount: null,
          valueCurrency: null,
          summary: null,
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
          deletedAt: null,
        },
        parties: [],
        claims: [claimItem(1, { status: 'verified' }), claimItem(2)],
      }),
      'exchange.report': () => report({ claims: 2 }),
    });
    renderApp(<DealPublishPanel id={dealId} />);
    expect(await screen.findByText(/ClaimReview covers the 1 claim marked verified/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Report on this deal…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report on the deal “Sergek, Almaty”' });
    await within(dialog).findByTitle('Report');
    expect(callsTo('exchange.report')).toEqual([{ dealId, includeConfidential: false }]);
  });
});

describe('a report on chosen claims', () => {
  it('collects claims one by one and reports on exactly those', async () => {
    resetBackend({
      'claims.list': (input) =>
        page(
          input?.query === 'sergek'
            ? [claimItem(1, { statement: 'Sergek identifies drivers', verdict: 'single_source' })]
            : [claimItem(2, { statement: 'Huawei built the Tashkent command centre' })],
        ),
      'exchange.report': () => report({ claims: 2 }),
    });
    renderApp(<ClaimsReportPanel />);
    expect(screen.getByRole('button', { name: 'Report on the chosen claims…' })).toBeDisabled();
    const picker = screen.getByRole('combobox', { name: 'Add a claim' });
    await userEvent.type(picker, 'sergek');
    await userEvent.click(await screen.findByRole('option', { name: /Sergek identifies drivers/ }));
    await userEvent.type(screen.getByRole('combobox', { name: 'Add a claim' }), 'huawei');
    await userEvent.click(await screen.findByRole('option', { name: /Huawei built/ }));
    const chosen = screen.getByRole('list', { name: 'Chosen claims' });
    await waitFor(() => expect(within(chosen).getAllByRole('listitem')).toHaveLength(2));
    await userEvent.click(screen.getByRole('button', { name: 'Report on 2 claims…' }));
    await within(await screen.findByRole('dialog', { name: 'Report on 2 claims' })).findByTitle('Report');
    expect(callsTo('exchange.report')).toEqual([
      { claimIds: [uuid(1), uuid(2)], includeConfidential: false },
    ]);
  });
});

describe('ClaimReview', () => {
  it('needs a publisher, then downloads the JSON-LD and lists the claims left out', async () => {
    const dealId = uuid(500);
    resetBackend({
      'deals.get': () => ({
        deal: {
          id: dealId,
          title: 'Sergek, Almaty',
          technology: 'cctv',
          country: null,
          status: 'deployed',
          year: null,
          valueAmount: null,
          valueCurrency: null,
          summary: null,
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
          deletedAt: null,
        },
        parties: [],
        claims: [claimItem(1, { status: 'verified' })],
      }),
      'exchange.claimReview': () => ({
        jsonLd: '[{"@type":"ClaimReview"}]',
        reviews: 1,
        skipped: [
          {
            claimId: uuid(2),
            reason: 'status is draft; only verified, disputed and debunked claims are published',
          },
        ],
      }),
    });
    renderApp(<DealPublishPanel id={dealId} />);
    await userEvent.click(await screen.findByRole('button', { name: 'ClaimReview JSON-LD…' }));
    const dialog = await screen.findByRole('dialog', { name: 'ClaimReview for publishing' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Download ClaimReview' }));
    expect(await within(dialog).findByText('Publisher is required')).toBeInTheDocument();
    expect(callsTo('exchange.claimReview')).toEqual([]);

    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Publisher' }), 'Vlast.kz');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Publisher’s web address' }),
      'not a url',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Download ClaimReview' }));
    expect(
      await within(dialog).findByText(/Publisher’s web address must be a full address/),
    ).toBeInTheDocument();
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Publisher’s web address' }));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Publisher’s web address' }),
      'https://vlast.kz',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Download ClaimReview' }));
    expect(await within(dialog).findByText('1 review downloaded as JSON-LD.')).toBeInTheDocument();
    expect(within(dialog).getByText(/status is draft/)).toBeInTheDocument();
    expect(callsTo('exchange.claimReview')).toEqual([
      { dealId, publisher: { name: 'Vlast.kz', url: 'https://vlast.kz' }, includeConfidential: false },
    ]);
    expect(downloads.saved.map((d) => d.fileName)).toEqual(['sergek-almaty.claimreview.jsonld']);
  });
});
