// "1 claim", "2,000 claims", "3 countries": a count with its noun, for every sentence the app writes
// about a number of things (captions, summaries, progress). One home so that all say it alike.

/**
 * `n` with thousands separators and the noun that fits it; `many` defaults to `one` + "s". Screens
 * separate thousands as the user's locale does; a file the core writes (a report, a log line) names
 * its locale so it reads the same on every machine.
 */
export function plural(n: number, one: string, many = `${one}s`, locale?: string): string {
  return `${n.toLocaleString(locale)} ${n === 1 ? one : many}`;
}
