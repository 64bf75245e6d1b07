// The host shim run in a minimal page context (node:vm) against a real host: the page gets
// window.corroborate.call, the token leaves the address bar, and calls go over fetch with the token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { type RunningHost, startHost } from '../../electron/host/server';
import { HOST_SHIM_SOURCE, TOKEN_STORAGE_KEY } from '../../electron/host/shim';
import type { Result } from '../../electron/schema/result';

interface ShimWindow {
  corroborate: { call(method: string, input: unknown): Promise<Result<unknown>> };
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
function page(url: string, fetchImpl?: typeof fetch): ShimWindow {
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
