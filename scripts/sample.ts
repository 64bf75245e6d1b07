// `npm run sample -- <file>`: writes the sample case "Central Asia surveillance deals" to a new
// case file. Refuses to overwrite anything.
import { resolve } from 'node:path';
import { CoreError } from '../electron/core/errors';
import { buildSampleCase } from '../electron/core/sample-case';

const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error('Usage: npm run sample -- <file.evidence>');
  process.exit(2);
}
try {
  const summary = buildSampleCase(resolve(target));
  const c = summary.counts;
  console.log(
    `Wrote "${summary.name}" to ${summary.path}: ${c.deals} deals, ${c.actors} actors, ${c.sources} sources, ${c.claims} claims, ${c.evidence} evidence items, ${c.assessments} assessments.`,
  );
} catch (error) {
  console.error(error instanceof CoreError ? error.message : error);
  process.exit(1);
}
