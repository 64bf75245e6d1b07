// Undo and redo for the whole window: Ctrl/Cmd+Z undoes the person's last change, Ctrl/Cmd+Shift+Z
// (or Ctrl+Y) redoes it, and a removal says so in a toast with an Undo button. Each undo is a new
// audited event in the case (undo.last), so the toast only reports what the case did.
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { client } from '../client';

interface Toast {
  message: string;
  /** The button the toast offers: undo a removal just made, or redo what was just undone. */
  offer: 'undo' | 'redo' | null;
}

interface UndoApi {
  /** Tells the person a record was removed, with an Undo button. */
  removed(noun: string, name: string): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

const UndoContext = createContext<UndoApi | null>(null);

/** Undo in this window; null outside the shell (a form tested alone), where nothing is offered. */
export function useUndo(): UndoApi | null {
  return useContext(UndoContext);
}

/** Keys typed into a field belong to the field: the browser's own text undo stays there. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function UndoProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [toast, setToast] = useState<Toast | null>(null);
  const busy = useRef(false);

  const run = useCallback(
    async (which: 'undo' | 'redo') => {
      if (busy.current) return;
      busy.current = true;
      try {
        const outcome = which === 'undo' ? await client.undo.last() : await client.undo.redo();
        if (!outcome) {
          setToast({ message: which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.', offer: null });
          return;
        }
        setToast({
          message: `${which === 'undo' ? 'Undone' : 'Redone'}: ${outcome.change}`,
          offer: which === 'undo' ? 'redo' : 'undo',
        });
        await queryClient.invalidateQueries();
      } catch (e) {
        setToast({ message: `Could not ${which}: ${(e as Error).message}`, offer: null });
      } finally {
        busy.current = false;
      }
    },
    [queryClient],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || inTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' || key === 'y') {
        event.preventDefault();
        void run(key === 'y' || event.shiftKey ? 'redo' : 'undo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const api = useMemo<UndoApi>(
    () => ({
      removed: (noun, name) =>
        setToast({
          message: `Removed ${noun} “${name.length > 80 ? `${name.slice(0, 79)}…` : name}”`,
          offer: 'undo',
        }),
      undo: () => run('undo'),
      redo: () => run('redo'),
    }),
    [run],
  );

  return (
    <UndoContext.Provider value={api}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {toast && (
          <div className="toast">
            <span>{toast.message}</span>
            {toast.offer && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void run(toast.offer as 'undo')}
              >
                {toast.offer === 'undo' ? 'Undo' : 'Redo'}
              </button>
            )}
            <button
              type="button"
              className="button button-quiet"
              aria-label="Dismiss"
              onClick={() => setToast(null)}
            >
              ×
            </button>
          </div>
        )}
      </div>
    </UndoContext.Provider>
  );
}
