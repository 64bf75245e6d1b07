// The renderer's only way into the main process: one `api` channel. The sender is checked before
// anything else is looked at, so a frame that is not our own main frame learns nothing.
import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import type { ApiError, Result } from '../schema/result';
import type { AppMethods } from './app-methods';

export const API_CHANNEL = 'api';
const MAX_METHOD_LENGTH = 200;

/** The part of the contract's Api the channel needs. */
export interface ApiCaller {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

export interface ApiChannelOptions {
  getWindow(): BrowserWindow | null;
  getApi(): ApiCaller | null;
  isTrustedUrl(url: string): boolean;
  /**
   * The app-only methods (file dialogs; electron/schema/app-methods.ts), answered here before the
   * contract and after the same sender check. They need no open case to be listed.
   */
  appMethods?: AppMethods;
}

function refused(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Our window's top frame, showing our own page: not a subframe, not another window, not a navigated-away page. */
export function isOwnMainFrame(event: IpcMainInvokeEvent, options: ApiChannelOptions): boolean {
  const win = options.getWindow();
  if (win === null || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (frame === null || event.sender !== win.webContents) return false;
  return frame === win.webContents.mainFrame && options.isTrustedUrl(frame.url);
}

// Refusals are answered as Results, not thrown: the contract never throws, and a thrown Error would
// carry main-process detail back to whoever sent the forged message.
export function createApiHandler(
  options: ApiChannelOptions,
): (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<unknown>> {
  return async (event, payload) => {
    if (!isOwnMainFrame(event, options))
      return refused('invalid_input', 'Refused: the request did not come from the app.');
    const method =
      typeof payload === 'object' && payload !== null ? (payload as { method?: unknown }).method : undefined;
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
      return refused('invalid_input', 'Refused: the method name must be a non-empty string.');
    }
    const input = (payload as { input?: unknown }).input;
    const api = options.getApi();
    try {
      if (options.appMethods?.has(method)) return await options.appMethods.call(method, input);
      if (api === null) return refused('not_found', 'No case is open.');
      return await api.call(method, input);
    } catch (error) {
      // The contract catches everything itself; this only keeps a bug from becoming a rejected invoke.
      return refused('internal', error instanceof Error ? error.message : String(error));
    }
  };
}

export function registerApiChannel(options: ApiChannelOptions): void {
  ipcMain.handle(API_CHANNEL, createApiHandler(options));
}
