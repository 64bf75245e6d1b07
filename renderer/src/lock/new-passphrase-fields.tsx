// The passphrase part of "New case": the passphrase twice, a strength estimate that updates as
// the user types, and, below the minimum, an "I understand" box without which it is refused.
import { useId, useMemo } from 'react';
import {
  estimateStrength,
  MIN_SCORE,
  type NewPassphrase,
  newPassphraseProblems,
} from './passphrase-strength';

export function NewPassphraseFields(props: {
  value: NewPassphrase;
  onChange: (v: NewPassphrase) => void;
  /** Words the passphrase should not lean on (case name, investigator). */
  context?: string[];
  /** Show the problems (after a first attempt to submit). */
  showProblems: boolean;
}) {
  const id = useId();
  const { value, onChange } = props;
  const context = props.context;
  // The estimate costs milliseconds for a long passphrase: once per change of it, not per render.
  const strength = useMemo(
    () => (value.passphrase ? estimateStrength(value.passphrase, context) : null),
    [value.passphrase, context],
  );
  const problems = props.showProblems ? newPassphraseProblems(value, props.context) : {};
  return (
    <fieldset>
      <legend>Passphrase</legend>
      <label htmlFor={`${id}-p`}>Passphrase</label>
      <input
        id={`${id}-p`}
        type="password"
        autoComplete="new-password"
        value={value.passphrase}
        aria-invalid={problems.passphrase ? true : undefined}
        aria-describedby={`${id}-s`}
        onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
      />
      <meter
        aria-label="Passphrase strength"
        min={0}
        max={4}
        low={MIN_SCORE - 0.5}
        optimum={4}
        value={strength?.score ?? 0}
      />
      <p id={`${id}-s`} aria-live="polite">
        {strength
          ? `${strength.label}${strength.warning ? `: ${strength.warning}` : ''}`
          : `Use several unrelated words; the minimum is "${['Very weak', 'Weak', 'Fair', 'Strong'][MIN_SCORE]}".`}
      </p>
      {problems.passphrase && <p role="alert">{problems.passphrase}</p>}
      <label htmlFor={`${id}-c`}>Passphrase again</label>
      <input
        id={`${id}-c`}
        type="password"
        autoComplete="new-password"
        value={value.confirm}
        aria-invalid={problems.confirm ? true : undefined}
        onChange={(e) => onChange({ ...value, confirm: e.target.value })}
      />
      {problems.confirm && <p role="alert">{problems.confirm}</p>}
      {strength && !strength.strongEnough && (
        <label>
          <input
            type="checkbox"
            checked={value.acceptWeak}
            onChange={(e) => onChange({ ...value, acceptWeak: e.target.checked })}
          />
          I understand that this passphrase is weak and that anyone who gets the file may guess it
        </label>
      )}
      {problems.acceptWeak && <p role="alert">{problems.acceptWeak}</p>}
      <p>There is no way to recover a forgotten passphrase: without it, the case cannot be opened.</p>
    </fieldset>
  );
}
