// One user-started call at a time, with its answer or its error: for work that writes to the case
// (a report is audited), so it must run exactly when asked, never again on a refetch.
import { useCallback, useRef, useState } from 'react';

export interface Run<T> {
  status: 'idle' | 'running' | 'done' | 'error';
  value: T | null;
  error: Error | null;
  start(work: () => Promise<T>): Promise<T | null>;
  reset(): void;
}

export function useRun<T>(): Run<T> {
  const [state, setState] = useState<{ status: Run<T>['status']; value: T | null; error: Error | null }>({
    status: 'idle',
    value: null,
    error: null,
  });
  const generation = useRef(0);
  const start = useCallback(async (work: () => Promise<T>) => {
    const mine = ++generation.current;
    setState({ status: 'running', value: null, error: null });
    try {
      const value = await work();
      if (mine === generation.current) setState({ status: 'done', value, error: null });
      return value;
    } catch (e) {
      if (mine === generation.current) setState({ status: 'error', value: null, error: e as Error });
      return null;
    }
  }, []);
  const reset = useCallback(() => {
    generation.current++;
    setState({ status: 'idle', value: null, error: null });
  }, []);
  return { ...state, start, reset };
}
