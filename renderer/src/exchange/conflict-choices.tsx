// Records changed both in this case and in the colleague's file since the copies parted. Nothing is
// overwritten without a choice per record; the choices travel with the import and are audited.
import type { PlanRow, Resolution } from '../../../electron/schema/exchange';
import { entityNouns } from './exchange-labels';
import { ChangeText } from './plan-table';

export interface ConflictChoicesProps {
  rows: readonly PlanRow[];
  resolutions: Record<string, Resolution>;
  disabled: boolean;
  onChoose(id: string, choice: Resolution): void;
  onChooseAll(choice: Resolution): void;
}

export function ConflictChoices({
  rows,
  resolutions,
  disabled,
  onChoose,
  onChooseAll,
}: ConflictChoicesProps) {
  const conflicts = rows.filter(
    (r): r is PlanRow & { id: string } => r.action === 'conflict' && r.id !== null,
  );
  if (conflicts.length === 0) return null;
  const open = conflicts.filter((r) => !resolutions[r.id]).length;
  return (
    <section className="panel" aria-labelledby="conflicts-heading">
      <div className="panel-head">
        <h3 id="conflicts-heading" className="panel-title">
          Changed on both sides <span className="count">{conflicts.length}</span>
        </h3>
        <div className="conflict-bulk">
          <button type="button" className="button" disabled={disabled} onClick={() => onChooseAll('ours')}>
            Keep all mine
          </button>
          <button type="button" className="button" disabled={disabled} onClick={() => onChooseAll('theirs')}>
            Take all theirs
          </button>
        </div>
      </div>
      <p className="muted">
        These records were changed in this case and in the file since the two copies parted. Choose which
        version to keep for each; nothing is overwritten without your choice, and the choice is recorded in
        the audit trail.
      </p>
      <p className={open > 0 ? 'conflict-open' : 'verify-ok'} role="status">
        {open > 0
          ? `${open.toLocaleString()} of ${conflicts.length.toLocaleString()} still to choose.`
          : 'Every conflict has a choice.'}
      </p>
      <ul className="conflict-list">
        {conflicts.map((row) => (
          <li key={row.id}>
            <fieldset className="conflict" disabled={disabled}>
              <legend className="conflict-title">
                {entityNouns[row.entity] ?? row.entity}: {row.label}
              </legend>
              {row.changes && row.changes.length > 0 && (
                <ul className="plan-details">
                  {row.changes.map((change) => (
                    <li key={change.field}>
                      <ChangeText change={change} />
                    </li>
                  ))}
                </ul>
              )}
              <div className="conflict-options">
                {(['ours', 'theirs'] as const).map((choice) => (
                  <label key={choice} className="check">
                    <input
                      type="radio"
                      name={`conflict-${row.id}`}
                      checked={resolutions[row.id] === choice}
                      onChange={() => onChoose(row.id, choice)}
                    />
                    {choice === 'ours' ? 'Keep mine' : 'Take theirs'}
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
    </section>
  );
}
