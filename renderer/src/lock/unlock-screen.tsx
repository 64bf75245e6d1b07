// The unlock screen: the case's file name and one passphrase field. It shows nothing of the case:
// while locked, the renderer holds no case data (the lock cleared its caches and open forms).
import { type FormEvent, useId, useState } from 'react';

export function UnlockScreen(props: {
  fileName: string;
  /** Resolves when unlocked; rejects with the refusal to show (a wrong passphrase says so). */
  onUnlock: (passphrase: string) => Promise<void>;
  /** Why the case is locked, shown once (e.g. after the idle timeout). */
  reason?: string;
}) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || passphrase === '') return;
    setBusy(true);
    setError(null);
    try {
      await props.onUnlock(passphrase);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Unlock {props.fileName}</h1>
      {props.reason && <p>{props.reason}</p>}
      <form onSubmit={submit}>
        <label htmlFor={`${id}-p`}>Passphrase</label>
        <input
          id={`${id}-p`}
          type="password"
          autoComplete="current-password"
          // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen
          autoFocus
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <button type="submit" disabled={busy || passphrase === ''}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {error && <p role="alert">{error}</p>}
      </form>
    </main>
  );
}
