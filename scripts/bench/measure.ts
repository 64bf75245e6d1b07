// Timing: medians of repeated runs, each run timed on its own with the monotonic clock, so one
// slow run (a checkpoint, a GC pause, a neighbour on the shared cores) moves nothing.

export interface Timing {
  /** Median wall time of one run, in milliseconds. */
  ms: number;
  /** Median CPU time (user + system) of one run: steadier than wall time on a shared machine. */
  cpuMs: number;
  runs: number;
}

export interface RepeatOptions {
  /** Stop after this many runs… */
  maxRuns?: number;
  /** …or once this much time has been spent (but never before `minRuns`). */
  budgetMs?: number;
  minRuns?: number;
  /** Untimed runs first, to warm statement caches and the page cache. */
  warmup?: number;
  /** Untimed work before each run (e.g. a write that makes the next read start cold). */
  before?: (i: number) => unknown;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `fn(i)` repeatedly (sync or async) and returns the median time of one run. */
export async function repeat(fn: (i: number) => unknown, o: RepeatOptions = {}): Promise<Timing> {
  const { maxRuns = 200, budgetMs = 1_000, minRuns = 5, warmup = 2, before } = o;
  for (let i = 0; i < warmup; i++) {
    await before?.(i);
    await fn(i);
  }
  const times: number[] = [];
  const cpu: number[] = [];
  const started = now();
  for (let i = 0; i < maxRuns; i++) {
    await before?.(warmup + i);
    const c0 = cpuNow();
    const t0 = now();
    await fn(warmup + i);
    times.push(now() - t0);
    cpu.push(cpuNow() - c0);
    if (times.length >= minRuns && now() - started > budgetMs) break;
  }
  return { ms: median(times), cpuMs: median(cpu), runs: times.length };
}

/** Times one run of `fn`. */
export async function once<T>(fn: () => T | Promise<T>): Promise<Timing & { value: T }> {
  const c0 = cpuNow();
  const t0 = now();
  const value = await fn();
  return { ms: now() - t0, cpuMs: cpuNow() - c0, runs: 1, value };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
