// The parent's side of session-child.ts: send a command, await its answer.
import { type Child, type SpawnOptions, spawnTs } from './children';

export interface Session {
  child: Child;
  send(command: Record<string, unknown>): Promise<Record<string, unknown>>;
  call(method: string, input: unknown): Promise<CallResult>;
  shell(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export type CallResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; error: { code: string; reason?: string; message: string } };

export async function startSession(options: SpawnOptions = {}): Promise<Session> {
  const child = spawnTs('session-child.ts', [], options);
  await child.waitFor((l) => l.includes('"ready"'), 60_000);
  let next = 0;
  const send = async (command: Record<string, unknown>) => {
    const id = ++next;
    child.proc.stdin!.write(`${JSON.stringify({ id, ...command })}\n`);
    const line = await child.waitFor((l) => l.startsWith(`{"id":${id},`), 120_000);
    return (JSON.parse(line) as { result: Record<string, unknown> }).result;
  };
  return {
    child,
    send,
    call: async (method, input) => (await send({ call: [method, input] })) as unknown as CallResult,
    shell: async (...argv) =>
      (await send({ shell: argv })) as unknown as { code: number | null; stdout: string; stderr: string },
  };
}
