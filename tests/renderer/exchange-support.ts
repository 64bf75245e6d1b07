// For the exchange, attachment and custody tests: what the browser flows "downloaded" (jsdom has
// no blob: URLs and no downloads), and a stand-in for the desktop app's own methods.
import type { AppMethod } from '../../electron/schema/app-methods';

export interface Download {
  fileName: string;
  blob: Blob;
}

export function captureDownloads(): { saved: Download[]; restore(): void } {
  const saved: Download[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  const had = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob as Blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href);
    if (blob) saved.push({ fileName: this.download, blob });
  });
  return {
    saved,
    restore: () => {
      click.mockRestore();
      URL.createObjectURL = had.create;
      URL.revokeObjectURL = had.revoke;
    },
  };
}

export function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

export function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

type AppHandlers = Partial<Record<AppMethod, (input: unknown) => unknown>>;

/**
 * Plays the desktop app behind window.corroborate: its app.* methods answer from `handlers`, and
 * app.capabilities lists them. Contract methods never reach it (the client module is mocked).
 */
export function fakeDesktopApp(handlers: AppHandlers): {
  calls: { method: string; input: unknown }[];
  restore(): void;
} {
  const calls: { method: string; input: unknown }[] = [];
  const call = async (method: string, input: unknown) => {
    calls.push({ method, input });
    if (method === 'app.capabilities')
      return { ok: true, value: ['app.capabilities', ...Object.keys(handlers)] };
    const handler = handlers[method as AppMethod];
    if (!handler)
      return { ok: false, error: { code: 'invalid_input', message: `Unknown method "${method}".` } };
    return { ok: true, value: await handler(input) };
  };
  Object.defineProperty(window, 'corroborate', { configurable: true, value: { call } });
  return {
    calls,
    restore: () => {
      Reflect.deleteProperty(window, 'corroborate');
    },
  };
}
