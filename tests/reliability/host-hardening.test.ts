// The loopback host under hostile or careless clients: oversized bodies (declared and streamed),
// malformed JSON (truncated, not UTF-8, nested past the parser's stack), wrong content types, a
// flood of 2,000 requests at once and idle connections left open. Each is answered with a clear
// Result and the right status, nothing reaches the case that should not, and afterwards the host
// still answers and the case is whole.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiWithFile as Api, createApi } from '../../electron/api/create-api';
import { MAX_BODY_BYTES, type RunningHost, startHost } from '../../electron/host/server';
import { healthProblems } from './support/health';

let dir: string;
let api: Api;
let host: RunningHost;
const BODY_LIMIT = 1024 * 1024;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corroborate-host-'));
  const renderer = join(dir, 'renderer');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Corroborate</title>');
  api = createApi(join(dir, 'case.evidence'), { create: true, actor: 'tester' });
  host = await startHost({ api, rendererDir: renderer, bodyLimit: BODY_LIMIT });
});
afterAll(async () => {
  await host.close();
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: { ok: boolean; error?: { code: string; message: string }; value?: unknown } | null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
afterAll(() => agent.destroy());

function post(
  method: string,
  body: string | Buffer | null,
  headers: Record<string, string> = {},
  options: { agent?: http.Agent | false } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/api/${method}`,
        agent: options.agent ?? agent,
        headers: {
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/json',
          ...(body !== null ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Answer['body'] = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== null) req.end(body);
    else req.end();
  });
}

async function stillServing(): Promise<void> {
  const r = await post('case.info', '{}', {}, { agent: false });
  expect(r.status).toBe(200);
  expect(r.body?.ok).toBe(true);
}

const claims = () => api.file.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;

describe('oversized bodies', () => {
  it('a declared size past the limit is refused with 413 before a byte is read', async () => {
    const socket = net.connect(host.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
      });
      socket.on('close', () => resolve(text));
    });
    // Claims 10 GB but sends nothing: the host must not wait for (or buffer) it.
    socket.write(
      `POST /api/claims.create HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${10 * 1024 ** 3}\r\n\r\n`,
    );
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text).toContain(`The body exceeds ${BODY_LIMIT} bytes`);
    await stillServing();
  });

  it('a streamed body (no length given) is cut off at the limit with 413, and nothing is created', async () => {
    const before = claims();
    const huge = JSON.stringify({ statement: 'x'.repeat(BODY_LIMIT * 3) });
    const r = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/claims.create',
          agent: false,
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
      req.on('error', (e: NodeJS.ErrnoException) =>
        e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(413) : reject(e),
      );
      for (let i = 0; i < huge.length; i += 64 * 1024) req.write(huge.slice(i, i + 64 * 1024));
      req.end();
    });
    expect(r).toBe(413);
    expect(claims()).toBe(before);
    await stillServing();
  });

  it('the default limit is stated and generous enough for a 1 MB excerpt', () => {
    expect(MAX_BODY_BYTES).toBeGreaterThanOrEqual(8 * 1024 * 1024);
  });
});

describe('malformed requests', () => {
  it.each([
    ['truncated JSON', '{"statement": "Sergek'],
    ['a JavaScript object, not JSON', "{statement: 'x'}"],
    ['trailing garbage', '{"statement":"x"} DROP TABLE claims'],
    ['a lone surrogate escaped is fine JSON but broken text', '{"statement":"\\ud800"}'],
    ['arrays nested 200,000 deep', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
  ])('%s: 400 or invalid_input, nothing created', async (_label, body) => {
    const before = claims();
    const r = await post('claims.create', body);
    expect([200, 400]).toContain(r.status);
    expect(r.body?.ok).toBe(false);
    expect(r.body?.error?.code).toBe('invalid_input');
    expect(claims()).toBe(before);
  });

  it('bytes that are not UTF-8: 400', async () => {
    const r = await post(
      'claims.create',
      Buffer.from([0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    );
    expect(r.status).toBe(400);
    expect(r.body?.error?.message).toMatch(/not valid UTF-8 JSON/);
  });

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['application/json; charset=latin1'],
    ['application/jsonp'],
  ])('content type %s: 415', async (type) => {
    const before = claims();
    const r = await post('claims.create', '{"statement":"typed wrongly"}', { 'Content-Type': type });
    expect(r.status).toBe(415);
    expect(r.body?.error?.code).toBe('invalid_input');
    expect(claims()).toBe(before);
  });

  it('no content type at all: 415', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/claims.create',
          agent: false,
          headers: { Authorization: `Bearer ${host.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{"statement":"untyped"}');
    });
    expect(r).toBe(415);
  });
});

describe('floods', () => {
  it('2,000 requests at once, valid and not: every one answered correctly within bounds; the case is whole', async () => {
    const before = claims();
    const started = performance.now();
    const kinds = ['create', 'invalid', 'badjson', 'notoken', 'list'] as const;
    const results = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) => {
        const kind = kinds[i % kinds.length]!;
        switch (kind) {
          case 'create':
            return post('claims.create', JSON.stringify({ statement: `Flood claim ${i}` })).then((r) => ({
              kind,
              r,
            }));
          case 'invalid':
            return post('claims.create', JSON.stringify({ statement: '' })).then((r) => ({ kind, r }));
          case 'badjson':
            return post('claims.create', '{"statement":').then((r) => ({ kind, r }));
          case 'notoken':
            return post('claims.create', '{"statement":"x"}', { Authorization: 'Bearer wrong' }).then(
              (r) => ({ kind, r }),
            );
          default:
            return post('claims.list', '{"limit":5}').then((r) => ({ kind, r }));
        }
      }),
    );
    const elapsed = performance.now() - started;
    const expected: Record<(typeof kinds)[number], [number, boolean]> = {
      create: [200, true],
      invalid: [200, false],
      badjson: [400, false],
      notoken: [401, false],
      list: [200, true],
    };
    const wrong = results.filter(
      ({ kind, r }) => r.status !== expected[kind][0] || r.body?.ok !== expected[kind][1],
    );
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(claims() - before).toBe(400);
    // The figure is for people to read; a stall shows up as the test's own timeout, not as a bound.
    console.info(`flood: 2,000 requests answered in ${Math.round(elapsed)} ms`);
    await stillServing();
    expect(await healthProblems(api.file)).toEqual([]);
  });

  it('200 connections left open without finishing a request do not stop others being served', async () => {
    const sockets = await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(host.port, '127.0.0.1', () => {
              s.write(`POST /api/claims.create HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Le`);
              resolve(s);
            });
            s.on('error', () => undefined);
          }),
      ),
    );
    try {
      // Answered while 200 half-sent requests hold their connections open.
      await stillServing();
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});
