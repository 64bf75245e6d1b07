// One size of the bench in its own process, so each size's peak RSS is its own.
// Usage (from bench.ts): size-child.ts --evidence N --seed S --dir D --out result.json
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSize } from './ops';

const { values } = parseArgs({
  options: {
    evidence: { type: 'string' },
    seed: { type: 'string' },
    dir: { type: 'string' },
    out: { type: 'string' },
  },
});

const result = await runSize({
  evidence: Number(values.evidence),
  seed: Number(values.seed),
  dir: values.dir as string,
  log: (line) =>
    process.stderr.write(`${line}  [rss ${Math.round(process.memoryUsage.rss() / 1048576)} MB]\n`),
});
writeFileSync(values.out as string, JSON.stringify(result));
