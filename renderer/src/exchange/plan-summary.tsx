// The preview at a glance: how many records each action takes, what the reader noticed about the
// file, and, when the whole file is unreadable, why and where.
import type { ImportPlan, PlanAction } from '../../../electron/schema/exchange';
import { planActionLabels } from './exchange-labels';

const totalsOrder: readonly PlanAction[] = ['create', 'update', 'duplicate', 'conflict', 'rejected'];

export function PlanSummary({ plan }: { plan: ImportPlan }) {
  return (
    <>
      {plan.fatal && (
        <div className="error-box" role="alert">
          <p className="error-title">
            {plan.fatal.line !== null ? `Line ${plan.fatal.line}: ` : ''}
            {plan.fatal.message}
          </p>
          <p className="error-detail">Nothing can be imported from this file. The case is unchanged.</p>
        </div>
      )}
      <dl className="plan-totals" aria-label="What the import would do">
        <div>
          <dt>Rows read</dt>
          <dd>{plan.totals.rows.toLocaleString()}</dd>
        </div>
        {totalsOrder.map((action) => (
          <div key={action} className={plan.totals[action] > 0 ? `plan-total-${action}` : undefined}>
            <dt>{planActionLabels[action]}</dt>
            <dd>{plan.totals[action].toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {plan.notes.length > 0 && (
        <ul className="plan-notes" aria-label="About the file">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}
