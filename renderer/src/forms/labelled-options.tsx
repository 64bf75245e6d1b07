// The options of a select over a fixed list of values, each shown by its label.
export function LabelledOptions<T extends string | number>({
  values,
  label,
}: {
  values: readonly T[];
  label(value: T): string;
}) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}
