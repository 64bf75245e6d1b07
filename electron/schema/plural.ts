// "1 claim", "2,000 claims", "3 countries": a count with its noun, for every sentence the app writes
// about a number of things (captions, summaries, progress, the integrity report). One home so that
// all say it alike.

/** A count with thousands grouped as the reader's locale groups them: 12400 → "12,400". */
export function formatCount(n: number): string {
  return n.toLocaleString();
}

/** `n` with thousands separators and the noun that fits it; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
