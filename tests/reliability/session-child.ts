// A working session the parent drives line by line: open a case, make calls, run a shell command
// inside the child's own mount namespace (fill or free a small disk, turn a disk read-only), close.
// It exists so faults that need a private mount (tmpfs, a loop-mounted ext4) hit a live session.
//
//   node tests/reliability/session-child.ts         (commands on stdin, one JSON object a line)
//   {"id":1,"open":"/mnt/x/case.evidence"}  {"id":2,"call":["claims.create",{...}]}
//   {"id":3,"shell":["sh","-c","..."]}        {"id":4,"copy":"/x/copy.evidence"}   {"id":5,"close":true}
import { spawnSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ApiWithFile as Api, createApi } from '../../electron/api/create-api';
import type { CoreError } from '../../electron/core/errors';
import { toResultError } from '../../electron/schema/errors';

interface Command {
  id: number;
  open?: string;
  call?: [string, unknown];
  shell?: string[];
  /** Save a copy of the open case (what "Save a Copy As…" does). */
  copy?: string;
  close?: true;
}

let api: Api | null = null;
const say = (line: unknown) => writeSync(1, `${JSON.stringify(line)}\n`);

async function run(cmd: Command): Promise<unknown> {
  if (cmd.open) {
    try {
      api = createApi(cmd.open, { create: true, actor: 'session-child' });
      return { ok: true };
    } catch (error) {
      const e = error as CoreError;
      return { ok: false, error: { code: e.code, reason: e.reason, message: e.message } };
    }
  }
  if (cmd.call) {
    if (!api) return { ok: false, error: { code: 'internal', message: 'no case open' } };
    return api.call(cmd.call[0], cmd.call[1]);
  }
  if (cmd.copy) {
    if (!api) return { ok: false, error: { code: 'internal', message: 'no case open' } };
    try {
      return { ok: true, value: api.local.copyTo(cmd.copy) };
    } catch (error) {
      return toResultError(error);
    }
  }
  if (cmd.shell) {
    const r = spawnSync(cmd.shell[0]!, cmd.shell.slice(1), { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  if (cmd.close) {
    try {
      api?.close();
      api = null;
      return { ok: true };
    } catch (error) {
      api = null;
      return { ok: false, error: { code: 'io', message: (error as Error).message } };
    }
  }
  return { ok: false, error: { code: 'invalid_input', message: 'unknown command' } };
}

say({ ready: true });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const cmd = JSON.parse(line) as Command;
  say({ id: cmd.id, result: await run(cmd) });
}
