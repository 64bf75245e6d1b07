// What the open said about the case (an older copy opened anyway, an unfinished backup removed) is
// shown above the workspace until the user dismisses it.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseNotices } from '../../renderer/src/shell/case-notices';
import { callsTo, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const info = (notices?: string[]) => ({
  path: '/cases/almaty.evidence',
  name: 'Almaty cameras',
  caseId: '01950000-0000-7000-8000-000000000070',
  replica: '01950000-0000-7000-8000-000000000071',
  actor: 'Aigerim',
  schemaVersion: 4,
  counts: {
    deals: 0,
    actors: 0,
    sources: 0,
    claims: 0,
    evidence: 0,
    assessments: 0,
    attachments: 0,
    auditEvents: 0,
  },
  auditHead: { seq: 0, hash: '0'.repeat(64) },
  openCheck: 'full' as const,
  ...(notices ? { notices } : {}),
});

describe('notices about the open case', () => {
  it('shows what the open said, and hides it on Dismiss', async () => {
    const said = 'Opened although this copy is older than the one you last had open: 20 changes are missing.';
    resetBackend({ 'case.info': () => info([said]) });
    renderApp(<CaseNotices />);
    const region = await screen.findByRole('status', { name: 'Notices about this case' });
    expect(region).toHaveTextContent(said);
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status', { name: 'Notices about this case' })).not.toBeInTheDocument();
  });

  it('shows nothing when the open had nothing to say', async () => {
    resetBackend({ 'case.info': () => info() });
    renderApp(<CaseNotices />);
    await waitFor(() => expect(callsTo('case.info').length).toBeGreaterThan(0));
    expect(screen.queryByRole('status', { name: 'Notices about this case' })).not.toBeInTheDocument();
  });
});
