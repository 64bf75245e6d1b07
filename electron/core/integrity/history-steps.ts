// The audit history: every event present, in order, matching its hash; and, when the user gave
// one, a checkpoint taken earlier still inside it unchanged.

import { checkCheckpoint, walkChain } from '../custody';
import { formatCount } from '../words';
import type { IntegrityStepDefinition } from './step';

export const auditStep: IntegrityStepDefinition = {
  name: 'audit',
  weight: 0.25,
  async run(ctx) {
    const walked = await walkChain(ctx.c, (checked, total) =>
      ctx.progress(
        `Checking the audit history: ${formatCount(checked)} of ${formatCount(total)} events`,
        checked,
        total,
      ),
    );
    ctx.found.chain = walked;
    return walked.ok
      ? {
          ok: true,
          summary: `Every event (${formatCount(walked.checked)}) is present, in order, and matches its hash; the latest is event ${walked.head.seq}.`,
          problems: [],
        }
      : {
          ok: false,
          summary: `The history is broken at event ${walked.brokenAt}.`,
          problems: [`At event ${walked.brokenAt}: ${walked.reason}.`],
        };
  },
};

export const checkpointStep: IntegrityStepDefinition = {
  name: 'checkpoint',
  weight: 0.02,
  run(ctx) {
    const cp = ctx.checkpoint;
    if (cp === null)
      return {
        ok: true,
        skipped: true,
        summary: 'No checkpoint was given, so none was checked.',
        problems: [],
      };
    ctx.progress(`Checking the checkpoint of event ${cp.seq}…`, 0, 1);
    const check = ctx.c.read(() => checkCheckpoint(ctx.c, cp, ctx.found.chain));
    return { ok: check.ok, summary: check.message, problems: check.ok ? [] : [check.message] };
  },
};
