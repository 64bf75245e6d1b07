import type { Verdict } from '../../../electron/schema/inputs';
import { verdictLabels } from '../labels';

export function VerdictBadge({ verdict, large = false }: { verdict: Verdict; large?: boolean }) {
  return (
    <span className={`verdict verdict-${verdict.replace('_', '-')}${large ? ' verdict-large' : ''}`}>
      {verdictLabels[verdict]}
    </span>
  );
}
