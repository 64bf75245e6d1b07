// Side files (-wal, -shm, a sync program's conflicted copy): whether they belong to this case file
// at this moment. The check itself runs before SQLite may read a log (sidecar-check.ts), so its
// result comes from the opening: openForCheck for `npm run verify`, openCase for the app — which
// refuses a case whose side files do not belong, so a case the app has open passed it.
import type { IntegrityStepDefinition } from './step';

export const sidecarsStep: IntegrityStepDefinition = {
  name: 'sidecars',
  weight: 0.01,
  run(ctx) {
    const checked = ctx.found.sidecars;
    if (checked) return { ok: checked.ok, summary: checked.summary, problems: checked.problems };
    return {
      ok: true,
      summary:
        'Checked when the case was opened: its side files belong to it (the app opens no case whose side files do not).',
      problems: [],
    };
  },
};
