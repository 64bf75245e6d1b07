// When the case locks: on Ctrl/Cmd+L, and after the idle time the user chose (15 minutes unless
// set). Locking clears what the renderer holds of the case (the query cache, every open form's
// draft) before the unlock screen shows; unsaved form text is lost by design.
import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { dropAllDrafts } from '../forms/drafts';

export const DEFAULT_IDLE_MINUTES = 15;
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Forgets every piece of case data the renderer holds. */
export function clearCaseData(queryClient: QueryClient): void {
  queryClient.cancelQueries();
  queryClient.clear();
  dropAllDrafts();
}

export const isLockShortcut = (e: KeyboardEvent) =>
  (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l';

/** Calls `lock` on the shortcut and after `idleMinutes` without input; inactive while `enabled` is false. */
export function useLock(
  lock: (why: 'shortcut' | 'idle') => void,
  enabled: boolean,
  idleMinutes = DEFAULT_IDLE_MINUTES,
): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => lock('idle'), idleMinutes * 60_000);
    };
    const onKey = (e: KeyboardEvent) => {
      if (isLockShortcut(e)) {
        e.preventDefault();
        lock('shortcut');
      }
    };
    arm();
    for (const type of ACTIVITY) window.addEventListener(type, arm, { passive: true });
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, arm);
      window.removeEventListener('keydown', onKey);
    };
  }, [lock, enabled, idleMinutes]);
}
