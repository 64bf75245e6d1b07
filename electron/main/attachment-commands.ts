// app.attachFile and app.saveAttachment: the renderer names a source or an attachment, the user
// chooses the file in a main-process dialog, and the bytes stream between disk and the case file
// without ever being whole in memory.
import { rmSync, statSync } from 'node:fs';
import { mediaTypeOfFile } from '../common/attachment-media-type';
import type { SavedAttachment } from '../schema/app-methods';
import type { AttachmentAdded } from '../schema/attachments';
import { type AppCase, type AppCommandContext, ensureStillOpen, inDocuments } from './app-command-context';
import { chooseOpenPath, chooseSavePath, claimNewFile } from './file-dialogs';

export async function attachFile(
  context: AppCommandContext,
  open: AppCase,
  input: { sourceId: string },
): Promise<AttachmentAdded | null> {
  // A removed or unknown source is refused before the user picks anything.
  open.local.requireSource(input.sourceId);
  const win = context.getWindow();
  const chosen = await chooseOpenPath(win, {
    title: 'Attach a file to the source',
    buttonLabel: 'Attach',
    properties: ['openFile'],
  });
  if (chosen === null) return null;
  ensureStillOpen(context, open);
  let size = 0;
  try {
    size = statSync(chosen).size;
  } catch {
    // addAttachmentFromFile reports a missing or unreadable file in its own words.
  }
  try {
    return await open.local.attachFromFile(
      { sourceId: input.sourceId, mediaType: mediaTypeOfFile(chosen) },
      chosen,
      {
        onProgress: (bytes) => {
          if (size > 0 && win !== null && !win.isDestroyed()) win.setProgressBar(Math.min(1, bytes / size));
        },
      },
    );
  } finally {
    if (win !== null && !win.isDestroyed()) win.setProgressBar(-1);
  }
}

export async function saveAttachment(
  context: AppCommandContext,
  open: AppCase,
  input: { id: string },
): Promise<SavedAttachment | null> {
  const attachment = open.local.attachment(input.id);
  const target = await chooseSavePath(context.getWindow(), {
    title: 'Save a copy of the attachment',
    defaultPath: inDocuments(context, attachment.fileName),
  });
  if (target === null) return null;
  ensureStillOpen(context, open);
  claimNewFile(target);
  try {
    const written = await open.local.saveAttachment(input.id, target);
    return { fileName: attachment.fileName, path: target, ...written };
  } catch (error) {
    // The file is ours (claimNewFile created it): a failed copy leaves nothing behind.
    rmSync(target, { force: true });
    throw error;
  }
}
