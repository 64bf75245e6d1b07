// What an integrity step is: a name, a share of the progress bar, and a check that reads the case
// and says in plain words what it found. Steps never write; the runner (run-integrity.ts) orders
// them, reports progress, and stops between batches when the user cancels.
import type { CheckpointInput, IntegrityStepName } from '../../schema/custody';
import type { ChainWalk } from '../custody';
import type { CaseFile } from '../db';

export interface StepOutcome {
  ok: boolean;
  /** One sentence. */
  summary: string;
  /** Each problem in plain words; the runner caps how many are listed. */
  problems: string[];
  skipped?: boolean;
}

export interface StepContext {
  readonly c: CaseFile;
  readonly checkpoint: CheckpointInput | null;
  /**
   * What earlier steps (or the opening) learnt that later ones use: the chain walk for the
   * checkpoint step; the open-time check of the side files, when the caller opened the case for
   * checking (openForCheck) rather than the app opening it.
   */
  readonly found: { chain?: ChainWalk; sidecars?: StepOutcome };
  /**
   * Where the step is: `done` of `total` units, with a message for under the progress bar. Throws
   * `IntegrityCancelled` when the user has cancelled, so a step stops at its next batch.
   */
  progress(message: string, done: number, total: number): void;
  /** Lets other work run (and a cancel arrive) between batches; throws when cancelled. */
  pause(): Promise<void>;
}

export interface IntegrityStepDefinition {
  name: IntegrityStepName;
  /** Its share of the progress bar (the weights of all steps need not add up to 1). */
  weight: number;
  run(ctx: StepContext): Promise<StepOutcome> | StepOutcome;
}

/** Thrown inside a step when the user cancelled the run. */
export class IntegrityCancelled extends Error {
  constructor() {
    super('The check was cancelled.');
    this.name = 'IntegrityCancelled';
  }
}
