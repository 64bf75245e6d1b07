// The one integrity runner. "Verify case integrity" in the app, the host's `case.verifyIntegrity`
// and `npm run verify` all run these steps, in this order, with one progress shape and one report:
// an auditor is never told one thing by the command line and another by the app. Read-only.
import { basename } from 'node:path';
import {
  type IntegrityProgress,
  type IntegrityReport,
  type IntegrityStep,
  type IntegrityStepName,
  IntegrityVerify,
  integrityStepLabels,
} from '../../schema/custody';
import { auditHead, GENESIS_HASH } from '../audit';
import { checkpointOf } from '../custody';
import type { CaseFile } from '../db';
import { CoreError, parseInput } from '../errors';
import { nowIso } from '../ids';
import { attachmentsStep } from './attachments-step';
import { databaseStep } from './database-step';
import { auditStep, checkpointStep } from './history-steps';
import { foreignKeysStep, recordsStep, searchStep, verdictsStep } from './record-steps';
import { renderIntegrityReport } from './report-text';
import { sidecarsStep } from './sidecars-step';
import { IntegrityCancelled, type IntegrityStepDefinition, type StepContext, type StepOutcome } from './step';

/** Every step, in the order it runs: cheap structural checks first, the byte-heavy one last. */
export const integritySteps: readonly IntegrityStepDefinition[] = [
  sidecarsStep,
  databaseStep,
  foreignKeysStep,
  auditStep,
  checkpointStep,
  recordsStep,
  verdictsStep,
  searchStep,
  attachmentsStep,
];

/** Problems past this many in one step are counted, not listed. */
const MAX_PROBLEMS = 200;

interface Running {
  progress: IntegrityProgress;
  cancelled: boolean;
}
const running = new WeakMap<CaseFile, Running>();

/** `case.integrityProgress`: where the running check is, or null when none runs. */
export function integrityProgress(c: CaseFile): IntegrityProgress | null {
  return running.get(c)?.progress ?? null;
}

/** `case.cancelIntegrity`: stops the running check at its next batch. */
export function cancelIntegrity(c: CaseFile): { cancelled: boolean } {
  const run = running.get(c);
  if (run === undefined) return { cancelled: false };
  run.cancelled = true;
  return { cancelled: true };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface IntegrityRunOptions {
  onProgress?: (progress: IntegrityProgress) => void;
  /** For local callers (the command line on Ctrl+C): aborting cancels like `case.cancelIntegrity`. */
  signal?: AbortSignal;
  /** The open-time check of the side files, when the caller opened the case with openForCheck. */
  sidecars?: StepOutcome;
}

function capped(outcome: StepOutcome): StepOutcome {
  if (outcome.problems.length <= MAX_PROBLEMS) return outcome;
  const more = outcome.problems.length - MAX_PROBLEMS;
  return { ...outcome, problems: [...outcome.problems.slice(0, MAX_PROBLEMS), `… and ${more} more.`] };
}

/** `case.verifyIntegrity`: runs the steps asked for (all by default) and reports each in plain words. */
export async function runIntegrity(
  c: CaseFile,
  input: unknown,
  options: IntegrityRunOptions = {},
): Promise<IntegrityReport> {
  const parsed = parseInput(IntegrityVerify, input);
  const checkpoint = checkpointOf(parsed);
  const wanted = new Set<IntegrityStepName>(parsed.steps ?? integritySteps.map((s) => s.name));
  if (running.has(c))
    throw new CoreError('conflict', 'A verification of this case is already running; wait for it to finish.');
  const run: Running = {
    progress: { step: 'database', message: 'Starting…', fraction: 0 },
    cancelled: false,
  };
  running.set(c, run);
  const onAbort = () => {
    run.cancelled = true;
  };
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) run.cancelled = true;

  const selected = integritySteps.filter((s) => wanted.has(s.name));
  const totalWeight = selected.reduce((n, s) => n + s.weight, 0) || 1;
  let before = 0;
  const report = (progress: IntegrityProgress) => {
    run.progress = progress;
    options.onProgress?.(progress);
  };
  const startedAt = nowIso();
  const steps: IntegrityStep[] = [];
  const found: StepContext['found'] = options.sidecars ? { sidecars: options.sidecars } : {};
  let cancelled = false;
  try {
    for (const definition of integritySteps) {
      const { name } = definition;
      const label = integrityStepLabels[name];
      if (!wanted.has(name) || cancelled) {
        steps.push({
          step: name,
          label,
          ok: true,
          skipped: true,
          summary: cancelled
            ? 'Not checked: the check was cancelled before this step.'
            : 'Not asked for in this run.',
          problems: [],
        });
        continue;
      }
      const share = definition.weight / totalWeight;
      const ctx: StepContext = {
        c,
        checkpoint,
        found,
        progress(message, done, total) {
          if (run.cancelled) throw new IntegrityCancelled();
          const within = total > 0 ? Math.min(1, done / total) : 0;
          report({ step: name, message, fraction: Math.min(1, before + share * within) });
        },
        async pause() {
          await nextTurn();
          if (run.cancelled) throw new IntegrityCancelled();
        },
      };
      report({ step: name, message: `${label}…`, fraction: before });
      let outcome: StepOutcome;
      try {
        outcome = capped(await definition.run(ctx));
        await ctx.pause();
      } catch (error) {
        if (error instanceof IntegrityCancelled) {
          cancelled = true;
          steps.push({
            step: name,
            label,
            ok: true,
            skipped: true,
            summary: 'Not finished: the check was cancelled during this step.',
            problems: [],
          });
          continue;
        }
        // A step that cannot finish (a damaged page, say) is itself a finding; the others still run.
        const why = error instanceof Error ? error.message : String(error);
        outcome = {
          ok: false,
          summary: 'The check could not be completed.',
          problems: [`The check could not be completed: ${why}`],
        };
      }
      steps.push({
        step: name,
        label,
        ok: outcome.ok,
        skipped: outcome.skipped === true,
        summary: outcome.summary,
        problems: outcome.problems,
      });
      before += share;
    }
    report({
      step: selected.at(-1)?.name ?? 'database',
      message: cancelled ? 'Cancelled.' : 'Done.',
      fraction: 1,
    });
    const result: Omit<IntegrityReport, 'text'> = {
      ok: !cancelled && steps.every((s) => s.ok),
      cancelled,
      caseId: c.meta.caseId,
      caseName: c.meta.name,
      fileName: basename(c.path),
      startedAt,
      finishedAt: nowIso(),
      auditHead: headOrGenesis(c),
      steps,
    };
    return { ...result, text: renderIntegrityReport(result) };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    running.delete(c);
  }
}

function headOrGenesis(c: CaseFile): { seq: number; hash: string } {
  try {
    return auditHead(c.db);
  } catch {
    return { seq: 0, hash: GENESIS_HASH };
  }
}
