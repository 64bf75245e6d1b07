// Publishing with care: marking a claim Verified (or exporting it as ClaimReview) while its
// evidence says otherwise — overconfident, fragile, contested or single-source — needs a
// confirmation with the reason, and that choice is written into the audit event with the flags.
import type { CorroborationResult } from '../schema/records';
import { corroborationOf } from './claim-verdicts';
import type { CaseFile } from './db';
import { CoreError } from './errors';

export type PublishFlag = 'overconfident' | 'fragile' | 'contested' | 'single_source';

export const publishFlagWords: Record<PublishFlag, string> = {
  overconfident: 'overconfident',
  fragile: 'fragile',
  contested: 'contested',
  single_source: 'single source',
};

export function flagsOf(result: CorroborationResult): PublishFlag[] {
  const flags: PublishFlag[] = [];
  if (result.warnings.overconfident) flags.push('overconfident');
  if (result.warnings.fragile) flags.push('fragile');
  if (result.verdict === 'contested') flags.push('contested');
  if (result.verdict === 'single_source') flags.push('single_source');
  return flags;
}

export const publishFlags = (c: CaseFile, claimId: string): PublishFlag[] =>
  flagsOf(corroborationOf(c, claimId));

/**
 * What goes into the audit event when a flagged claim is published anyway; refuses (changing
 * nothing) when no reason was given. `field` is the input field that carries the reason.
 */
export function confirmPublishing(
  flags: PublishFlag[],
  reason: string | null | undefined,
  what: string,
  field: string,
): { flags: PublishFlag[]; reason: string } | null {
  if (flags.length === 0) return null;
  const words = flags.map((f) => publishFlagWords[f]).join(', ');
  if (!reason) {
    throw new CoreError(
      'conflict',
      `This claim is flagged ${words}. ${what} needs a confirmation with the reason.`,
      { [field]: `is required: the claim is flagged ${words}` },
      'needs_confirmation',
    );
  }
  return { flags, reason };
}
