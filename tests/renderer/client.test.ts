// The typed client over window.corroborate.call: one function per contract method, values unwrapped,
// refusals raised as ApiCallError with the code and the fields, transport failures reported as io.
import { methods } from '../../electron/api/contract';
import type { Result } from '../../electron/schema/result';
import { ApiCallError, call, client } from '../../renderer/src/client';

type Call = (method: string, input: unknown) => Promise<Result<unknown>>;

function install(fn: Call) {
  Object.defineProperty(window, 'corroborate', { value: { call: vi.fn(fn) }, configurable: true });
  return window.corroborate.call as unknown as ReturnType<typeof vi.fn>;
}

describe('the typed client', () => {
  it('has one function for every method of the contract, and no other', () => {
    for (const method of methods) {
      const [ns, op] = method.split('.') as [string, string];
      expect(typeof (client as unknown as Record<string, Record<string, unknown>>)[ns]?.[op]).toBe(
        'function',
      );
    }
    const count = Object.values(client as unknown as Record<string, object>).reduce(
      (n, ns) => n + Object.keys(ns).length,
      0,
    );
    expect(count).toBe(methods.length);
  });

  it('sends the method and input, and resolves with the value', async () => {
    const spy = install(async () => ({ ok: true, value: { id: 'x' } }));
    await expect(client.claims.get({ id: '01950000-0000-7000-8000-000000000001' })).resolves.toEqual({
      id: 'x',
    });
    expect(spy).toHaveBeenCalledWith('claims.get', { id: '01950000-0000-7000-8000-000000000001' });
  });

  it('sends {} for a method whose input is optional', async () => {
    const spy = install(async () => ({ ok: true, value: { ok: true, checked: 3 } }));
    await client.audit.verify();
    expect(spy).toHaveBeenCalledWith('audit.verify', {});
  });

  it('raises a refusal as ApiCallError with its code, message and fields', async () => {
    install(async () => ({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Invalid input: statement is required',
        fields: { statement: 'is required' },
      },
    }));
    const error = await call('claims.create', { statement: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({
      code: 'invalid_input',
      method: 'claims.create',
      fields: { statement: 'is required' },
    });
    expect((error as Error).message).toBe('Invalid input: statement is required');
  });

  it('reports a transport that throws or answers nonsense as an error, never as a value', async () => {
    install(async () => {
      throw new Error('connection refused');
    });
    await expect(client.case.info()).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('connection refused'),
    });
    install(async () => 'hello' as unknown as Result<unknown>);
    await expect(client.case.info()).rejects.toMatchObject({ code: 'internal' });
  });
});
