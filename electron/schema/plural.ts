// "1 claim", "2,000 claims", "3 countries": a count with its noun, for every sentence the app writes
// about a number of things (captions, summaries, progress). One home so that all say it alike.

/** `n` with thousands separators and the noun that fits it; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
