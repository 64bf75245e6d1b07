// Counts in the files the core writes (checkpoints, integrity reports): schema/plural.ts bound to
// one locale, so a report reads the same, byte for byte, on every machine that writes it.
import { formatCount as formatAnyCount, plural as pluralAny } from '../schema/plural';

const FILE_LOCALE = 'en-US';

export const formatCount = (n: number): string => formatAnyCount(n, FILE_LOCALE);

export const plural = (n: number, one: string, many = `${one}s`): string =>
  pluralAny(n, one, many, FILE_LOCALE);
