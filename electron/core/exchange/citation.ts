// citation-js, loaded on first use (it is large and most sessions never import a bibliography), with
// every call given an explicit input type: left to guess, citation-js would fetch a URL it was handed,
// and this app makes no network request, ever.
type CitationCore = typeof import('@citation-js/core');

let loading: Promise<CitationCore> | null = null;

export function citationJs(): Promise<CitationCore> {
  loading ??= (async () => {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    await import('@citation-js/plugin-ris');
    return core;
  })();
  return loading;
}

/**
 * Converts one raw record (a BibTeX entry, a RIS record) to CSL and tells which of its raw fields
 * the converter used, by converting each field name once on its own and caching the answer.
 * citation-js drops what it does not map; the importers keep those fields in the notes instead.
 */
export class CslConverter {
  private readonly mapsSomething = new Map<string, boolean>();

  constructor(
    private readonly core: CitationCore,
    private readonly inputType: string,
    private readonly ignoredCsl = new Set(['type', 'id', 'citation-key', '_graph']),
  ) {}

  /** Raw record(s) in the converter's input type → CSL items. */
  convert(input: unknown, type = this.inputType): Record<string, unknown>[] {
    try {
      return this.core.plugins.input.chain(input, { forceType: type, generateGraph: false });
    } finally {
      // The library keeps every log line it ever wrote; a long import must not pile them up.
      this.core.logger._log.length = 0;
    }
  }

  /** One step of citation-js's chain: a file's text → its raw records (entries, tag maps). */
  raw(text: string, type: string): unknown {
    try {
      return this.core.plugins.input.chainLink(text, { forceType: type });
    } finally {
      this.core.logger._log.length = 0;
    }
  }

  /** Whether converting a record holding one field alone yields any CSL variable. */
  maps(probe: unknown, cacheKey: string, type = this.inputType): boolean {
    let known = this.mapsSomething.get(cacheKey);
    if (known === undefined) {
      try {
        const [item] = this.convert(probe, type);
        known = Object.keys(item ?? {}).some((k) => !this.ignoredCsl.has(k));
      } catch {
        known = false;
      }
      this.mapsSomething.set(cacheKey, known);
    }
    return known;
  }
}

/** Yields to the event loop now and then, so a long read can report progress and stay responsive. */
export async function breathe(
  done: number,
  total: number,
  onProgress?: (done: number, total: number) => void,
) {
  if (done % 200 === 0 || done === total) {
    onProgress?.(done, total);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
