// The host shim run in a minimal page context (node:vm) against a real host: the page gets
// window.corroborate.call, the token leaves the address bar, and calls go over fetch with the token.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import vm from 'node:vm';
import { type RunningHost, startHost } from '../../electron/host/server';
import { HOST_SHIM_SOURCE, TOKEN_STORAGE_KEY } from '../../electron/host/shim';
import type { Result } from '../../electron/schema/result';
import { cleanUpAfterEach, newApi } from '../support/temp-case';

interface ShimWindow {
  corroborate: {
    call(method: string, input: unknown): Promise<Result<unknown>>;
    upload(
      sourceId: string,
      file: Blob,
      onProgress?: (sent: number, total: number) => void,
    ): Promise<Result<unknown>>;
    download(id: string): Promise<Result<{ blob: Blob; size: number; sha256: string; mediaType: string }>>;
  };
  location: { readonly href: string };
  sessionStorage: { getItem(key: string): string | null };
  eval(source: string): unknown;
}

let base: string;
let host: RunningHost;
const api = {
  call: vi.fn(
    async (method: string, input: unknown): Promise<Result<unknown>> => ({
      ok: true,
      value: { method, input },
    }),
  ),
};

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'corroborate-shim-'));
  writeFileSync(path.join(base, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  host = await startHost({ api, rendererDir: base });
});

afterAll(async () => {
  await host.close();
  rmSync(base, { recursive: true, force: true });
});

beforeEach(() => api.call.mockClear());

/** A page at `url` with what the shim uses of a browser; its fetch goes to the real host. */
function page(url: string, fetchImpl?: typeof fetch, extra: Record<string, unknown> = {}): ShimWindow {
  let href = url;
  const stored = new Map<string, string>();
  const location = {
    get href() {
      return href;
    },
    get search() {
      return new URL(href).search;
    },
    get pathname() {
      return new URL(href).pathname;
    },
    get hash() {
      return new URL(href).hash;
    },
  };
  const context = vm.createContext({
    location,
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, next: string) => {
        href = new URL(next, href).href;
      },
    },
    sessionStorage: {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, String(value)),
    },
    URLSearchParams,
    fetch:
      fetchImpl ??
      (async (input: string, init?: RequestInit) => {
        const target = new URL(input, href);
        // A browser sends Origin on a POST; send ours as it would.
        return fetch(target, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), Origin: target.origin },
        });
      }),
    ...extra,
  });
  vm.runInContext('var window = globalThis;', context);
  vm.runInContext(HOST_SHIM_SOURCE, context);
  return Object.assign(context as unknown as ShimWindow, {
    eval: (source: string) => vm.runInContext(source, context),
  });
}

describe('host shim', () => {
  it('reads the token from the URL, keeps it for this tab and removes it from the address bar', () => {
    const win = page(`${host.origin}/?token=${host.token}&view=claims#c1`);
    expect(win.location.href).toBe(`${host.origin}/?view=claims#c1`);
    expect(win.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe(host.token);
  });

  it('calls the host with the token and returns its Result', async () => {
    const win = page(`${host.origin}/?token=${host.token}`);
    await expect(win.corroborate.call('case.info', { a: 1 })).resolves.toEqual({
      ok: true,
      value: { method: 'case.info', input: { a: 1 } },
    });
    expect(api.call).toHaveBeenCalledWith('case.info', { a: 1 });
  });

  it('passes undefined input as no body, like IPC', async () => {
    const win = page(`${host.origin}/?token=${host.token}`);
    await win.corroborate.call('case.info', undefined);
    expect(api.call).toHaveBeenCalledWith('case.info', undefined);
  });

  it('without a token the page cannot call: the host refusal comes back as a Result', async () => {
    const win = page(`${host.origin}/`);
    await expect(win.corroborate.call('case.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(api.call).not.toHaveBeenCalled();
  });

  it('turns transport failures into Results, never throws', async () => {
    const down = page(`${host.origin}/?token=x`, async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.corroborate.call('case.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'io' },
    });
    const html = page(`${host.origin}/?token=x`, async () => new Response('<html>', { status: 502 }));
    await expect(html.corroborate.call('case.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'io' },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(html.corroborate.call('case.info', cyclic)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await expect(html.corroborate.call(42 as unknown as string, {})).resolves.toMatchObject({ ok: false });
  });

  it('window.corroborate cannot be replaced by page script', () => {
    const win = page(`${host.origin}/?token=${host.token}`);
    const original = win.corroborate;
    expect(() => win.eval('"use strict"; window.corroborate = { call: () => 1 };')).toThrow();
    expect(win.corroborate).toBe(original);
    expect(Object.isFrozen(win.corroborate)).toBe(true);
  });
});

/**
 * Just enough of a browser's XMLHttpRequest for the shim's upload, over node:http: the body
 * streams from the Blob and upload progress is reported as the bytes go out.
 */
function xhrAgainst(origin: string) {
  return class NodeXmlHttpRequest {
    readonly upload: { onprogress: ((event: ProgressEventLike) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    #method = 'GET';
    #url = '/';
    readonly #headers: Record<string, string> = {};

    open(method: string, url: string): void {
      this.#method = method;
      this.#url = url;
    }

    setRequestHeader(name: string, value: string): void {
      this.#headers[name] = value;
    }

    send(body: Blob): void {
      const target = new URL(this.#url, origin);
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: this.#method,
          path: `${target.pathname}${target.search}`,
          headers: { ...this.#headers, Origin: origin, 'Content-Length': String(body.size) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            this.status = res.statusCode ?? 0;
            this.responseText = Buffer.concat(chunks).toString('utf8');
            this.onload?.();
          });
        },
      );
      req.on('error', () => this.onerror?.());
      let loaded = 0;
      const bytes = Readable.fromWeb(body.stream() as import('node:stream/web').ReadableStream<Uint8Array>);
      bytes.on('data', (chunk: Buffer) => {
        loaded += chunk.length;
        this.upload.onprogress?.({ loaded, total: body.size, lengthComputable: true });
      });
      bytes.pipe(req);
    }
  };
}

interface ProgressEventLike {
  loaded: number;
  total: number;
  lengthComputable: boolean;
}

describe('host shim: attachments (upload and download over the raw routes)', () => {
  cleanUpAfterEach();

  async function withCase() {
    const caseApi = newApi();
    const created = await caseApi.call('sources.create', {
      title: 'Court filing',
      kind: 'document',
      reliability: 'B',
    });
    if (!created.ok) throw new Error(created.error.message);
    const running = await startHost({ api: caseApi, rendererDir: base });
    const win = page(`${running.origin}/?token=${running.token}`, undefined, {
      Blob,
      XMLHttpRequest: xhrAgainst(running.origin),
    });
    return { caseApi, running, win, sourceId: (created.value as { id: string }).id };
  }

  it('upload(sourceId, file, onProgress) streams the file and answers attachments.add’s Result; download(id) gives the same bytes back', async () => {
    const { running, win, sourceId } = await withCase();
    try {
      const bytes = randomBytes(3 * 1024 * 1024 + 5);
      const file = new File([bytes], 'Сергек contract.pdf', { type: 'application/pdf' });
      const progress: [number, number][] = [];
      const added = await win.corroborate.upload(sourceId, file, (sent, total) =>
        progress.push([sent, total]),
      );
      expect(added).toMatchObject({
        ok: true,
        value: {
          attachment: { fileName: 'Сергек contract.pdf', mediaType: 'application/pdf', size: bytes.length },
        },
      });
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);
      const { attachment } = (added as { value: { attachment: { id: string; sha256: string } } }).value;
      expect(attachment.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

      const back = await win.corroborate.download(attachment.id);
      if (!back.ok) throw new Error(back.error.message);
      expect(Buffer.from(await back.value.blob.arrayBuffer()).equals(bytes)).toBe(true);
      expect(back.value).toMatchObject({
        size: bytes.length,
        sha256: attachment.sha256,
        mediaType: 'application/pdf',
      });
      // Whatever the recorded type, the blob never renders as a page of ours.
      expect(back.value.blob.type).toBe('application/octet-stream');
    } finally {
      await running.close();
    }
  });

  it('refusals come back as Results, never as exceptions', async () => {
    const { running, win, sourceId } = await withCase();
    try {
      await expect(win.corroborate.upload(sourceId, 'not a file' as unknown as Blob)).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      await expect(
        win.corroborate.upload('00000000-0000-4000-8000-000000000000', new File([Buffer.from('x')], 'x.txt')),
      ).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
      await expect(win.corroborate.download('00000000-0000-4000-8000-000000000000')).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      await expect(win.corroborate.download('x')).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      const stranger = page(`${running.origin}/`, undefined, {
        Blob,
        XMLHttpRequest: xhrAgainst(running.origin),
      });
      await expect(
        stranger.corroborate.upload(sourceId, new File([Buffer.from('x')], 'x.txt')),
      ).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: 'Missing or wrong token.' },
      });
    } finally {
      await running.close();
    }
  });
});
