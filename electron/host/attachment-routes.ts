// Raw-body routes for attachments, beside the JSON contract: a file of any size (up to
// MAX_UPLOAD_BYTES) streams from the request into the case file, and back out, without ever being
// whole in memory. Same guards as every route (Host/Origin in server.ts, then the token here).
//
//   POST /api/attachments.upload?sourceId=<uuid>&fileName=<name>&mediaType=<type>
//        Content-Type: application/octet-stream, body = the file's bytes
//        → 200 with the Result of attachments.add ({attachment, deduplicated}) or ok:false;
//          401 wrong token, 405 wrong verb, 413 over the limit, 415 other content type.
//   GET  /api/attachments.download?id=<uuid>
//        → 200 with the bytes exactly as received (application/octet-stream, Content-Disposition
//          attachment), X-Corroborate-Sha256 and X-Corroborate-Media-Type headers;
//          a Result as JSON otherwise (400 invalid_input, 401, 404 not_found, 500).
// Both need `Authorization: Bearer <token>`, so a page reaches them through the shim's
// window.corroborate.upload / download (fetch or XHR), never through a plain link.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { LocalApi } from '../api/local-api';
import { type Attachment, AttachmentMeta } from '../schema/attachments';
import { CoreError, parseInput, toResultError } from '../schema/errors';
import { Id } from '../schema/inputs';
import type { ApiError, Result } from '../schema/result';
import { declaredTooLarge } from './read-body';
import { bearerToken, tokensMatch } from './request-guards';
import { failure, sendResult } from './respond';

export const UPLOAD_METHOD = 'attachments.upload';
export const DOWNLOAD_METHOD = 'attachments.download';
/** Largest file the upload route takes: 4 GiB. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export interface AttachmentRouteContext {
  /** The open case's trusted face; without one (a host serving a stand-in api) these routes answer 404. */
  local: LocalApi | undefined;
  token: string;
  uploadLimit: number;
}

const DownloadQuery = z.object({ id: Id }).strict();

class TooLarge extends Error {}

function authorized(
  request: IncomingMessage,
  response: ServerResponse,
  ctx: AttachmentRouteContext,
): boolean {
  if (tokensMatch(bearerToken(request.headers.authorization), ctx.token)) return true;
  sendResult(response, 401, failure('invalid_input', 'Missing or wrong token.'), {
    'WWW-Authenticate': 'Bearer',
    Connection: 'close',
  });
  return false;
}

const toResult = (error: unknown): Result<never> => toResultError(error);

/** Only the parameters a route knows; a repeated one is refused rather than guessed at. */
function queryObject(query: string, known: readonly string[]): Record<string, string> {
  const params = new URLSearchParams(query);
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) {
      throw new CoreError('invalid_input', `Invalid input: ${key} is given more than once`, {
        [key]: 'is given more than once',
      });
    }
    if (known.includes(key)) out[key] = values[0] ?? '';
    else
      throw new CoreError('invalid_input', `Invalid input: ${key} is not a known field`, {
        [key]: 'is not a known field',
      });
  }
  return out;
}

function isOctetStream(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/octet-stream';
}

/** Counts as it passes the bytes on and stops the upload the moment it goes over the limit. */
async function* limited(request: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  let size = 0;
  // Leaving the loop early (over the limit, or the core refusing) must not destroy the request:
  // its socket still has to carry our answer.
  for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new TooLarge();
    yield chunk;
  }
}

export async function handleUpload(
  request: IncomingMessage,
  response: ServerResponse,
  query: string,
  ctx: AttachmentRouteContext,
): Promise<void> {
  // Refusals of the request itself (verb, token, type, size) close the connection at once: the
  // unread bytes are not drained for a client we do not trust or a body we will never take.
  const close = { Connection: 'close' };
  if (request.method !== 'POST') {
    return sendResult(response, 405, failure('invalid_input', 'Uploads are POST requests.'), {
      Allow: 'POST',
      ...close,
    });
  }
  if (!authorized(request, response, ctx)) return;
  if (!isOctetStream(request.headers['content-type'])) {
    return sendResult(
      response,
      415,
      failure('invalid_input', 'The body of an upload must be application/octet-stream.'),
      close,
    );
  }
  if (ctx.local === undefined) {
    return sendResult(response, 404, failure('not_found', 'This host has no case file for uploads.'), close);
  }
  const tooLarge = (): void =>
    sendResult(
      response,
      413,
      failure('invalid_input', `The file exceeds the upload limit of ${ctx.uploadLimit} bytes.`),
      close,
    );
  if (declaredTooLarge(request, ctx.uploadLimit)) return tooLarge();
  // A refusal of what the upload says (bad metadata, unknown source) is answered once the body is
  // in: browsers report an answer that arrives mid-upload as a network error, not as the Result.
  const refuse = (error: unknown): Promise<void> =>
    drain(request, ctx.uploadLimit).then((drained) => {
      if (drained === 'ended') sendResult(response, 200, toResult(error));
      else if (drained === 'too_large') tooLarge();
      else response.destroy();
    });
  let meta: AttachmentMeta;
  try {
    meta = parseInput(AttachmentMeta, queryObject(query, ['sourceId', 'fileName', 'mediaType']));
  } catch (error) {
    return refuse(error);
  }
  try {
    // Checks the source before the first byte is read.
    const added = await ctx.local.attachFromStream(meta, limited(request, ctx.uploadLimit));
    sendResult(response, 200, { ok: true, value: added });
  } catch (error) {
    if (error instanceof TooLarge) return tooLarge();
    if (!(error instanceof CoreError) && (request.destroyed || request.readableAborted)) {
      // The client went away mid-upload: nothing was recorded and nobody is left to answer.
      response.destroy();
      return;
    }
    return refuse(error);
  }
}

/** Reads and discards the rest of a request body, up to `limit` bytes. */
function drain(request: IncomingMessage, limit: number): Promise<'ended' | 'too_large' | 'aborted'> {
  if (request.readableEnded) return Promise.resolve('ended');
  if (request.destroyed) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    let seen = 0;
    let settled = false;
    const settle = (outcome: 'ended' | 'too_large' | 'aborted'): void => {
      if (settled) return;
      settled = true;
      request.removeListener('data', onData);
      if (outcome === 'too_large') request.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > limit) settle('too_large');
    };
    request.on('data', onData);
    request.once('end', () => settle('ended'));
    request.once('error', () => settle('aborted'));
    request.once('close', () => settle(request.readableEnded ? 'ended' : 'aborted'));
    request.resume();
  });
}

/** `attachment; filename="…"` with an ASCII fallback and the exact name as RFC 5987 `filename*`. */
export function contentDisposition(fileName: string): string {
  const safe = fileName.toWellFormed().replace(/[\p{Cc}/\\]/gu, '_');
  const ascii =
    safe
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%;]/g, '_')
      .trim() || 'attachment';
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function damaged(attachment: Attachment): CoreError {
  return new CoreError(
    'integrity',
    `"${attachment.fileName}" no longer matches the fingerprint recorded when it was added; it was not sent. Run "Verify case integrity".`,
  );
}

/**
 * The stored chunks, re-hashed on the way out. The last chunk is only sent once the whole file is
 * known to match its recorded sha256, so damaged bytes never arrive complete: the response is cut
 * short and the client sees an error, not a file.
 */
async function* verifiedChunks(local: LocalApi, attachment: Attachment): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of local.openAttachment(attachment.id) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    if (bytes > attachment.size) throw damaged(attachment);
    if (bytes === attachment.size && hash.copy().digest('hex') !== attachment.sha256)
      throw damaged(attachment);
    yield chunk;
  }
  if (bytes !== attachment.size || (bytes === 0 && hash.digest('hex') !== attachment.sha256))
    throw damaged(attachment);
}

const statusOf: Partial<Record<ApiError['code'], number>> = { invalid_input: 400, not_found: 404 };

export async function handleDownload(
  request: IncomingMessage,
  response: ServerResponse,
  query: string,
  ctx: AttachmentRouteContext,
): Promise<void> {
  if (request.method !== 'GET') {
    return sendResult(response, 405, failure('invalid_input', 'Downloads are GET requests.'), {
      Allow: 'GET',
    });
  }
  if (!authorized(request, response, ctx)) return;
  if (ctx.local === undefined) {
    return sendResult(response, 404, failure('not_found', 'This host has no case file for downloads.'));
  }
  const local = ctx.local;
  let attachment: Attachment;
  try {
    const { id } = parseInput(DownloadQuery, queryObject(query, ['id']));
    attachment = local.attachment(id);
  } catch (error) {
    const result = toResult(error);
    return sendResult(response, result.ok ? 200 : (statusOf[result.error.code] ?? 500), result);
  }
  response.writeHead(200, {
    // Never the recorded media type: bytes from a source must not render as a page on our origin.
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(attachment.size),
    'Content-Disposition': contentDisposition(attachment.fileName),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    'X-Corroborate-Sha256': attachment.sha256,
    'X-Corroborate-Media-Type': attachment.mediaType,
  });
  try {
    await pipeline(Readable.from(verifiedChunks(local, attachment)), response);
  } catch {
    // Headers are gone; cutting the response short is how the client learns the bytes are not whole.
    response.destroy();
  }
}
