// The contract over HTTP on 127.0.0.1, for tests and headless use. A thin loop over `api.call`, like
// the Electron IPC channel: every guard runs before the body is read, and every answer to an API
// request is a Result as JSON (status 200 for ok:false results too).
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../api/create-api';
import { hasControlCharacter } from '../common/trusted-url';
import { isAppMethod } from '../schema/app-methods';
import type { Result } from '../schema/result';
import {
  DOWNLOAD_METHOD,
  handleDownload,
  handleUpload,
  MAX_UPLOAD_BYTES,
  UPLOAD_METHOD,
} from './attachment-routes';
import { declaredTooLarge, readBody } from './read-body';
import {
  bearerToken,
  isAllowedHostHeader,
  isAllowedOrigin,
  isJsonContentType,
  isValidToken,
  tokensMatch,
} from './request-guards';
import { failure, send, sendResult } from './respond';
import { loadStaticFile } from './static-files';

/** Largest JSON request body accepted; larger files go through the raw upload route (attachment-routes.ts). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
export const LOOPBACK_ADDRESS = '127.0.0.1';
const API_PREFIX = '/api/';
const MAX_METHOD_LENGTH = 200;

/** The part of the contract's Api the host needs; the host does not own (or close) it. */
export type HostApi = Pick<Api, 'call'> & {
  /** The trusted face, for the raw attachment routes; without it they answer 404. */
  readonly local?: Api['local'];
  /** A locked case (an encrypted case waiting for its passphrase): the routes answer as for no case. */
  readonly locked?: boolean;
};

export interface HostOptions {
  api: HostApi;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Only 127.0.0.1 is accepted; the option exists so a wrong value fails loudly instead of being ignored. */
  host?: string;
  /** Absent: 32 random bytes, hex. Given: URL-safe, at least 32 characters. */
  token?: string;
  /** Defaults to MAX_BODY_BYTES; tests lower it. */
  bodyLimit?: number;
  /** Largest raw upload; defaults to MAX_UPLOAD_BYTES. */
  uploadLimit?: number;
}

export interface RunningHost {
  /** The page to open: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  /** `http://127.0.0.1:<port>`, for API calls. */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

interface Context {
  api: HostApi;
  rendererDir: string;
  token: string;
  bodyLimit: number;
  uploadLimit: number;
  port: number;
}

/** A 4 GiB upload to a slow disk takes longer than Node's default 5 minutes for a whole request. */
const REQUEST_TIMEOUT_MS = 60 * 60 * 1000;

/** `/api/<method>` → method name, or null when the path names none (404). */
function methodOf(rawPath: string): string | null {
  if (!rawPath.startsWith(API_PREFIX)) return null;
  let method: string;
  try {
    method = decodeURIComponent(rawPath.slice(API_PREFIX.length));
  } catch {
    return null;
  }
  if (
    method === '' ||
    method.length > MAX_METHOD_LENGTH ||
    /[/\\]/.test(method) ||
    hasControlCharacter(method)
  ) {
    return null;
  }
  return method;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function handleApi(
  request: IncomingMessage,
  response: ServerResponse,
  rawPath: string,
  query: string,
  ctx: Context,
) {
  const method = methodOf(rawPath);
  if (method === null) return sendResult(response, 404, failure('not_found', 'No such API path.'));
  if (method === UPLOAD_METHOD || method === DOWNLOAD_METHOD) {
    // A locked case has no file to stream to or from: the routes refuse as for a missing case.
    const routeContext = {
      local: ctx.api.locked ? undefined : ctx.api.local,
      token: ctx.token,
      uploadLimit: ctx.uploadLimit,
    };
    return method === UPLOAD_METHOD
      ? handleUpload(request, response, query, routeContext)
      : handleDownload(request, response, query, routeContext);
  }
  if (request.method !== 'POST') {
    return sendResult(response, 405, failure('invalid_input', 'API calls are POST requests.'), {
      Allow: 'POST',
    });
  }
  if (!tokensMatch(bearerToken(request.headers.authorization), ctx.token)) {
    return sendResult(response, 401, failure('invalid_input', 'Missing or wrong token.'), {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (!isJsonContentType(request.headers['content-type'])) {
    return sendResult(response, 415, failure('invalid_input', 'The body must be application/json (UTF-8).'));
  }
  const tooLarge = (): void =>
    sendResult(response, 413, failure('invalid_input', `The body exceeds ${ctx.bodyLimit} bytes.`), {
      Connection: 'close',
    });
  if (declaredTooLarge(request, ctx.bodyLimit)) return tooLarge();
  const read = await readBody(request, ctx.bodyLimit);
  if (!read.ok) {
    if (read.reason === 'too_large') return tooLarge();
    request.destroy();
    return;
  }
  let input: unknown;
  try {
    const text = utf8.decode(read.body);
    // No body means no input, as when the renderer calls over IPC with `undefined`.
    input = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return sendResult(response, 400, failure('invalid_input', 'The body is not valid UTF-8 JSON.'));
  }
  if (isAppMethod(method)) {
    // Dialog methods name files on this machine; only the desktop app answers them. The renderer
    // reads this refusal (to app.capabilities) as "use the browser flows".
    return sendResult(
      response,
      200,
      failure('invalid_input', `Unknown method "${method}": it is only available in the desktop app.`),
    );
  }
  let result: Result<unknown>;
  try {
    result = await ctx.api.call(method, input);
  } catch (error) {
    // `call` never throws by contract; if it does, the caller still gets a Result.
    return sendResult(
      response,
      500,
      failure('internal', error instanceof Error ? error.message : String(error)),
    );
  }
  sendResult(response, 200, result);
}

async function handle(request: IncomingMessage, response: ServerResponse, ctx: Context): Promise<void> {
  // Host first: a DNS-rebound page reaches us with its own name. Origin next: a foreign page's request.
  if (
    !isAllowedHostHeader(request.headers.host, ctx.port) ||
    !isAllowedOrigin(request.headers.origin, ctx.port)
  ) {
    return sendResult(response, 403, failure('invalid_input', 'Refused: foreign Host or Origin.'));
  }
  const rawUrl = request.url ?? '';
  if (!rawUrl.startsWith('/')) return sendResult(response, 404, failure('not_found', 'Not found.'));
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  const query = rawUrl.slice(rawPath.length).replace(/^\?/, '').split('#', 1)[0] ?? '';
  if (rawPath === '/api' || rawPath.startsWith(API_PREFIX))
    return handleApi(request, response, rawPath, query, ctx);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, HEAD' });
  }
  const file = await loadStaticFile(ctx.rendererDir, rawPath);
  if (file === null) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  send(response, 200, file.contentType, file.body, {}, request.method === 'HEAD');
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const address = options.host ?? LOOPBACK_ADDRESS;
  if (address !== LOOPBACK_ADDRESS) {
    throw new Error(`The Corroborate host binds ${LOOPBACK_ADDRESS} only; refusing to bind "${address}".`);
  }
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new Error(`Invalid port: ${requestedPort}`);
  }
  const token = options.token ?? randomBytes(32).toString('hex');
  if (!isValidToken(token)) throw new Error('The token must be at least 32 URL-safe characters.');

  const ctx: Context = {
    api: options.api,
    rendererDir: options.rendererDir,
    token,
    bodyLimit: options.bodyLimit ?? MAX_BODY_BYTES,
    uploadLimit: options.uploadLimit ?? MAX_UPLOAD_BYTES,
    port: 0,
  };
  const server = http.createServer((request, response) => {
    handle(request, response, ctx).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else
        sendResult(
          response,
          500,
          failure('internal', error instanceof Error ? error.message : String(error)),
        );
    });
  });

  server.requestTimeout = REQUEST_TIMEOUT_MS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, LOOPBACK_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  ctx.port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK_ADDRESS}:${ctx.port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `${origin}/?token=${token}`, origin, port: ctx.port, token, close };
}
