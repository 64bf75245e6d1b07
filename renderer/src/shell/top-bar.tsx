// The case that is open and who is working on it: every change is recorded under that name.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { client } from '../client';
import { Modal } from '../components/modal';
import { modifierKey } from '../components/platform';
import { useCaseInfo } from '../queries';

export function TopBar({ onSearch }: { onSearch(): void }) {
  const info = useCaseInfo();
  const [changing, setChanging] = useState(false);
  return (
    <header className="top-bar">
      <span className="brand" aria-hidden="true">
        Corroborate
      </span>
      <div className="case-name">
        <span className="top-label">Case</span>
        <h1 className="case-title">{info.data?.name ?? (info.isError ? 'Case not available' : '…')}</h1>
      </div>
      <button
        type="button"
        className="search-trigger"
        onClick={onSearch}
        aria-keyshortcuts="Control+K Meta+K"
      >
        <span>Search the case…</span>
        <kbd>{modifierKey} K</kbd>
      </button>
      <div className="actor">
        <span className="top-label">Working as</span>
        <button
          type="button"
          className="actor-button"
          aria-label={`Working as ${info.data?.actor ?? ''}. Change who is working`}
          onClick={() => setChanging(true)}
        >
          {info.data?.actor ?? '…'}
        </button>
      </div>
      <Modal
        open={changing}
        onOpenChange={setChanging}
        title="Who is working?"
        description="Every change from now on is recorded in the audit trail under this name."
      >
        {changing && <ActorNameForm current={info.data?.actor ?? ''} onDone={() => setChanging(false)} />}
      </Modal>
    </header>
  );
}

function ActorNameForm({ current, onDone }: { current: string; onDone(): void }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="dialog-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await client.case.setActor({ actor: name });
          await queryClient.invalidateQueries();
          onDone();
        } catch (e) {
          const err = e as { fields?: Record<string, string>; message: string };
          setError(err.fields?.actor ? `Name ${err.fields.actor}` : err.message);
        }
      }}
    >
      <label className="field-label" htmlFor={id}>
        Name
      </label>
      <input
        id={id}
        className="input"
        value={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Save
        </button>
      </div>
    </form>
  );
}
