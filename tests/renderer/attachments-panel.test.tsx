// A source's attachments: listed with type, size, short fingerprint, who and when; added from a
// file (bytes as base64, deduplication said in words, too-large files refused beside the control);
// each one verified, and saved back out byte for byte.
import { createHash } from 'node:crypto';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Attachment } from '../../electron/schema/attachments';
import { AttachmentsPanel } from '../../renderer/src/attachments/attachments-panel';
import { blobBytes, captureDownloads, fakeDesktopApp } from './exchange-support';
import { source, uuid } from './fixtures';
import { callsTo, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const sourceId = uuid(1001);
const sourceDetail = { source: source(1), derivedFrom: null, derivatives: [], uses: [] };
const BYTES = new TextEncoder().encode('Contract No. 17: 400 cameras, Almaty.');
const sha = createHash('sha256').update(BYTES).digest('hex');

function attachment(over: Partial<Attachment> = {}): Attachment {
  return {
    id: uuid(3001),
    sourceId,
    fileName: 'contract.pdf',
    mediaType: 'application/pdf',
    size: BYTES.length,
    sha256: sha,
    addedBy: 'Journalist',
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    deletedAt: null,
    ...over,
  };
}

const table = () => screen.findByRole('table');

describe('the attachments panel', () => {
  it('says when a source has no file yet', async () => {
    resetBackend({ 'attachments.list': () => [], 'sources.get': () => sourceDetail });
    renderApp(<AttachmentsPanel id={sourceId} />);
    expect(await screen.findByText('No file is preserved for this source yet.')).toBeInTheDocument();
    expect(screen.getByLabelText('Attach a file to this source')).toHaveAttribute('type', 'file');
  });

  it('lists each file with its type, size, short hash, who added it and when', async () => {
    resetBackend({
      'attachments.list': () => [
        attachment(),
        attachment({ id: uuid(3002), fileName: 'photo.jpg', mediaType: 'image/jpeg', size: 1_572_864 }),
      ],
      'sources.get': () => sourceDetail,
    });
    renderApp(<AttachmentsPanel id={sourceId} />);
    const shown = await table();
    await waitFor(() => expect(within(shown).getAllByRole('row')).toHaveLength(3));
    const rows = within(shown).getAllByRole('row');
    const cells = within(rows[1]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual([
      'contract.pdf',
      'application/pdf',
      '37 bytes',
      sha.slice(0, 12),
      'Journalist',
    ]);
    expect(cells[5]).toMatch(/2025/);
    expect(within(rows[2]!).getByText('1.5 MB')).toBeInTheDocument();
    expect(within(rows[1]!).getByText(sha.slice(0, 12))).toHaveAttribute('title', `sha256 ${sha}`);
    expect(screen.getByRole('heading', { name: 'Attachments 2' })).toBeInTheDocument();
  });

  it('attaches a chosen file as base64 and says when the same bytes were already in the case', async () => {
    let deduplicated = false;
    resetBackend({
      'attachments.list': () => [],
      'sources.get': () => sourceDetail,
      'attachments.add': (input) => ({ attachment: attachment({ fileName: input.fileName }), deduplicated }),
    });
    renderApp(<AttachmentsPanel id={sourceId} />);
    const input = await screen.findByLabelText('Attach a file to this source');
    await userEvent.upload(input, new File([BYTES], 'contract.pdf', { type: 'application/pdf' }));
    expect(
      await screen.findByText('“contract.pdf” attached. Its fingerprint is recorded.'),
    ).toBeInTheDocument();
    expect(callsTo('attachments.add')).toEqual([
      {
        sourceId,
        fileName: 'contract.pdf',
        mediaType: 'application/pdf',
        bytesBase64: Buffer.from(BYTES).toString('base64'),
      },
    ]);
    deduplicated = true;
    await userEvent.upload(input, new File([BYTES], 'copy.pdf', { type: 'application/pdf' }));
    expect(await screen.findByText('“copy.pdf” is already in the case; linked again.')).toBeInTheDocument();
  });

  it('refuses a file over 32 MB beside the control, without sending it', async () => {
    resetBackend({ 'attachments.list': () => [], 'sources.get': () => sourceDetail });
    renderApp(<AttachmentsPanel id={sourceId} />);
    const input = await screen.findByLabelText('Attach a file to this source');
    const big = new File(['x'], 'archive.zip');
    Object.defineProperty(big, 'size', { value: 40 * 1024 * 1024 });
    await userEvent.upload(input, big);
    const error = await screen.findByRole('alert');
    expect(error).toHaveTextContent(
      '“archive.zip” is 40 MB: files over 32 MB are added with the desktop app’s',
    );
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(error.textContent ?? '');
    expect(callsTo('attachments.add')).toEqual([]);
  });

  it('shows a refusal of the case next to the control', async () => {
    resetBackend({
      'attachments.list': () => [],
      'sources.get': () => sourceDetail,
      'attachments.add': () => {
        throw Object.assign(
          new Error('Invalid input: fileName contains characters a file name cannot have'),
          {
            code: 'invalid_input',
            fields: { fileName: 'contains characters a file name cannot have' },
          },
        );
      },
    });
    renderApp(<AttachmentsPanel id={sourceId} />);
    await userEvent.upload(
      await screen.findByLabelText('Attach a file to this source'),
      new File(['a'], 'bad.txt'),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '“bad.txt”: the file name contains characters a file name cannot have',
    );
  });

  it('verifies each file: intact, or the problem in words', async () => {
    const damaged = attachment({ id: uuid(3002), fileName: 'photo.jpg' });
    resetBackend({
      'attachments.list': () => [attachment(), damaged],
      'sources.get': () => sourceDetail,
      'attachments.verify': (input) =>
        input?.id === damaged.id
          ? {
              ok: false,
              checked: 1,
              bytes: 37,
              problems: [
                {
                  attachmentId: damaged.id,
                  sourceId,
                  fileName: 'photo.jpg',
                  expectedSha256: sha,
                  actualSha256: '0'.repeat(64),
                  message: '“photo.jpg” no longer matches the fingerprint recorded when it was added.',
                },
              ],
            }
          : { ok: true, checked: 1, bytes: 37, problems: [] },
    });
    renderApp(<AttachmentsPanel id={sourceId} />);
    await table();
    await userEvent.click(screen.getByRole('button', { name: 'Verify contract.pdf' }));
    await userEvent.click(screen.getByRole('button', { name: 'Verify photo.jpg' }));
    const rows = within(await table()).getAllByRole('row');
    await waitFor(() => expect(within(rows[1]!).getByRole('status')).toHaveTextContent('Intact'));
    await waitFor(() =>
      expect(within(rows[2]!).getByRole('status')).toHaveTextContent(
        '“photo.jpg” no longer matches the fingerprint recorded when it was added.',
      ),
    );
    expect(callsTo('attachments.verify')).toEqual([{ id: uuid(3001) }, { id: damaged.id }]);
  });

  it('saves a file by reading it in chunks and downloading exactly its bytes', async () => {
    const downloads = captureDownloads();
    try {
      const half = 20;
      resetBackend({
        'attachments.list': () => [attachment()],
        'sources.get': () => sourceDetail,
        'attachments.get': (input) => {
          const offset = input.offset ?? 0;
          const part = offset === 0 ? BYTES.slice(0, half) : BYTES.slice(offset);
          return {
            attachment: attachment(),
            offset,
            length: part.length,
            bytesBase64: Buffer.from(part).toString('base64'),
            complete: offset + part.length >= BYTES.length,
          };
        },
      });
      renderApp(<AttachmentsPanel id={sourceId} />);
      await table();
      await userEvent.click(screen.getByRole('button', { name: 'Save contract.pdf' }));
      await waitFor(() => expect(downloads.saved).toHaveLength(1));
      expect(downloads.saved[0]!.fileName).toBe('contract.pdf');
      expect(downloads.saved[0]!.blob.type).toBe('application/octet-stream');
      expect(Array.from(await blobBytes(downloads.saved[0]!.blob))).toEqual(Array.from(BYTES));
      expect(callsTo('attachments.get').map((c) => (c as { offset: number }).offset)).toEqual([0, half]);
    } finally {
      downloads.restore();
    }
  });

  it('refuses to save bytes that read back different from their fingerprint', async () => {
    const downloads = captureDownloads();
    try {
      resetBackend({
        'attachments.list': () => [attachment()],
        'sources.get': () => sourceDetail,
        'attachments.get': () => ({
          attachment: attachment(),
          offset: 0,
          length: BYTES.length,
          bytesBase64: Buffer.from(BYTES.map((b, i) => (i === 3 ? b ^ 1 : b))).toString('base64'),
          complete: true,
        }),
      });
      renderApp(<AttachmentsPanel id={sourceId} />);
      await table();
      await userEvent.click(screen.getByRole('button', { name: 'Save contract.pdf' }));
      expect(await screen.findByText(/read back different from what was added/)).toBeInTheDocument();
      expect(downloads.saved).toEqual([]);
    } finally {
      downloads.restore();
    }
  });

  it('in the desktop app, attaches and saves through its dialogs', async () => {
    const app = fakeDesktopApp({
      'app.attachFile': () => ({ attachment: attachment({ fileName: 'scan.tiff' }), deduplicated: false }),
      'app.saveAttachment': () => ({
        fileName: 'contract.pdf',
        path: '/home/j/contract.pdf',
        bytes: 37,
        sha256: sha,
      }),
    });
    try {
      resetBackend({ 'attachments.list': () => [attachment()], 'sources.get': () => sourceDetail });
      renderApp(<AttachmentsPanel id={sourceId} />);
      await userEvent.click(await screen.findByRole('button', { name: 'Attach file…' }));
      expect(
        await screen.findByText('“scan.tiff” attached. Its fingerprint is recorded.'),
      ).toBeInTheDocument();
      expect(screen.queryByLabelText('Attach a file to this source')).not.toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Save contract.pdf' }));
      expect(await screen.findByText('Saved to /home/j/contract.pdf')).toBeInTheDocument();
      expect(app.calls.map((c) => c.method).filter((m) => m !== 'app.capabilities')).toEqual([
        'app.attachFile',
        'app.saveAttachment',
      ]);
      expect(callsTo('attachments.get')).toEqual([]);
    } finally {
      app.restore();
    }
  });
});
