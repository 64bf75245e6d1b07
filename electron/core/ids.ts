import { v7 } from 'uuid';

/** UUIDv7: time-ordered (good index locality) and globally unique, so two copies of a case can merge. */
export const newId = (): string => v7();

export const nowIso = (): string => new Date().toISOString();
