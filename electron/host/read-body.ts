// Reads a request body up to a limit, refusing as soon as the declared or the received size passes it,
// so an oversized upload is never buffered whole.
import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

export function declaredTooLarge(request: IncomingMessage, limit: number): boolean {
  const declared = request.headers['content-length'];
  return declared !== undefined && Number(declared) > limit;
}

export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        // Stop buffering; the caller answers 413 and closes the connection.
        request.pause();
        settle({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle({ ok: true, body: Buffer.concat(chunks) }));
    request.on('error', () => settle({ ok: false, reason: 'aborted' }));
    request.on('aborted', () => settle({ ok: false, reason: 'aborted' }));
  });
}
