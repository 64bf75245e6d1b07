// The raw attachment routes of the host against a real case file: a large upload streams into the
// case without being buffered, and a download gives back exactly the bytes received.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ApiWithFile as Api } from '../../electron/api/create-api';
import { contentDisposition, MAX_UPLOAD_BYTES } from '../../electron/host/attachment-routes';
import { type RunningHost, startHost } from '../../electron/host/server';
import type { Attachment, AttachmentAdded } from '../../electron/schema/attachments';
import type { Result } from '../../electron/schema/result';
import { cleanUpAfterEach, newApi, reopenCase, sha256, snapshot, tempDir } from '../support/temp-case';

cleanUpAfterEach();

const MiB = 1024 * 1024;
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

function rendererDir(): string {
  const dir = path.join(tempDir('corroborate-upload-renderer-'), 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  return dir;
}

async function serve(api: Api, options: { uploadLimit?: number } = {}): Promise<RunningHost> {
  const host = await startHost({ api, rendererDir: rendererDir(), ...options });
  hosts.push(host);
  return host;
}

async function caseWithSource(): Promise<{ api: Api; sourceId: string }> {
  const api = newApi();
  const created = await api.call('sources.create', {
    title: 'Tender documents',
    kind: 'leak',
    reliability: 'C',
  });
  if (!created.ok) throw new Error(created.error.message);
  return { api, sourceId: (created.value as { id: string }).id };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface UploadOptions {
  query: Record<string, string>;
  token?: string;
  headers?: Record<string, string>;
  /** The body, written piece by piece with backpressure; a generator never holds it whole. */
  body: Iterable<Buffer>;
  /** Declared length; absent: chunked. */
  length?: number;
}

function upload(host: RunningHost, options: UploadOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const query = new URLSearchParams(options.query).toString();
    const headers: Record<string, string> = {
      Host: `127.0.0.1:${host.port}`,
      Authorization: `Bearer ${options.token ?? host.token}`,
      'Content-Type': 'application/octet-stream',
      ...options.headers,
    };
    if (options.length !== undefined) headers['Content-Length'] = String(options.length);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/api/attachments.upload?${query}`,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    // The server may answer and close before the whole body is sent (refusals): that is not a failure here.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const pieces = options.body[Symbol.iterator]();
    const pump = (): void => {
      for (;;) {
        const next = pieces.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

function download(host: RunningHost, query: string, token = host.token, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method,
        path: `/api/attachments.download${query}`,
        headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function result<T>(answer: Answer): Result<T> {
  return JSON.parse(answer.body.toString('utf8')) as Result<T>;
}

/** `total` bytes of random data in 1 MiB pieces, hashed as they are produced. */
function generated(total: number, piece = MiB): { body: Iterable<Buffer>; digest(): string } {
  const hash = createHash('sha256');
  return {
    body: (function* () {
      for (let sent = 0; sent < total; sent += piece) {
        const bytes = randomBytes(Math.min(piece, total - sent));
        hash.update(bytes);
        yield bytes;
      }
    })(),
    digest: () => hash.digest('hex'),
  };
}

/**
 * The uploading client runs in its own process, so this process's memory is the host's alone: it
 * sends `size` random bytes, 1 MiB at a time with backpressure, and reports their sha256.
 */
const UPLOAD_CLIENT = `
const http = require('node:http');
const { createHash, randomBytes } = require('node:crypto');
const [port, token, query, size] = process.argv.slice(1);
const total = Number(size);
const hash = createHash('sha256');
const req = http.request(
  { host: '127.0.0.1', port, method: 'POST', path: '/api/attachments.upload?' + query,
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/octet-stream', 'Content-Length': String(total) } },
  (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, sha256: hash.digest('hex'), body: Buffer.concat(chunks).toString('utf8') })));
  });
let sent = 0;
const pump = () => {
  while (sent < total) {
    const bytes = randomBytes(Math.min(1 << 20, total - sent));
    hash.update(bytes);
    sent += bytes.length;
    if (!req.write(bytes)) return void req.once('drain', pump);
  }
  req.end();
};
pump();
`;

function uploadFromChildProcess(
  host: RunningHost,
  sourceId: string,
  fileName: string,
  size: number,
  mediaType?: string,
): Promise<{ answer: Answer; sha256: string }> {
  const query = new URLSearchParams({ sourceId, fileName, ...(mediaType ? { mediaType } : {}) }).toString();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', UPLOAD_CLIENT, String(host.port), host.token, query, String(size)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`upload client exited ${code}`));
      const parsed = JSON.parse(out) as { status: number; sha256: string; body: string };
      resolve({
        answer: { status: parsed.status, headers: {}, body: Buffer.from(parsed.body) },
        sha256: parsed.sha256,
      });
    });
  });
}

async function attachmentsOf(api: Api, sourceId: string): Promise<Attachment[]> {
  const listed = await api.call('attachments.list', { sourceId });
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value as Attachment[];
}

describe('POST /api/attachments.upload', () => {
  it('streams a 128 MB body into the case without buffering it: same sha256, RSS growth well below the body', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    // Warm up first (SQLite's page caches fill to their fixed size, JIT), so the measurement sees
    // what grows with the body, if anything.
    const warm = await uploadFromChildProcess(host, sourceId, 'warm-up.bin', 32 * MiB);
    expect(warm.answer.status).toBe(200);

    // Large enough that buffering it (> 128 MiB) and streaming it (25–35 MiB of page cache and
    // chunks, more under load) stand far apart from the bound below.
    const size = 128 * MiB;
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakBuffers = before.arrayBuffers;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    }, 5);
    const started = performance.now();
    let sent: { answer: Answer; sha256: string };
    try {
      sent = await uploadFromChildProcess(host, sourceId, 'Интервью — recording.m4a', size, 'audio/mp4');
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    const rssGrowth = peakRss - before.rss;
    console.info(
      `upload ${size / MiB} MiB: ${seconds.toFixed(2)} s (${(size / MiB / seconds).toFixed(0)} MiB/s), host process peak RSS growth ${(rssGrowth / MiB).toFixed(1)} MiB, peak Buffer growth (garbage not yet collected included) ${((peakBuffers - before.arrayBuffers) / MiB).toFixed(1)} MiB`,
    );

    expect(sent.answer.status).toBe(200);
    expect(result<AttachmentAdded>(sent.answer)).toMatchObject({
      ok: true,
      value: {
        deduplicated: false,
        attachment: {
          sourceId,
          fileName: 'Интервью — recording.m4a',
          mediaType: 'audio/mp4',
          size,
          sha256: sent.sha256,
        },
      },
    });
    // Buffered whole, the body alone would add 128 MiB; streamed, memory stays at a few chunks.
    expect(rssGrowth).toBeLessThan(size / 2);
    expect(await attachmentsOf(api, sourceId)).toHaveLength(2);
    const verified = await api.call('attachments.verify', {});
    expect(verified).toMatchObject({ ok: true, value: { ok: true, checked: 2 } });
  }, 120_000);

  it('the same bytes uploaded again are stored once and linked again', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const bytes = randomBytes(3 * MiB + 17);
    const first = result<AttachmentAdded>(
      await upload(host, { query: { sourceId, fileName: 'a.pdf' }, body: [bytes] }),
    );
    const second = result<AttachmentAdded>(
      await upload(host, { query: { sourceId, fileName: 'b.pdf' }, body: [bytes] }),
    );
    expect(first).toMatchObject({
      ok: true,
      value: { deduplicated: false, attachment: { sha256: sha256(bytes) } },
    });
    expect(second).toMatchObject({
      ok: true,
      value: { deduplicated: true, attachment: { sha256: sha256(bytes) } },
    });
    expect(api.file.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
  });

  it('an empty file is accepted', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const answer = result<AttachmentAdded>(
      await upload(host, { query: { sourceId, fileName: 'empty.txt' }, body: [] }),
    );
    expect(answer).toMatchObject({
      ok: true,
      value: { attachment: { size: 0, sha256: sha256(Buffer.alloc(0)) } },
    });
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'f'.repeat(64)],
  ])('401 with %s, and nothing is recorded', async (_name, token) => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const before = snapshot(api);
    const answer = await upload(host, {
      query: { sourceId, fileName: 'x.bin' },
      body: [randomBytes(MiB)],
      token: token ?? '',
      headers: token === undefined ? { Authorization: '' } : {},
    });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer');
    expect(result(answer)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(snapshot(api)).toEqual(before);
  });

  it('403 for a foreign Origin, before anything else', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const answer = await upload(host, {
      query: { sourceId, fileName: 'x.bin' },
      body: [Buffer.from('x')],
      headers: { Origin: 'https://evil.example' },
    });
    expect(answer.status).toBe(403);
    expect(await attachmentsOf(api, sourceId)).toEqual([]);
  });

  it.each([
    ['missing sourceId', { fileName: 'x.bin' }, 'sourceId'],
    ['a sourceId that is not an id', { sourceId: '../../etc', fileName: 'x.bin' }, 'sourceId'],
    ['missing fileName', { sourceId: 'SOURCE' }, 'fileName'],
    ['a path as fileName', { sourceId: 'SOURCE', fileName: '../secret.txt' }, 'fileName'],
    [
      'a bad media type',
      { sourceId: 'SOURCE', fileName: 'x.bin', mediaType: 'text/html\r\nX-Evil: 1' },
      'mediaType',
    ],
    ['an unknown parameter', { sourceId: 'SOURCE', fileName: 'x.bin', path: '/etc/passwd' }, 'path'],
  ])('invalid_input for %s, naming the field; nothing changes', async (_name, query, field) => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const before = snapshot(api);
    const withSource = Object.fromEntries(
      Object.entries(query).map(([key, value]) => [key, value === 'SOURCE' ? sourceId : value]),
    );
    const answer = await upload(host, { query: withSource, body: [randomBytes(64 * 1024)] });
    expect(answer.status).toBe(200);
    const refused = result(answer);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(refused.ok ? {} : refused.error.fields).toHaveProperty(field);
    expect(snapshot(api)).toEqual(before);
  });

  it('not_found for a source that does not exist: nothing is stored, and the Result comes once the body is in', async () => {
    const { api } = await caseWithSource();
    const host = await serve(api);
    const before = snapshot(api);
    const answer = await upload(host, {
      query: { sourceId: '00000000-0000-4000-8000-000000000000', fileName: 'x.bin' },
      body: generated(8 * MiB).body,
      length: 8 * MiB,
    });
    expect(answer.status).toBe(200);
    expect(result(answer)).toMatchObject({
      ok: false,
      error: { code: 'not_found', fields: { sourceId: expect.any(String) } },
    });
    // Drained, not cut off: a browser would otherwise see a network error instead of this answer.
    expect(answer.headers.connection).not.toBe('close');
    expect(snapshot(api)).toEqual(before);
  });

  it('415 for a body that is not application/octet-stream; 405 for GET; nothing recorded', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const json = await upload(host, {
      query: { sourceId, fileName: 'x.bin' },
      body: [Buffer.from('{}')],
      headers: { 'Content-Type': 'application/json' },
    });
    expect(json.status).toBe(415);
    const wrongVerb = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/api/attachments.upload?sourceId=${sourceId}&fileName=x`,
          headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(wrongVerb).toBe(405);
    expect(await attachmentsOf(api, sourceId)).toEqual([]);
  });

  it('413 over its own limit, declared or streamed; nothing recorded, nothing left staged', async () => {
    const { api, sourceId } = await caseWithSource();
    const limit = 2 * MiB;
    const host = await serve(api, { uploadLimit: limit });
    const before = snapshot(api);
    const declared = await upload(host, {
      query: { sourceId, fileName: 'big.bin' },
      body: [randomBytes(limit + 1)],
      length: limit + 1,
    });
    expect(declared.status).toBe(413);
    const streamed = await upload(host, {
      query: { sourceId, fileName: 'big.bin' },
      body: generated(limit + MiB).body,
    });
    expect(streamed.status).toBe(413);
    expect(result(streamed)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(snapshot(api)).toEqual(before);
    expect(api.file.db.prepare('SELECT count(*) FROM temp.cb_upload_chunks').pluck().get()).toBe(0);
    // Exactly the limit still passes.
    const atLimit = await upload(host, {
      query: { sourceId, fileName: 'fits.bin' },
      body: generated(limit).body,
    });
    expect(result(atLimit)).toMatchObject({ ok: true, value: { attachment: { size: limit } } });
  });

  it('states its limit: 4 GiB, apart from the JSON body limit', () => {
    expect(MAX_UPLOAD_BYTES).toBe(4 * 1024 * 1024 * 1024);
  });

  it('a client that goes away mid-upload leaves nothing recorded', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const before = snapshot(api);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/api/attachments.upload?sourceId=${sourceId}&fileName=cut.bin`,
        headers: {
          Host: `127.0.0.1:${host.port}`,
          Authorization: `Bearer ${host.token}`,
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(10 * MiB),
        },
      });
      req.on('error', () => resolve());
      req.write(randomBytes(3 * MiB), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    });
    // Let the server notice.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(snapshot(api)).toEqual(before);
    expect(api.file.db.prepare('SELECT count(*) FROM temp.cb_upload_chunks').pluck().get()).toBe(0);
  });
});

describe('GET /api/attachments.download', () => {
  it('round trip: the bytes come back identical, as an attachment with a safe file name', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const body = generated(5 * MiB + 123);
    const fileName = 'Отчёт "final"; v2.pdf';
    const added = result<AttachmentAdded>(
      await upload(host, { query: { sourceId, fileName, mediaType: 'application/pdf' }, body: body.body }),
    );
    if (!added.ok) throw new Error(added.error.message);
    const { attachment } = added.value;

    const answer = await download(host, `?id=${attachment.id}`);
    expect(answer.status).toBe(200);
    expect(sha256(answer.body)).toBe(body.digest());
    expect(answer.body.length).toBe(attachment.size);
    expect(answer.headers['content-type']).toBe('application/octet-stream');
    expect(answer.headers['content-length']).toBe(String(attachment.size));
    expect(answer.headers['x-corroborate-sha256']).toBe(attachment.sha256);
    expect(answer.headers['x-corroborate-media-type']).toBe('application/pdf');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-disposition']).toBe(contentDisposition(fileName));
    expect(answer.headers['content-disposition']).toMatch(
      /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/,
    );
  });

  it('an empty attachment comes back empty', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const added = result<AttachmentAdded>(
      await upload(host, { query: { sourceId, fileName: 'empty' }, body: [] }),
    );
    if (!added.ok) throw new Error(added.error.message);
    const answer = await download(host, `?id=${added.value.attachment.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(0);
  });

  it('401 without the token, 400 without a valid id, 404 for an unknown one, 405 for POST', async () => {
    const { api, sourceId } = await caseWithSource();
    const host = await serve(api);
    const added = result<AttachmentAdded>(
      await upload(host, { query: { sourceId, fileName: 'a.txt' }, body: [Buffer.from('secret bytes')] }),
    );
    if (!added.ok) throw new Error(added.error.message);
    const id = added.value.attachment.id;

    const noToken = await download(host, `?id=${id}`, 'x'.repeat(64));
    expect(noToken.status).toBe(401);
    expect(noToken.body.toString()).not.toContain('secret bytes');
    const missing = await download(host, '');
    expect(missing.status).toBe(400);
    expect(result(missing)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { id: expect.any(String) } },
    });
    expect((await download(host, '?id=not-an-id')).status).toBe(400);
    const unknown = await download(host, '?id=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(result(unknown)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await download(host, `?id=${id}`, host.token, 'POST')).status).toBe(405);
  });

  it('stored bytes that no longer match their sha256 are never sent whole: the response is cut short', async () => {
    const { api, sourceId } = await caseWithSource();
    const bytes = randomBytes(3 * MiB);
    const host = await serve(api);
    const added = result<AttachmentAdded>(
      await upload(host, { query: { sourceId, fileName: 'tampered.bin' }, body: [bytes] }),
    );
    if (!added.ok) throw new Error(added.error.message);
    const { attachment } = added.value;
    await host.close();
    const casePath = api.file.path;
    api.close();
    const raw = new Database(casePath);
    raw.exec('DROP TRIGGER blob_chunks_no_update');
    raw
      .prepare('UPDATE blob_chunks SET data = ? WHERE sha256 = ? AND seq = 2')
      .run(randomBytes(MiB), attachment.sha256);
    raw.close();
    const file = reopenCase(casePath);
    const again = await serve({ call: async () => ({ ok: true, value: null }), file } as unknown as Api);

    const outcome = await download(again, `?id=${attachment.id}`).then(
      (answer) => ({ complete: answer.body.length === attachment.size, status: answer.status }),
      () => ({ complete: false, status: 200 }),
    );
    expect(outcome.complete).toBe(false);
  });
});

describe('contentDisposition', () => {
  it.each([
    ['report.pdf', 'attachment; filename="report.pdf"; filename*=UTF-8\'\'report.pdf'],
    [
      'Ташкент.pdf',
      `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('Ташкент.pdf')}`,
    ],
    [
      'Sergek résumé.txt',
      'attachment; filename="Sergek resume.txt"; filename*=UTF-8\'\'Sergek%20r%C3%A9sum%C3%A9.txt',
    ],
    ['a"b;c\\d.txt', 'attachment; filename="a_b_c_d.txt"; filename*=UTF-8\'\'a%22b%3Bc_d.txt'],
    ["it's (1)*.txt", "attachment; filename=\"it's (1)*.txt\"; filename*=UTF-8''it%27s%20%281%29%2A.txt"],
  ])('%j', (name, expected) => {
    expect(contentDisposition(name)).toBe(expected);
  });

  it('never lets a line break or a path through', () => {
    const header = contentDisposition('x\r\nSet-Cookie: a=b/../../etc');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).not.toContain('/');
  });
});
