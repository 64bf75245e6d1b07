// The wide sections (pictures, import, export) load their code on first visit: the shell says what
// is loading while the chunk arrives, then shows the section.
import { screen, waitFor } from '@testing-library/react';
import { Shell } from '../../renderer/src/shell/shell';
import { uuid } from './fixtures';
import { page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const info = {
  path: '/cases/almaty.evidence',
  name: 'Almaty cameras',
  caseId: uuid(70),
  replica: uuid(71),
  actor: 'Journalist',
  schemaVersion: 1,
  counts: {
    claims: 0,
    sources: 0,
    evidence: 0,
    deals: 0,
    actors: 0,
    assessments: 0,
    attachments: 0,
    auditEvents: 1,
  },
  auditHead: { seq: 1, hash: 'f'.repeat(64) },
  openCheck: 'full' as const,
};

describe('a section loaded on first visit', () => {
  it('says the import screen is loading, then shows it', async () => {
    resetBackend({ 'case.info': () => info, 'deals.list': () => page([]) });
    renderApp(<Shell />, { nav: { section: 'import' } });
    expect(await screen.findByText('Loading the import screen…')).toHaveAttribute('role', 'status');
    expect(await screen.findByRole('form', { name: 'Import a file' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Loading the import screen…')).not.toBeInTheDocument());
  });

  it('says the pictures are loading, then shows their tabs', async () => {
    resetBackend({
      'case.info': () => info,
      'pictures.network': () => new Promise(() => {}),
    });
    renderApp(<Shell />, { nav: { section: 'pictures' } });
    expect(await screen.findByText('Loading the pictures…')).toBeInTheDocument();
    expect(await screen.findByRole('tablist', { name: 'Pictures' })).toBeInTheDocument();
    expect(screen.queryByText('Loading the pictures…')).not.toBeInTheDocument();
  });
});
