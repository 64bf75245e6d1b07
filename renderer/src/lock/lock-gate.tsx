// Between the app and the workspace: an encrypted case locks on Ctrl/Cmd+L and after the idle
// time; while it is locked the workspace is unmounted and the renderer holds no case data, only
// the unlock screen. A plain case (or a transport without sessions) passes straight through.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { SessionState } from '../../../electron/api/contract';
import { call } from '../client';
import { UnlockScreen } from './unlock-screen';
import { clearCaseData, DEFAULT_IDLE_MINUTES, useLock } from './use-lock';

const NOTHING_TO_LOCK: SessionState = { locked: false, encrypted: false, fileName: '' };

export function LockGate(props: { children: ReactNode; idleMinutes?: number }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState | null>(null);
  const [reason, setReason] = useState<string | undefined>();

  useEffect(() => {
    call('session.state').then(setState, () => setState(NOTHING_TO_LOCK));
  }, []);

  const lock = useCallback(
    async (why: 'shortcut' | 'idle') => {
      // The workspace goes first, so nothing refetches what is being cleared.
      setState((s) => (s ? { ...s, locked: true } : s));
      setReason(
        `${why === 'idle' ? 'Locked after a while without use.' : 'Locked.'} Text typed in forms and not saved was cleared.`,
      );
      clearCaseData(queryClient);
      try {
        setState(await call('session.lock'));
      } finally {
        clearCaseData(queryClient);
      }
    },
    [queryClient],
  );
  useLock(lock, state?.encrypted === true && !state.locked, props.idleMinutes ?? DEFAULT_IDLE_MINUTES);

  if (state === null) return null;
  if (state.locked)
    return (
      <UnlockScreen
        fileName={state.fileName}
        reason={reason}
        onUnlock={async (passphrase) => {
          setState(await call('session.unlock', { passphrase }));
          setReason(undefined);
        }}
      />
    );
  return <>{props.children}</>;
}
