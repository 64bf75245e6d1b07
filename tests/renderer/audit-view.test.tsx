// The Audit view: the chain with filters, and Verify reporting its result in plain words.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditList } from '../../renderer/src/lists/audit-list';
import { auditEvent, uuid } from './fixtures';
import { callsTo, giveListsAViewport, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

let restore: () => void;
beforeEach(() => {
  restore = giveListsAViewport(600);
});
afterEach(() => restore());

const events = [
  auditEvent(3, {
    action: 'remove',
    entity: 'evidence',
    entityId: uuid(5),
    payload: { excerpt: 'A quote', stance: 'supports', removalReason: 'duplicate' },
  }),
  auditEvent(2, { entity: 'source', entityId: uuid(6), payload: { title: 'Kursiv report' } }),
  auditEvent(1, { entity: 'case', entityId: uuid(7), payload: { name: 'Almaty cameras' } }),
];

describe('the audit view', () => {
  it('lists the events newest first, each in words', async () => {
    resetBackend({ 'audit.list': () => page(events) });
    renderApp(<AuditList />, { nav: { section: 'audit' } });
    const list = await screen.findByRole('listbox', { name: 'Audit events' });
    const rows = await within(list).findAllByRole('option');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^#3 Removed evidence Supports · “A quote” · reason: duplicate/),
      expect.stringMatching(/^#2 Created source “Kursiv report”/),
      expect.stringMatching(/^#1 Created case/),
    ]);
    expect(screen.getByText('3 events')).toBeInTheDocument();
  });

  it('filters by kind of record and action through audit.list', async () => {
    resetBackend({ 'audit.list': () => page(events.slice(0, 1)) });
    renderApp(<AuditList />, { nav: { section: 'audit' } });
    await screen.findByRole('listbox', { name: 'Audit events' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Record kind' }), 'evidence');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'Removed');
    await waitFor(() =>
      expect(callsTo('audit.list').at(-1)).toEqual({ entity: 'evidence', action: 'remove', limit: 100 }),
    );
    expect(await screen.findByText('1 event match')).toBeInTheDocument();
  });

  it('reports a verified chain in plain words', async () => {
    resetBackend({
      'audit.list': () => page(events),
      'audit.verify': () => ({
        ok: true,
        checked: 1234,
        head: { seq: 1234, hash: 'a'.repeat(64) },
        checkpoint: null,
      }),
    });
    renderApp(<AuditList />, { nav: { section: 'audit' } });
    await userEvent.click(screen.getByRole('button', { name: 'Verify the audit trail' }));
    const status = await screen.findByText(/^Verified:/);
    expect(status).toHaveTextContent(
      'Verified: the audit trail is intact. All 1,234 events are in order and none has been changed since it was written.',
    );
    expect(callsTo('audit.verify')).toHaveLength(1);
  });

  it('reports a broken chain with the position and the reason', async () => {
    resetBackend({
      'audit.list': () => page(events),
      'audit.verify': () => ({
        ok: false,
        checked: 41,
        brokenAt: 42,
        reason: 'event 42 was changed after it was written (its content no longer matches its hash)',
        checkpoint: null,
      }),
    });
    renderApp(<AuditList />, { nav: { section: 'audit' } });
    await userEvent.click(screen.getByRole('button', { name: 'Verify the audit trail' }));
    expect(await screen.findByText(/^Verification failed/)).toHaveTextContent(
      'Verification failed at event #42: event 42 was changed after it was written (its content no longer matches its hash). The 41 events before it are intact.',
    );
  });
});
