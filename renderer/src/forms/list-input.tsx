// A comma-separated text input over a list value (tags, aliases). It keeps the raw text while the
// user types, so "foo, " is not snapped back to "foo" mid-word.
import { useEffect, useState } from 'react';
import type { ControlProps } from './field';
import { splitList } from './value-as';

export function ListInput({
  control,
  value,
  onChange,
  onBlur,
}: {
  control: ControlProps;
  value: string[] | undefined;
  onChange(next: string[]): void;
  onBlur(): void;
}) {
  const [text, setText] = useState((value ?? []).join(', '));
  useEffect(() => {
    const current = value ?? [];
    setText((t) => (splitList(t).join('\u0000') === current.join('\u0000') ? t : current.join(', ')));
  }, [value]);
  return (
    <input
      {...control}
      className="input"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
      onBlur={onBlur}
    />
  );
}
