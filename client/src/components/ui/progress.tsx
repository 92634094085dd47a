type ProgressProps = { value: number | null; label: string; valueText: string };

/** A bar with its number written next to it, so the value never depends on the bar. */
export function Progress({ value, label, valueText }: ProgressProps) {
  return (
    <div className="progress">
      <progress className="progress-bar" max={100} value={value ?? 0} aria-label={label}>
        {valueText}
      </progress>
      <span className="progress-text">{valueText}</span>
    </div>
  );
}
