// The part of citation-js 0.8 the importers use; the package ships no type declarations.
declare module '@citation-js/core' {
  interface ChainOptions {
    forceType?: string;
    generateGraph?: boolean;
    maxChainLength?: number;
  }
  export const plugins: {
    input: {
      chain(input: unknown, options?: ChainOptions): Record<string, unknown>[];
      chainLink(input: unknown, options?: ChainOptions): unknown;
    };
  };
  export const logger: { _log: unknown[]; level: string };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
