// Where a command-line tool gets a case's passphrase: the CORROBORATE_PASSPHRASE environment
// variable, or standard input with --passphrase-stdin. Never argv: the command line of every
// process is readable by every user of the machine (ps, /proc) and lands in shell history.
// Pure except for reading the stream it is given; used by npm run host, sample and verify.

export const PASSPHRASE_ENV = 'CORROBORATE_PASSPHRASE';
export const PASSPHRASE_STDIN = '--passphrase-stdin';

export const PASSPHRASE_HELP = `The passphrase of an encrypted case is read from the ${PASSPHRASE_ENV} environment variable, or from standard input with ${PASSPHRASE_STDIN} (one line); never from the command line.`;

export interface PassphraseFlag {
  /** The arguments without --passphrase-stdin. */
  argv: string[];
  fromStdin: boolean;
}

/** Takes --passphrase-stdin out of the arguments; refuses a passphrase written on the command line. */
export function takePassphraseFlag(argv: readonly string[]): PassphraseFlag | { error: string } {
  const rest: string[] = [];
  let fromStdin = false;
  for (const arg of argv) {
    if (arg === PASSPHRASE_STDIN) fromStdin = true;
    else if (/^--(passphrase|password|key)(=|$)/.test(arg))
      // The value is not echoed back: it may be the passphrase itself.
      return {
        error: `A passphrase is never given on the command line (other users can read it there). ${PASSPHRASE_HELP}`,
      };
    else rest.push(arg);
  }
  return { argv: rest, fromStdin };
}

/** The first line of a stream (its trailing newline removed). */
async function firstLineOf(stream: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/**
 * The passphrase, or undefined when none was given (a plain case). Standard input wins over the
 * environment when --passphrase-stdin is given; an empty one is refused, never taken as "none".
 */
export async function readPassphrase(
  flag: Pick<PassphraseFlag, 'fromStdin'>,
  env: Readonly<Record<string, string | undefined>>,
  stdin: AsyncIterable<Buffer | string>,
): Promise<{ passphrase: string | undefined } | { error: string }> {
  if (flag.fromStdin) {
    const line = await firstLineOf(stdin);
    if (line === '')
      return { error: `${PASSPHRASE_STDIN} was given, but standard input held no passphrase.` };
    return { passphrase: line };
  }
  const value = env[PASSPHRASE_ENV];
  if (value === undefined) return { passphrase: undefined };
  if (value === '') return { error: `${PASSPHRASE_ENV} is set but empty; unset it for a plain case.` };
  return { passphrase: value };
}
