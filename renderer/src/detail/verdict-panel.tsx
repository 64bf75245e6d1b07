// The corroboration verdict, never without its reasons: the independent lines with their weights,
// the model's own sentences, and the two warnings in words a journalist can act on.
import type { Assessment, CorroborationResult, IndependentLine } from '../../../electron/schema/records';
import { GradeBadge } from '../components/grade-badge';
import { VerdictBadge } from '../components/verdict-badge';
import { likelihoodLabels, verdictLabels } from '../labels';

export interface VerdictPanelProps {
  corroboration: CorroborationResult;
  latest: Assessment | null;
  onOpenSource?(id: string): void;
}

export function VerdictPanel({ corroboration, latest, onOpenSource }: VerdictPanelProps) {
  const { verdict, explanation, supporting, contradicting, warnings, fragileBecause } = corroboration;
  const lines = [...supporting, ...contradicting];
  const titleOf = new Map(lines.map((l) => [l.rootSourceId, l.rootSourceTitle]));
  // The warnings below say these two in plainer words; the model's own sentences would repeat them.
  const reasons = explanation.filter(
    (sentence) =>
      !(warnings.fragile && /^The verdict is fragile/.test(sentence)) &&
      !(warnings.overconfident && /^The latest assessment/.test(sentence)),
  );
  return (
    <section className="panel verdict-panel" aria-labelledby="verdict-heading">
      <div className="panel-head">
        <h3 id="verdict-heading" className="panel-title">
          Verdict
        </h3>
        <VerdictBadge verdict={verdict} large />
      </div>
      {(warnings.fragile || warnings.overconfident) && (
        <ul className="warnings" aria-label="Warnings">
          {warnings.overconfident && (
            <li className="warning warning-overconfident">
              <strong>Overconfident.</strong> The latest assessment says “
              {latest ? (likelihoodLabels[latest.likelihood]?.words ?? latest.likelihood) : 'very likely'}”,
              but the evidence does not carry that much certainty
              {verdict === 'single_source' ? ': it rests on a single independent source' : ''}
              {verdict === 'contested' ? ': strong evidence points the other way' : ''}
              {verdict === 'corroborated' && warnings.fragile ? ': one line holds the verdict up' : ''}. Lower
              the likelihood, or find more independent sources before publishing.
            </li>
          )}
          {warnings.fragile && (
            <li className="warning warning-fragile">
              <strong>Fragile.</strong>{' '}
              {fragileBecause.map((f, i) => (
                <span key={f.rootSourceId}>
                  {i > 0 ? ' ' : ''}If “{titleOf.get(f.rootSourceId) ?? 'one source'}” turned out to be wrong,
                  the claim would be {verdictLabels[f.verdictWithout].toLowerCase()}.
                </span>
              ))}{' '}
              One more independent line would make it sturdier.
            </li>
          )}
        </ul>
      )}
      {reasons.length > 0 && (
        <ul className="explanation" aria-label="Why this verdict">
          {reasons.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
      {lines.length > 0 && <LinesTable lines={lines} onOpenSource={onOpenSource} />}
    </section>
  );
}

function LinesTable({
  lines,
  onOpenSource,
}: {
  lines: IndependentLine[];
  onOpenSource?: ((id: string) => void) | undefined;
}) {
  return (
    <table className="lines-table">
      <caption>Independent lines of evidence</caption>
      <thead>
        <tr>
          <th scope="col">Line (original source)</th>
          <th scope="col">Direction</th>
          <th scope="col">Items</th>
          <th scope="col" className="num">
            Weight
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={`${line.stance}-${line.rootSourceId}`}>
            <td>
              {onOpenSource ? (
                <button type="button" className="link" onClick={() => onOpenSource(line.rootSourceId)}>
                  {line.rootSourceTitle}
                </button>
              ) : (
                line.rootSourceTitle
              )}
            </td>
            <td>
              <span className={`stance stance-${line.stance}`}>
                {line.stance === 'supports' ? 'Supports' : 'Contradicts'}
              </span>
            </td>
            <td className="line-items">
              {line.items.map((item) => (
                <span key={item.evidenceId} className="line-item" title={item.sourceTitle}>
                  <GradeBadge reliability={item.reliability} credibility={item.credibility} />
                  <span className="line-item-weight">{item.weight.toFixed(2)}</span>
                </span>
              ))}
            </td>
            <td className="num">
              <WeightBar weight={line.weight} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeightBar({ weight }: { weight: number }) {
  return (
    <span className="weight">
      <meter
        className="weight-meter"
        min={0}
        max={1}
        low={0.4}
        high={0.6}
        optimum={1}
        value={weight}
        aria-label={`Weight ${weight.toFixed(2)}`}
      />
      <span className="weight-value">{weight.toFixed(2)}</span>
    </span>
  );
}
