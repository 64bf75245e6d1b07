// `npm run sample -- <file> [--passphrase-stdin]`: writes the sample case "Central Asia
// surveillance deals" to a new case file, encrypted when a passphrase is given (the
// CORROBORATE_PASSPHRASE variable or standard input, never argv). Refuses to overwrite anything.
import { resolve } from 'node:path';
import { PASSPHRASE_HELP, readPassphrase, takePassphraseFlag } from '../electron/common/passphrase-source';
import { CoreError } from '../electron/core/errors';
import { buildSampleCase } from '../electron/core/sample-case';

const flag = takePassphraseFlag(process.argv.slice(2));
if ('error' in flag) {
  console.error(flag.error);
  process.exit(2);
}
const target = flag.argv[0];
if (!target || flag.argv.length > 1) {
  console.error(`Usage: npm run sample -- <file.evidence> [--passphrase-stdin]\n${PASSPHRASE_HELP}`);
  process.exit(2);
}
const secret = await readPassphrase(flag, process.env, process.stdin);
if ('error' in secret) {
  console.error(secret.error);
  process.exit(2);
}
try {
  const summary = buildSampleCase(
    resolve(target),
    secret.passphrase === undefined ? {} : { passphrase: secret.passphrase },
  );
  const c = summary.counts;
  console.log(
    `Wrote "${summary.name}" (${secret.passphrase === undefined ? 'not encrypted' : 'encrypted'}) to ${summary.path}: ${c.deals} deals, ${c.actors} actors, ${c.sources} sources, ${c.claims} claims, ${c.evidence} evidence items, ${c.assessments} assessments.`,
  );
} catch (error) {
  console.error(error instanceof CoreError ? error.message : error);
  process.exit(1);
}
