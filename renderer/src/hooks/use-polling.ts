// Polls a progress method while a long call runs (an import, an integrity check): the host and the
// app answer other calls between the long call's steps, so the bar moves while the work goes on.
import { useEffect, useState } from 'react';

export const POLL_MS = 250;

export function usePolling<T>(active: boolean, poll: () => Promise<T | null>, every = POLL_MS): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!active) {
      setValue(null);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await poll();
        if (!stopped && next !== null) setValue(next);
      } catch {
        // A missed answer only delays the bar; the long call reports its own failure.
      }
      if (!stopped) timer = setTimeout(tick, every);
    };
    timer = setTimeout(tick, every);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active, poll, every]);
  return value;
}
