// An attachment's bytes back out, exactly as received: read in ranges (attachments.get never sends
// more than one chunk per call), checked against the recorded sha256, then offered as a download.
import type { Attachment } from '../../../electron/schema/attachments';
import { client } from '../client';
import { downloadBlob } from '../files/downloads';
import { base64ToBytes } from '../files/read-file';

/** 4 MiB per call: small answers keep the app responsive and the progress moving. */
export const SAVE_CHUNK = 4 * 1024 * 1024;

function bytesOf(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('The bytes could not be read back.'));
    reader.readAsArrayBuffer(blob);
  });
}

async function sha256Hex(blob: Blob): Promise<string | null> {
  // crypto.subtle exists in secure contexts only (app://, 127.0.0.1); elsewhere the size check stands alone.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new Uint8Array(await bytesOf(blob)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function readAttachment(
  attachment: Attachment,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await client.attachments.get({ id: attachment.id, offset, length: SAVE_CHUNK });
    parts.push(base64ToBytes(chunk.bytesBase64));
    offset += chunk.length;
    onProgress(offset, attachment.size);
    if (chunk.complete || chunk.length === 0) break;
  }
  // Always octet-stream: the bytes of a source must never render as a page of ours.
  const blob = new Blob(parts, { type: 'application/octet-stream' });
  const hash = await sha256Hex(blob);
  if (blob.size !== attachment.size || (hash !== null && hash !== attachment.sha256)) {
    throw new Error(
      `“${attachment.fileName}” read back different from what was added (its fingerprint does not match); it was not saved. Run “Verify case integrity”.`,
    );
  }
  return blob;
}

export async function saveAttachment(
  attachment: Attachment,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  downloadBlob(await readAttachment(attachment, onProgress), attachment.fileName);
}
