// The app-only methods (electron/schema/app-methods.ts), answered in the main process before the
// contract. ipc.ts has already checked the sender is our own main frame; here each input is parsed
// with its own schema, and the path each method needs comes from a dialog, never from the input.
import {
  APP_METHODS,
  type AppMethod,
  type AppOutputs,
  type AppParsedInput,
  appInputs,
  isAppMethod,
} from '../schema/app-methods';
import { CoreError, parseInput, toResultError } from '../schema/errors';
import type { Result } from '../schema/result';
import type { AppCase, AppCommandContext } from './app-command-context';
import { attachFile, saveAttachment } from './attachment-commands';
import { exportCase, saveReport } from './export-commands';

type DialogMethod = Exclude<AppMethod, 'app.capabilities'>;

type DialogHandlers = {
  [M in DialogMethod]: (
    context: AppCommandContext,
    open: AppCase,
    input: AppParsedInput<M>,
  ) => Promise<AppOutputs[M]>;
};

const dialogHandlers: DialogHandlers = {
  'app.attachFile': attachFile,
  'app.saveAttachment': saveAttachment,
  'app.exportCase': exportCase,
  'app.saveReport': saveReport,
};

export interface AppMethods {
  has(method: string): boolean;
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

export function createAppMethods(context: AppCommandContext): AppMethods {
  // One dialog at a time: a page calling in a loop must not stack dialogs (or writes) behind each other.
  let busy = false;

  const run = async (method: AppMethod, input: unknown): Promise<unknown> => {
    const parsed = parseInput(appInputs[method], input);
    if (method === 'app.capabilities') return [...APP_METHODS];
    const open = context.getCase();
    if (open === null) throw new CoreError('not_found', 'No case is open.');
    if (busy) throw new CoreError('conflict', 'Another file dialog is already open; finish it first.');
    busy = true;
    try {
      const handler = dialogHandlers[method] as (
        context: AppCommandContext,
        open: AppCase,
        input: unknown,
      ) => Promise<unknown>;
      return await handler(context, open, parsed);
    } finally {
      busy = false;
    }
  };

  return {
    has: (method) => isAppMethod(method),
    async call(method, input) {
      if (!isAppMethod(method)) {
        return {
          ok: false,
          error: { code: 'invalid_input', message: `Unknown method "${method.slice(0, 100)}".` },
        };
      }
      try {
        return { ok: true, value: await run(method, input) };
      } catch (error) {
        return toResultError(error);
      }
    },
  };
}
