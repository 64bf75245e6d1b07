import { useCallback, useState } from 'react';

// Filters, sort and search text of each list survive switching sections (the list unmounts).
// Memory only, for the life of the window.
const store = new Map<string, unknown>();

export function useSessionState<T>(key: string, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => (store.has(key) ? (store.get(key) as T) : initial));
  const set = useCallback(
    (next: T) => {
      store.set(key, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}
