// Pick a record by typing part of its name: a combobox whose options come from a list method's
// text filter, debounced, so a case of any size answers while the user types.
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, type Ref, useEffect, useId, useRef, useState } from 'react';
import type { ApiCallError } from '../client';
import { useDebounced } from '../hooks/use-debounced';

export interface PickerOption {
  id: string;
  title: string;
  meta?: ReactNode;
}

export interface RecordPickerProps {
  label: string;
  /** Used in the query key so two pickers over the same list share answers. */
  queryKey: string;
  search(query: string): Promise<PickerOption[]>;
  value: string | null;
  /** The title of the current value, shown in the input when it is not being edited. */
  valueTitle: string | null;
  onChange(option: PickerOption | null): void;
  placeholder?: string;
  error?: string | undefined;
  hint?: ReactNode;
  excludeId?: string;
  /** A trailing action beside the input, such as "New source…". */
  action?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

export function RecordPicker({
  label,
  queryKey,
  search,
  value,
  valueTitle,
  onChange,
  placeholder,
  error,
  hint,
  excludeId,
  action,
  inputRef,
}: RecordPickerProps) {
  const id = useId();
  const listId = `${id}-options`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const [text, setText] = useState(valueTitle ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = useRef(false);
  const query = useDebounced(text.trim(), 150);

  // When the value changes from outside (a new source was created inline), show its title.
  useEffect(() => {
    if (!typed.current) setText(valueTitle ?? '');
  }, [valueTitle]);

  const searchQuery = typed.current ? query : '';
  const options = useQuery<PickerOption[], ApiCallError>({
    queryKey: [queryKey, 'picker', searchQuery],
    queryFn: () => search(searchQuery),
    enabled: open,
    // Keep the options shown while the next words are searched: they do not flash away on every
    // key, and an option being clicked is not swapped out from under the pointer.
    placeholderData: (previous) => previous,
  });
  const shown = (options.data ?? []).filter((o) => o.id !== excludeId);

  const choose = (option: PickerOption | null) => {
    typed.current = false;
    setText(option?.title ?? '');
    setOpen(false);
    onChange(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(shown.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter' && open) {
      // Enter picks the highlighted option instead of submitting the surrounding form.
      event.preventDefault();
      const option = shown[active];
      if (option) choose(option);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field picker">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="picker-row">
        <input
          id={id}
          ref={inputRef}
          className="input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
          autoComplete="off"
          placeholder={placeholder ?? 'Type to search…'}
          value={text}
          onChange={(e) => {
            typed.current = true;
            setText(e.target.value);
            setActive(0);
            setOpen(true);
            if (e.target.value.trim() === '' && value) onChange(null);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => {
            // Leave the typed text if it picked nothing, so the user sees what did not match.
            setTimeout(() => setOpen(false), 120);
            if (!typed.current) setText(valueTitle ?? '');
          }}
          onKeyDown={onKeyDown}
        />
        {action}
        {open && (
          <div className="picker-popup">
            <div id={listId} role="listbox" aria-label={`${label} options`} className="picker-options">
              {options.isPending && <div className="picker-note">Searching…</div>}
              {options.isError && <div className="picker-note">Search failed: {options.error.message}</div>}
              {options.isSuccess && shown.length === 0 && (
                <div className="picker-note">Nothing matches “{text.trim()}”.</div>
              )}
              {shown.map((option, index) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant)
                // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input; options are pointed at, not focused
                <div
                  key={option.id}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={option.id === value}
                  className={`picker-option${index === active ? ' is-active' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(option)}
                >
                  <span className="picker-title">{option.title}</span>
                  {option.meta && <span className="picker-meta">{option.meta}</span>}
                </div>
              ))}
            </div>
          </div>
        )}
      </div>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
