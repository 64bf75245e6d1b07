// HTML controls give strings; the contract's schemas want numbers and nulls. These convert at the
// control, so the contract's own schema validates exactly what will be sent.
export const nullIfBlank = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v : null;
export const numberOrNull = (v: unknown): number | null => {
  if (v === '' || v === null || v === undefined) return null;
  return typeof v === 'number' ? v : Number(String(v).trim());
};
export const toNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const upperOrNull = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().toUpperCase() : null;

/** "a, b ,c" → ["a", "b", "c"]; blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
