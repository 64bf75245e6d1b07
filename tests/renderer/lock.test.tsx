// The pieces of locking in the renderer: the new-passphrase fields (twice, a strength estimate,
// "I understand" below the minimum), the unlock screen, and the lock itself (Ctrl/Cmd+L, the idle
// timeout) clearing every piece of case data the renderer holds.
import { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { draftOr, useKeepDraft } from '../../renderer/src/forms/drafts';
import { NewPassphraseFields } from '../../renderer/src/lock/new-passphrase-fields';
import { estimateStrength, MIN_SCORE, type NewPassphrase } from '../../renderer/src/lock/passphrase-strength';
import { UnlockScreen } from '../../renderer/src/lock/unlock-screen';
import { clearCaseData, DEFAULT_IDLE_MINUTES, useLock } from '../../renderer/src/lock/use-lock';

function Harness(props: { showProblems?: boolean }) {
  const [v, setV] = useState<NewPassphrase>({ passphrase: '', confirm: '', acceptWeak: false });
  return (
    <NewPassphraseFields
      value={v}
      onChange={setV}
      showProblems={props.showProblems ?? true}
      context={['Bishkek']}
    />
  );
}

// zxcvbn-ts loads its dictionaries on the first estimate: a second or more on a busy machine.
describe('new passphrase fields', { timeout: 60_000 }, () => {
  it('rates a weak passphrase, offers "I understand", and refuses it until ticked', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByLabelText('Passphrase', { selector: 'input' }), 'password1');
    await user.type(screen.getByLabelText('Passphrase again'), 'password1');
    expect(
      Number(screen.getByRole('meter', { name: 'Passphrase strength' }).getAttribute('value')),
    ).toBeLessThan(MIN_SCORE);
    expect(screen.getByRole('alert')).toHaveTextContent('below the minimum strength');
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('accepts a strong passphrase without the tick, and says when the two differ', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    // Pasted, as a passphrase from a manager is: one estimate, not one per keystroke.
    await user.click(screen.getByLabelText('Passphrase', { selector: 'input' }));
    await user.paste('hazel orbit quietly lantern tundra');
    await user.click(screen.getByLabelText('Passphrase again'));
    await user.paste('hazel orbit quietly lantern');
    expect(screen.getByText(/^(Strong|Very strong)/)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /I understand/ })).toBeNull();
    expect(screen.getByRole('alert')).toHaveTextContent('not the same');
    await user.paste(' tundra');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('counts the case’s own words as guessable', () => {
    expect(estimateStrength('Bishkek2019!', ['Bishkek']).score).toBeLessThan(
      estimateStrength('Bishkek2019!').score + 1,
    );
    expect(estimateStrength('short').strongEnough).toBe(false);
  });
});

describe('unlock screen', () => {
  it('shows a refusal plainly, clears the field, and unlocks with the right passphrase', async () => {
    const user = userEvent.setup();
    const tries: string[] = [];
    const onUnlock = async (p: string) => {
      tries.push(p);
      if (p !== 'right one') throw new Error('That passphrase does not open case.evidence.');
    };
    render(<UnlockScreen fileName="case.evidence" onUnlock={onUnlock} />);
    expect(screen.getByRole('heading', { name: 'Unlock case.evidence' })).toBeInTheDocument();
    const field = screen.getByLabelText('Passphrase');
    await user.type(field, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('does not open');
    expect(field).toHaveValue('');
    await user.type(field, 'right one{Enter}');
    expect(tries).toEqual(['wrong', 'right one']);
  });
});

describe('locking', () => {
  afterEach(() => vi.useRealTimers());

  it('locks on Ctrl+L and on Cmd+L', () => {
    const lock = vi.fn();
    renderHook(() => useLock(lock, true));
    fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'L', metaKey: true });
    fireEvent.keyDown(window, { key: 'l' });
    expect(lock.mock.calls).toEqual([['shortcut'], ['shortcut']]);
  });

  it(`locks after ${DEFAULT_IDLE_MINUTES} minutes without input, and input puts the moment off`, () => {
    vi.useFakeTimers();
    const lock = vi.fn();
    renderHook(() => useLock(lock, true));
    act(() => vi.advanceTimersByTime((DEFAULT_IDLE_MINUTES - 1) * 60_000));
    fireEvent.pointerMove(window);
    act(() => vi.advanceTimersByTime((DEFAULT_IDLE_MINUTES - 1) * 60_000));
    expect(lock).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(60_000));
    expect(lock).toHaveBeenCalledWith('idle');
  });

  it('does nothing while disabled (a plain case has nothing to lock)', () => {
    const lock = vi.fn();
    renderHook(() => useLock(lock, false));
    fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    expect(lock).not.toHaveBeenCalled();
  });

  it('clears the query cache and every open form’s draft', () => {
    const client = new QueryClient();
    client.setQueryData(['claims', 'list'], [{ statement: 'A sensitive claim' }]);
    const watch = (cb: (v: unknown) => void) => {
      cb({ statement: 'typed, not saved' });
      return { unsubscribe: () => undefined };
    };
    renderHook(() => useKeepDraft('claim:new', watch as never));
    expect(draftOr('claim:new', null)).toEqual({ statement: 'typed, not saved' });
    clearCaseData(client);
    expect(client.getQueryCache().getAll()).toEqual([]);
    expect(draftOr('claim:new', null)).toBeNull();
  });
});
