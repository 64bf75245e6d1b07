// A claim's detail: evidence grouped by stance with grades, assessments in ICD 203 words, the audit
// trail (removed evidence included), and removal only after a confirmation that says nothing is lost.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Input } from '../../electron/api/contract';
import { ApiCallError } from '../../renderer/src/client';
import { ClaimDetail } from '../../renderer/src/detail/claim-detail';
import { assessment, auditEvent, claimDetail, evidence, uuid } from './fixtures';
import { callsTo, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const claimId = uuid(1);
const removedEvidenceId = uuid(2999);
const supporting = evidence(1, {
  excerpt: 'Huawei supplied the cameras.',
  locator: 'p. 3',
  sourceTitle: 'Kursiv report',
});
const confidential = evidence(2, {
  excerpt: 'Supplier: Huawei Technologies, lot 3.',
  sourceTitle: 'Procurement notes',
  sourceReliability: 'F',
  credibility: 2,
  sourceConfidential: true,
});
const contradicting = evidence(3, {
  stance: 'contradicts',
  excerpt: 'No Chinese supplier was involved.',
  sourceTitle: 'Akimat statement',
  credibility: 4,
  sourceReliability: 'C',
});

/** The claim's trail as the core answers it: the claim's events and its evidence's, removed included. */
function claimTrail() {
  return page([
    auditEvent(40, {
      action: 'remove',
      entity: 'evidence',
      entityId: removedEvidenceId,
      payload: { claimId, excerpt: 'An old quote', stance: 'supports' },
    }),
    auditEvent(5, {
      entity: 'evidence',
      entityId: removedEvidenceId,
      payload: { claimId, excerpt: 'An old quote', stance: 'supports' },
    }),
    auditEvent(2, {
      entity: 'evidence',
      entityId: supporting.id,
      payload: { stance: 'supports', excerpt: supporting.excerpt },
    }),
    auditEvent(1, { payload: { statement: 'Claim number 1', status: 'draft' } }),
  ]);
}

function backendFor(
  detail = claimDetail({ evidence: [supporting, confidential, contradicting], assessments: [assessment()] }),
) {
  resetBackend({
    // The detail pane asks for the trail with the claim: one round trip.
    'claims.get': (input) =>
      (input as { trail?: boolean }).trail ? { ...detail, trail: claimTrail() } : detail,
    'evidence.remove': (input) => ({ ...contradicting, id: input.id, deletedAt: '2025-03-02T00:00:00.000Z' }),
    'audit.list': (input) => {
      const i = (input ?? {}) as Input<'audit.list'> & object;
      if (i.claimId === claimId) return claimTrail();
      return page([]);
    },
  });
}

describe('a claim’s detail', () => {
  it('groups the evidence by stance, each item with its quote, locator, source and grade', async () => {
    backendFor();
    renderApp(<ClaimDetail id={claimId} />, { nav: { selection: { kind: 'claim', id: claimId } } });
    const supports = await screen.findByRole('list', { name: /Supporting evidence/ });
    const contradicts = screen.getByRole('list', { name: /Contradicting evidence/ });
    await waitFor(() => expect(within(supports).getAllByRole('listitem')).toHaveLength(2));
    await waitFor(() => expect(within(contradicts).getAllByRole('listitem')).toHaveLength(1));
    const first = within(supports).getAllByRole('listitem')[0]!;
    expect(within(first).getByText('Huawei supplied the cameras.')).toBeInTheDocument();
    expect(within(first).getByText('p. 3')).toBeInTheDocument();
    expect(within(first).getByRole('button', { name: 'Kursiv report' })).toBeInTheDocument();
    expect(
      within(first).getByRole('img', { name: 'Source usually reliable, information probably true' }),
    ).toHaveTextContent('B2');
    const second = within(supports).getAllByRole('listitem')[1]!;
    expect(within(second).getByText('Confidential source')).toBeInTheDocument();
    expect(
      within(contradicts).getByRole('img', { name: 'Source fairly reliable, information doubtful' }),
    ).toHaveTextContent('C4');
    expect(screen.queryByRole('list', { name: /^Context/ })).not.toBeInTheDocument();
  });

  it('shows the assessment history in ICD 203 words with confidence, rationale, author and time', async () => {
    backendFor();
    renderApp(<ClaimDetail id={claimId} />, { nav: { selection: { kind: 'claim', id: claimId } } });
    const history = await screen.findByRole('list', { name: 'Assessment history' });
    const item = within(history).getByRole('listitem');
    expect(item).toHaveTextContent('Very likely');
    expect(item).toHaveTextContent('80–95%');
    expect(item).toHaveTextContent('Moderate confidence');
    expect(item).toHaveTextContent('Two outlets agree.');
    expect(item).toHaveTextContent('Analyst');
    expect(within(item).getByText(/2025/)).toHaveAttribute('datetime', '2025-03-01T10:00:00.000Z');
  });

  it('lists the claim’s audit trail, including evidence removed earlier, newest first', async () => {
    backendFor();
    renderApp(<ClaimDetail id={claimId} />, { nav: { selection: { kind: 'claim', id: claimId } } });
    const trail = await screen.findByRole('list', { name: 'Audit trail' });
    await waitFor(() => expect(within(trail).getAllByRole('listitem')).toHaveLength(4));
    const lines = within(trail)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(lines[0]).toMatch(/^Removed evidence.*An old quote/);
    expect(lines[1]).toMatch(/^Created evidence.*An old quote/);
    expect(lines[2]).toMatch(/^Created evidence.*Huawei supplied the cameras/);
    expect(lines[3]).toMatch(/^Created claim/);
    expect(callsTo('claims.get')).toContainEqual({ id: claimId, trail: true });
    expect(callsTo('audit.list')).toEqual([]);
  });

  it('removes evidence only after a confirmation that says the record stays in the audit trail', async () => {
    backendFor();
    renderApp(<ClaimDetail id={claimId} />, { nav: { selection: { kind: 'claim', id: claimId } } });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Remove evidence from Akimat statement/ }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove this evidence?' });
    expect(dialog).toHaveTextContent('“No Chinese supplier was involved.”');
    expect(dialog).toHaveTextContent(
      'Nothing is erased: the evidence and its removal are kept in the case’s audit trail.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(callsTo('evidence.remove')).toEqual([]);

    await user.click(screen.getByRole('button', { name: /^Remove evidence from Akimat statement/ }));
    dialog = await screen.findByRole('dialog', { name: 'Remove this evidence?' });
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Reason (optional)' }),
      'Misattributed quote',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Remove evidence' }));
    await waitFor(() =>
      expect(callsTo('evidence.remove')).toEqual([{ id: contradicting.id, reason: 'Misattributed quote' }]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The claim is read again, so the verdict and the trail show the removal.
    await waitFor(() => expect(callsTo('claims.get').length).toBeGreaterThan(1));
  });

  it('says so when the claim is not in the case', async () => {
    resetBackend({
      'claims.get': () => {
        throw new ApiCallError('claims.get', {
          code: 'not_found',
          message: 'There is no claim with that id.',
        });
      },
    });
    renderApp(<ClaimDetail id={claimId} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('It is not in this case (it may have been removed).');
    expect(alert).toHaveTextContent('There is no claim with that id.');
  });
});
