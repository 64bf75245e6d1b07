// Numbers in words, one home for the core's reports and the renderer's labels: "1 claim",
// "12,400 events" (grouped the same way on every machine, so reports compare byte for byte).

/** A count with thousands grouped: 12400 → "12,400". */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** "1 claim", "3 claims", "2 analyses" (`many` for irregular plurals). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
