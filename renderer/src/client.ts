// The renderer's only door to the case: a typed client over window.corroborate.call, derived from
// the contract so a renamed method or a changed input fails to compile here, not at run time.
import { type Input, type Method, methods, type Output } from '../../electron/api/contract';
import type { AppInput, AppMethod, AppOutputs } from '../../electron/schema/app-methods';
import type { ApiError, ErrorCode } from '../../electron/schema/result';

/** A call the case refused or could not answer; `fields` names each bad field of an invalid input. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  readonly reason: string | undefined;
  readonly method: string;

  constructor(method: string, error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.method = method;
    this.code = error.code;
    this.fields = error.fields ?? {};
    this.reason = error.reason;
  }
}

type Namespace = Method extends `${infer N}.${string}` ? N : never;
type Args<M extends Method> = undefined extends Input<M> ? [input?: Input<M>] : [input: Input<M>];
type NamespaceClient<N extends Namespace> = {
  [M in Method as M extends `${N}.${infer Op}` ? Op : never]: (...args: Args<M>) => Promise<Output<M>>;
};
export type Client = { [N in Namespace]: NamespaceClient<N> };

function transportError(method: string, error: unknown): ApiCallError {
  const message = error instanceof Error ? error.message : String(error);
  return new ApiCallError(method, { code: 'io', message: `The case could not be reached: ${message}` });
}

async function invoke(method: string, input: unknown): Promise<unknown> {
  let result: Awaited<ReturnType<Window['corroborate']['call']>>;
  try {
    result = await window.corroborate.call(method, input);
  } catch (error) {
    throw transportError(method, error);
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ApiCallError(method, {
      code: 'internal',
      message: 'The case answered with something unexpected.',
    });
  }
  if (!result.ok) throw new ApiCallError(method, result.error);
  return result.value;
}

/** Calls one method; resolves with its value or rejects with an ApiCallError. */
export async function call<M extends Method>(method: M, ...args: Args<M>): Promise<Output<M>> {
  return (await invoke(method, args[0] ?? {})) as Output<M>;
}

/**
 * Calls one of the desktop app's own methods (file dialogs, electron/schema/app-methods.ts). The
 * loopback host refuses them, so a rejection of `app.capabilities` means "use the browser flows".
 */
export async function callApp<M extends AppMethod>(method: M, input: AppInput<M>): Promise<AppOutputs[M]> {
  return (await invoke(method, input ?? {})) as AppOutputs[M];
}

function buildClient(): Client {
  const out: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of methods) {
    const dot = method.indexOf('.');
    const ns = method.slice(0, dot);
    const op = method.slice(dot + 1);
    out[ns] ??= {};
    out[ns][op] = (input?: unknown) => (call as (m: Method, i?: unknown) => Promise<unknown>)(method, input);
  }
  return out as unknown as Client;
}

export const client: Client = buildClient();
