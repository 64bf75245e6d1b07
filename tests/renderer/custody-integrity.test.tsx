// The Audit view's chain of custody: a checkpoint shown large, saved as text; "Verify case
// integrity" with an optional checkpoint, a named progress bar while it runs, and a PASSED or FAILED
// report, step by step, that can be saved.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CheckpointRecord, IntegrityReport } from '../../electron/schema/custody';
import { AuditList } from '../../renderer/src/lists/audit-list';
import { blobText, captureDownloads } from './exchange-support';
import { uuid } from './fixtures';
import { callsTo, giveListsAViewport, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

let restoreViewport: () => void;
let downloads: ReturnType<typeof captureDownloads>;
beforeEach(() => {
  restoreViewport = giveListsAViewport(600);
  downloads = captureDownloads();
});
afterEach(() => {
  restoreViewport();
  downloads.restore();
});

const CHECKPOINT_TEXT = `CORROBORATE AUDIT CHECKPOINT
Format:      corroborate-checkpoint/1

Case:        Almaty cameras
Case id:     ${uuid(70)}
Event:       42
Head hash:   ${'ab12'.repeat(16)}
`;

const checkpoint: CheckpointRecord = {
  format: 'corroborate-checkpoint/1',
  caseId: uuid(70),
  caseName: 'Almaty cameras',
  seq: 42,
  headHash: 'ab12'.repeat(16),
  at: '2025-03-01T10:00:00.000Z',
  counts: {
    deals: 1,
    actors: 2,
    sources: 3,
    claims: 4,
    evidence: 5,
    assessments: 0,
    attachments: 1,
    auditEvents: 42,
  },
  text: CHECKPOINT_TEXT,
};

function integrity(ok: boolean): IntegrityReport {
  return {
    ok,
    cancelled: false,
    caseId: uuid(70),
    caseName: 'Almaty cameras',
    fileName: 'almaty.evidence',
    startedAt: '2025-03-02T09:00:00.000Z',
    finishedAt: '2025-03-02T09:00:03.000Z',
    auditHead: { seq: 57, hash: 'cd'.repeat(32) },
    steps: [
      {
        step: 'database',
        label: 'Database structure',
        ok: true,
        skipped: false,
        summary: 'quick_check found no damage.',
        problems: [],
      },
      {
        step: 'audit',
        label: 'Audit history',
        ok: true,
        skipped: false,
        summary: 'All 57 events are in order.',
        problems: [],
      },
      ok
        ? {
            step: 'checkpoint',
            label: 'Checkpoint',
            ok: true,
            skipped: false,
            summary: 'Event 42 is still in the history, unchanged.',
            problems: [],
          }
        : {
            step: 'checkpoint',
            label: 'Checkpoint',
            ok: false,
            skipped: false,
            summary: 'The history no longer contains the checkpoint.',
            problems: [
              'Event 42 has a different hash than the checkpoint says: history up to it was rewritten.',
            ],
          },
      {
        step: 'attachments',
        label: 'Attachments',
        ok: true,
        skipped: false,
        summary: '1 attachment matches its fingerprint.',
        problems: [],
      },
    ],
    text: `CORROBORATE INTEGRITY REPORT\nResult: ${ok ? 'PASSED' : 'FAILED'}\n`,
  };
}

function setUp(handlers: Parameters<typeof resetBackend>[0] = {}) {
  resetBackend({ 'audit.list': () => page([]), ...handlers });
  renderApp(<AuditList />, { nav: { section: 'audit' } });
}

describe('the checkpoint', () => {
  it('shows the audit head’s text large, and saves it as a text file', async () => {
    setUp({ 'audit.checkpoint': () => checkpoint });
    await userEvent.click(screen.getByRole('button', { name: 'Checkpoint…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Checkpoint of the audit trail' });
    const text = await within(dialog).findByText(/CORROBORATE AUDIT CHECKPOINT/);
    expect(text.tagName).toBe('PRE');
    expect(text).toHaveClass('checkpoint-text');
    expect(text.textContent).toBe(CHECKPOINT_TEXT);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save as text file' }));
    await waitFor(() =>
      expect(downloads.saved.map((d) => d.fileName)).toEqual(['almaty-cameras.checkpoint-42.txt']),
    );
    expect(await blobText(downloads.saved[0]!.blob)).toBe(CHECKPOINT_TEXT);
    expect(callsTo('audit.checkpoint')).toHaveLength(1);
  });
});

describe('verify case integrity', () => {
  it('shows a named progress bar while it runs, then PASSED with every step', async () => {
    let finish: (r: IntegrityReport) => void = () => undefined;
    setUp({
      'case.verifyIntegrity': () => new Promise<IntegrityReport>((resolve) => (finish = resolve)),
      'case.integrityProgress': () => ({
        step: 'attachments',
        message: 'Checking attachments: 1 of 1 (contract.pdf)',
        fraction: 0.75,
      }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Verify case integrity…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verify case integrity' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));
    const bar = await within(dialog).findByRole('progressbar', { name: 'Integrity check progress' });
    await waitFor(() => expect(bar).toHaveAttribute('value', '0.75'));
    expect(
      await within(dialog).findByText('Checking attachments: 1 of 1 (contract.pdf)'),
    ).toBeInTheDocument();
    expect(callsTo('case.verifyIntegrity')).toEqual([{}]);

    finish(integrity(true));
    const banner = await within(dialog).findByText('PASSED');
    expect(banner.parentElement).toHaveTextContent(
      'PASSED“almaty.evidence” is intact: every check passed, up to audit event #57.',
    );
    expect(within(dialog).queryByRole('progressbar')).not.toBeInTheDocument();
    const steps = within(within(dialog).getByRole('region', { name: 'Integrity report' })).getAllByRole(
      'listitem',
    );
    expect(steps.map((s) => s.textContent)).toEqual([
      'Passed Database structurequick_check found no damage.',
      'Passed Audit historyAll 57 events are in order.',
      'Passed CheckpointEvent 42 is still in the history, unchanged.',
      'Passed Attachments1 attachment matches its fingerprint.',
    ]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save report' }));
    expect(downloads.saved.map((d) => d.fileName)).toEqual(['almaty-cameras.integrity-2025-03-02.txt']);
    expect(await blobText(downloads.saved[0]!.blob)).toContain('Result: PASSED');
  });

  it('checks against a checkpoint read from its file, and shows FAILED with the problem', async () => {
    setUp({ 'case.verifyIntegrity': () => integrity(false), 'case.integrityProgress': () => null });
    await userEvent.click(screen.getByRole('button', { name: 'Verify case integrity…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verify case integrity' });
    await userEvent.upload(
      within(dialog).getByLabelText('Checkpoint file'),
      new File([CHECKPOINT_TEXT], 'almaty.checkpoint-42.txt', { type: 'text/plain' }),
    );
    await waitFor(() =>
      expect(within(dialog).getByRole('textbox', { name: 'or paste its text' })).toHaveValue(CHECKPOINT_TEXT),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));
    expect(await within(dialog).findByText('FAILED')).toBeInTheDocument();
    expect(within(dialog).getByText(/history up to it was rewritten/)).toBeInTheDocument();
    expect(within(dialog).getByText('Failed')).toBeInTheDocument();
    expect(callsTo('case.verifyIntegrity')).toEqual([{ checkpointText: CHECKPOINT_TEXT.trim() }]);
  });

  it('a running check can be cancelled: the report then says CANCELLED and which steps were not run', async () => {
    let finish: (r: IntegrityReport) => void = () => undefined;
    setUp({
      'case.verifyIntegrity': () => new Promise<IntegrityReport>((resolve) => (finish = resolve)),
      'case.integrityProgress': () => ({
        step: 'records',
        message: 'Comparing records with their history: 2,000 of 90,000',
        fraction: 0.4,
      }),
      'case.cancelIntegrity': () => {
        const report = integrity(false);
        finish({
          ...report,
          cancelled: true,
          steps: report.steps.map((step, i) =>
            i < 2
              ? step
              : {
                  ...step,
                  ok: true,
                  skipped: true,
                  summary: 'Not checked: the check was cancelled before this step.',
                  problems: [],
                },
          ),
        });
        return { cancelled: true };
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Verify case integrity…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verify case integrity' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));
    await within(dialog).findByText('Comparing records with their history: 2,000 of 90,000');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel check' }));
    expect(await within(dialog).findByText('CANCELLED')).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent('was stopped before it finished');
    expect(within(dialog).getAllByText('Skipped').length).toBeGreaterThan(0);
    expect(within(dialog).queryByRole('button', { name: 'Cancel check' })).not.toBeInTheDocument();
    expect(callsTo('case.cancelIntegrity')).toHaveLength(1);
  });

  it('says when the check could not run', async () => {
    setUp({
      'case.verifyIntegrity': () => {
        throw Object.assign(new Error('Invalid input: checkpointText has no head hash'), {
          code: 'invalid_input',
        });
      },
      'case.integrityProgress': () => null,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Verify case integrity…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verify case integrity' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'or paste its text' }), 'Event: 3');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('checkpointText has no head hash');
    expect(within(dialog).queryByText(/PASSED|FAILED/)).not.toBeInTheDocument();
  });
});
