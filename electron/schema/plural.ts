// "1 claim", "2,000 claims", "3 countries": a count with its noun, for every sentence the app writes
// about a number of things (captions, summaries, progress, the integrity report). One home so that
// all say it alike.

/**
 * A count with thousands grouped. Screens group as the user's locale does; a file the core writes
 * (a report, a log line) names its locale so it reads the same on every machine.
 */
export function formatCount(n: number, locale?: string): string {
  return n.toLocaleString(locale);
}

/** `n` with thousands separators and the noun that fits it; `many` defaults to `one` + "s". */
export function plural(n: number, one: string, many = `${one}s`, locale?: string): string {
  return `${formatCount(n, locale)} ${n === 1 ? one : many}`;
}
