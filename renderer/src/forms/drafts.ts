// Typed work survives a form being closed by accident (another record opened, the pane switched):
// its values are kept in memory, keyed by what the form edits, until it is saved or cancelled.
// Memory only: drafts of sensitive notes are never written anywhere else.
import { useEffect } from 'react';
import type { FieldValues, UseFormWatch } from 'react-hook-form';

const drafts = new Map<string, unknown>();

export function draftOr<T>(key: string, defaults: T): T {
  return (drafts.get(key) as T | undefined) ?? defaults;
}

export function dropDraft(key: string): void {
  drafts.delete(key);
}

export function useKeepDraft<T extends FieldValues>(key: string, watch: UseFormWatch<T>): void {
  useEffect(() => {
    const subscription = watch((values) => {
      drafts.set(key, structuredClone(values));
    });
    return () => subscription.unsubscribe();
  }, [key, watch]);
}

/** Forgets every draft (tests start clean; a future "close case" would call it too). */
export function dropAllDrafts(): void {
  drafts.clear();
}
