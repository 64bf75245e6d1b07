// Two windows (or the app and the host) may have one case open; SQLite lets one write at a time.
// Waiting for the other inside SQLite (busy_timeout) blocks the whole process: a 5 s wait froze
// every other call of the waiting window. So SQLite waits only briefly (db.ts) and a refused
// write is tried again here between timer ticks, the event loop free; past the wait, the user is
// told plainly that another window holds the case.
import { setTimeout as delay } from 'node:timers/promises';
import type { CaseFile } from './db';
import { CoreError } from './errors';

/** How long a write waits, in all, for another window to finish. */
export const BUSY_WAIT_MS = 5000;

const isBusy = (e: unknown) => e instanceof CoreError && e.reason === 'busy';

export async function retryWhenBusy<T>(
  file: CaseFile,
  attempt: () => T | Promise<T>,
  waitMs: number = file.busyWaitMs ?? BUSY_WAIT_MS,
): Promise<T> {
  const started = Date.now();
  let pause = 10;
  for (;;) {
    const writes = file.committedWrites;
    try {
      return await attempt();
    } catch (error) {
      // Only a call that wrote nothing may run again: a second write after a first one succeeded
      // would do the first twice.
      if (!isBusy(error) || file.committedWrites !== writes) throw error;
      if (Date.now() - started >= waitMs) {
        throw new CoreError(
          'io',
          `Another window or program has this case open and is saving to it, and did not finish within ${Math.round(waitMs / 1000)} s. Your change was not saved. Try again in a moment, or close the case in the other window.`,
          undefined,
          'busy',
        );
      }
      await delay(pause);
      pause = Math.min(pause * 2, 250);
    }
  }
}
