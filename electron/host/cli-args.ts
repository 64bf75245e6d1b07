// Arguments of `npm run host -- --case <file> [--port N] [--create] [--renderer <dir>]`. Pure, so
// every refusal is tested.

export interface HostArgs {
  casePath: string;
  port: number;
  create: boolean;
  /** With --create: make a plain case, the explicit choice (without it --create needs a passphrase). */
  unencrypted: boolean;
  /** A built renderer to serve instead of out/renderer (tests and e2e point it at their own). */
  rendererDir: string | null;
}

export const HOST_USAGE =
  'Usage: npm run host -- --case <file.evidence> [--port N] [--create [--unencrypted]] [--passphrase-stdin] [--renderer <dir>]';

export function parseHostArgs(argv: readonly string[]): HostArgs | { error: string } {
  let casePath: string | undefined;
  let port = 0;
  let create = false;
  let unencrypted = false;
  let rendererDir: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--create') {
      create = true;
    } else if (arg === '--unencrypted') {
      unencrypted = true;
    } else if (arg === '--case') {
      if (value === undefined || value.startsWith('--')) return { error: '--case needs a file path.' };
      casePath = value;
      i += 1;
    } else if (arg === '--renderer') {
      if (value === undefined || value.startsWith('--')) return { error: '--renderer needs a folder.' };
      rendererDir = value;
      i += 1;
    } else if (arg === '--port') {
      if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
        return { error: '--port needs a number from 0 to 65535.' };
      }
      port = Number(value);
      i += 1;
    } else {
      return { error: `Unknown argument: ${arg}` };
    }
  }
  if (casePath === undefined) return { error: '--case is required.' };
  if (unencrypted && !create) return { error: '--unencrypted goes with --create.' };
  return { casePath, port, create, unencrypted, rendererDir };
}
