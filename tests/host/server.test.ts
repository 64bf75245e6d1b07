import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../electron/common/content-security-policy';
import { MAX_BODY_BYTES, type RunningHost, startHost } from '../../electron/host/server';
import { HOST_SHIM_SOURCE, SHIM_PATH } from '../../electron/host/shim';
import { APP_METHODS } from '../../electron/schema/app-methods';
import type { Result } from '../../electron/schema/result';

const BODY_LIMIT = 1024;

let base: string;
let rendererDir: string;
let host: RunningHost;
const api = {
  call: vi.fn(async (method: string, input: unknown): Promise<Result<unknown>> => {
    if (method === 'claims.get')
      return { ok: false, error: { code: 'not_found', message: 'No such claim.' } };
    return { ok: true, value: { method, input } };
  }),
};

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'corroborate-host-'));
  rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(base, 'secret.txt'), 'top secret');
  host = await startHost({ api, rendererDir, bodyLimit: BODY_LIMIT });
});

afterAll(async () => {
  await host.close();
  rmSync(base, { recursive: true, force: true });
});

beforeEach(() => api.call.mockClear());

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so Host, Origin and the path are sent exactly as written (fetch would fix them up). */
function request(
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function post(method: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
}

describe('starting', () => {
  it('listens on 127.0.0.1 with a fresh 32-byte hex token and prints the page URL with it', () => {
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
  });

  it('uses a new token on every start', async () => {
    const other = await startHost({ api, rendererDir });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.close();
    }
  });

  it.each(['0.0.0.0', '::', '::1', 'localhost', '192.168.1.10', ''])(
    'refuses to bind %j',
    async (address) => {
      await expect(startHost({ api, rendererDir, host: address })).rejects.toThrow(/127\.0\.0\.1 only/);
    },
  );

  it('refuses a short or URL-unsafe token and a bad port', async () => {
    await expect(startHost({ api, rendererDir, token: 'short' })).rejects.toThrow(/token/);
    await expect(startHost({ api, rendererDir, token: `${'a'.repeat(40)}&x=1` })).rejects.toThrow(/token/);
    await expect(startHost({ api, rendererDir, port: 70_000 })).rejects.toThrow(/port/);
  });

  it('states its body limit: 64 MiB', () => {
    expect(MAX_BODY_BYTES).toBe(64 * 1024 * 1024);
  });

  it('close() is idempotent', async () => {
    const other = await startHost({ api, rendererDir });
    await other.close();
    await expect(other.close()).resolves.toBeUndefined();
  });
});

describe('POST /api/<method>', () => {
  it('runs the call and answers its Result as JSON', async () => {
    const response = await post('case.info', JSON.stringify({ a: 1 }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { method: 'case.info', input: { a: 1 } } });
    expect(api.call).toHaveBeenCalledWith('case.info', { a: 1 });
  });

  it('answers ok:false results with 200 too', async () => {
    const response = await post('claims.get', '{"id":"x"}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such claim.' },
    });
  });

  it('passes an empty body as no input, like IPC with undefined', async () => {
    await post('case.info', '');
    expect(api.call).toHaveBeenCalledWith('case.info', undefined);
  });

  it('decodes the method name and hands prototype-ish names to the api, which refuses them', async () => {
    await post('__proto__', '{}');
    await post('claims%2Elist', '{}');
    expect(api.call.mock.calls.map(([method]) => method)).toEqual(['__proto__', 'claims.list']);
  });

  it('accepts a charset=utf-8 content type', async () => {
    expect(
      (await post('case.info', '{}', { 'Content-Type': 'application/json; charset=UTF-8' })).status,
    ).toBe(200);
  });

  describe('401 without the right token', () => {
    it.each([
      ['no header', {}],
      ['empty bearer', { Authorization: 'Bearer ' }],
      ['wrong token', { Authorization: `Bearer ${'0'.repeat(64)}` }],
      ['token prefix', { Authorization: 'Bearer abc' }],
      ['other scheme', { Authorization: 'Basic Zm9vOmJhcg==' }],
    ])('%s', async (_name, headers) => {
      const response = await request({
        method: 'POST',
        path: '/api/case.info',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: '{}',
      });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(api.call).not.toHaveBeenCalled();
    });

    it('a token in the query string is not enough', async () => {
      const response = await request({
        method: 'POST',
        path: `/api/case.info?token=${host.token}`,
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(401);
    });
  });

  describe('403 for a foreign Host or Origin', () => {
    it.each([
      ['DNS-rebound Host', { Host: `evil.example:${'PORT'}` }],
      ['Host without port', { Host: '127.0.0.1' }],
      ['Host with other port', { Host: '127.0.0.1:1' }],
      ['0.0.0.0 Host', { Host: `0.0.0.0:${'PORT'}` }],
      ['foreign Origin', { Origin: 'https://evil.example' }],
      ['null Origin', { Origin: 'null' }],
      ['look-alike Origin', { Origin: `http://127.0.0.1:${'PORT'}.evil.example` }],
      ['https Origin', { Origin: `https://127.0.0.1:${'PORT'}` }],
    ])('%s', async (_name, headers) => {
      const withPort = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(host.port))]),
      );
      const response = await post('case.info', '{}', withPort);
      expect(response.status).toBe(403);
      expect(api.call).not.toHaveBeenCalled();
      const page = await request({ headers: withPort });
      expect(page.status).toBe(403);
    });

    it('accepts our own origin, by address or as localhost', async () => {
      expect((await post('case.info', '{}', { Origin: host.origin })).status).toBe(200);
      expect(
        (
          await post('case.info', '{}', {
            Host: `localhost:${host.port}`,
            Origin: `http://localhost:${host.port}`,
          })
        ).status,
      ).toBe(200);
    });
  });

  it('404 for an unknown path', async () => {
    for (const p of ['/api', '/api/', '/nope', '/api/a%2Fb', '/api/%E0%A4%A']) {
      const response = p.startsWith('/api')
        ? await request({
            method: 'POST',
            path: p,
            headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
            body: '{}',
          })
        : await request({ path: p });
      expect(response.status, p).toBe(404);
    }
    expect(api.call).not.toHaveBeenCalled();
  });

  it('405 for the wrong verb', async () => {
    const get = await request({ path: '/api/case.info', headers: { Authorization: `Bearer ${host.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const put = await request({ method: 'PUT', path: '/index.html' });
    expect(put.status).toBe(405);
    expect(api.call).not.toHaveBeenCalled();
  });

  it.each([
    undefined,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'application/json; charset=latin1',
    'application/jsonx',
  ])('415 for content type %j', async (contentType) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${host.token}` };
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    const response = await request({ method: 'POST', path: '/api/case.info', headers, body: '{}' });
    expect(response.status).toBe(415);
    expect(api.call).not.toHaveBeenCalled();
  });

  it.each(['{', '{"a":}', 'undefined', "{'a':1}", Buffer.from([0x7b, 0xff, 0x7d])])(
    '400 for malformed JSON %j',
    async (body) => {
      const response = await post('case.info', body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(api.call).not.toHaveBeenCalled();
    },
  );

  it('413 for a body over the limit, declared or streamed', async () => {
    const declared = await post('case.info', JSON.stringify({ s: 'x'.repeat(BODY_LIMIT) }));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/case.info',
          headers: {
            Authorization: `Bearer ${host.token}`,
            'Content-Type': 'application/json',
            'Transfer-Encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"s":"');
      req.write('x'.repeat(BODY_LIMIT));
      req.end('"}');
    });
    expect(streamed).toBe(413);
    expect(api.call).not.toHaveBeenCalled();
  });

  it('a body just under the limit passes', async () => {
    const body = JSON.stringify({ s: 'x'.repeat(BODY_LIMIT - 20) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BODY_LIMIT);
    expect((await post('case.info', body)).status).toBe(200);
  });

  it('refuses the desktop app’s dialog methods as unknown, without reaching the api', async () => {
    for (const method of APP_METHODS) {
      const response = await post(method, '{}');
      expect(response.status, method).toBe(200);
      expect(JSON.parse(response.body), method).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          message: expect.stringContaining('only available in the desktop app'),
        },
      });
    }
    expect(api.call).not.toHaveBeenCalled();
  });

  it('the raw attachment routes check the token first, and answer 404 when the host has no case file', async () => {
    for (const [method, p] of [
      ['POST', '/api/attachments.upload?sourceId=x&fileName=y'],
      ['GET', '/api/attachments.download?id=x'],
    ] as const) {
      const headers = { 'Content-Type': 'application/octet-stream' };
      const anonymous = await request({
        method,
        path: p,
        headers,
        body: method === 'POST' ? 'x' : undefined,
      });
      expect(anonymous.status, p).toBe(401);
      const authorized = await request({
        method,
        path: p,
        headers: { ...headers, Authorization: `Bearer ${host.token}` },
        body: method === 'POST' ? 'x' : undefined,
      });
      expect(authorized.status, p).toBe(404);
      expect(JSON.parse(authorized.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(api.call).not.toHaveBeenCalled();
  });

  it('answers internal (500) if the api ever throws', async () => {
    api.call.mockRejectedValueOnce(new Error('boom'));
    const response = await post('case.info', '{}');
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });
});

describe('GET: the renderer', () => {
  it('serves index.html with the shim first in <head> and the CSP header', async () => {
    for (const p of ['/', '/index.html', `/?token=${host.token}`]) {
      const response = await request({ path: p });
      expect(response.status, p).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.body).toMatch(/<head>\s*<script src="\/host-shim\.js"><\/script>/);
      expect(response.body.indexOf(SHIM_PATH)).toBeLessThan(response.body.indexOf('./assets/app.js'));
      // The token is never part of what is served.
      expect(response.body).not.toContain(host.token);
    }
  });

  it('serves the shim as an external script (the CSP forbids inline ones)', async () => {
    const response = await request({ path: SHIM_PATH });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body).toBe(HOST_SHIM_SOURCE);
    expect(response.body).not.toContain(host.token);
  });

  it('serves assets with their type and the CSP header, HEAD without a body', async () => {
    const response = await request({ path: '/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const head = await request({ method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/..\\secret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/secret.txt%00.js',
    '//etc/passwd',
    '/missing.js',
    '/assets',
  ])('refuses %s (404)', async (p) => {
    const response = await request({ path: p });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('top secret');
  });

  it('refuses an absolute-form request target', async () => {
    const response = await request({ path: `http://127.0.0.1:${host.port}/index.html` });
    expect(response.status).toBe(404);
  });
});
