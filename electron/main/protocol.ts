// The renderer is served from app://corroborate/ (not file://), so it has a real origin for the CSP
// and the IPC check, and file access stays limited to the built renderer folder.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { securityHeaders } from '../common/content-security-policy';
import { mimeTypeOf } from '../common/mime-types';
import { APP_SCHEME, resolveAppPath } from '../common/trusted-url';

/** Must run before `app` is ready: privileges cannot be granted afterwards. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Pure request → response mapping, testable without Electron. */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppPath(rootDir, request.url);
    if (file === null) return plain(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      // Missing, a directory, unreadable: the page learns nothing more than "not here".
      return plain(404, 'Not found');
    }
    const headers = { ...securityHeaders(), 'Content-Type': mimeTypeOf(file) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

export function serveAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}
