// "Merge into…" on an actor: pick the actor that stays; this one's deals move to it, its names
// become the survivor's other names, and it goes to the Trash (actors.merge). Ctrl/Cmd+Z undoes it.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../client';
import { Modal } from '../components/modal';
import { type PickerOption, RecordPicker } from '../components/record-picker';
import { searchActors } from '../forms/pickers';
import { useNavigation } from '../navigation';

export function MergeActor({ id, name }: { id: string; name: string }) {
  const nav = useNavigation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [survivor, setSurvivor] = useState<PickerOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const merge = async () => {
    if (!survivor) return;
    setError(null);
    try {
      await client.actors.merge({ survivorId: survivor.id, mergedId: id });
      setOpen(false);
      await queryClient.invalidateQueries();
      nav.open('actor', survivor.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Merge into…
      </button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Merge “${name}” into another actor?`}
        description="Its deals move to the actor you keep, its names become that actor’s other names, and it goes to the Trash. Undo with Ctrl+Z."
      >
        <form
          className="dialog-form"
          onSubmit={(event) => {
            event.preventDefault();
            event.stopPropagation();
            void merge();
          }}
        >
          <RecordPicker
            label="Actor to keep"
            queryKey="actors.list"
            search={searchActors}
            value={survivor?.id ?? null}
            valueTitle={survivor?.title ?? null}
            excludeId={id}
            onChange={setSurvivor}
          />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={!survivor}>
              Merge actors
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
