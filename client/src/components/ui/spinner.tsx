type SpinnerProps = { label?: string; size?: 'sm' | 'md'; decorative?: boolean };

/** A quiet loading indicator; with a label it is announced to screen readers. */
export function Spinner({ label, size = 'md', decorative = false }: SpinnerProps) {
  if (decorative) return <span className={`spinner spinner-${size}`} aria-hidden="true" />;
  return (
    <span className="spinner-wrap" role="status">
      <span className={`spinner spinner-${size}`} aria-hidden="true" />
      {label ? <span className="spinner-label">{label}</span> : null}
    </span>
  );
}

/** A centred spinner for a page or panel that is loading. */
export function LoadingBlock({ label }: { label: string }) {
  return (
    <div className="loading-block">
      <Spinner label={label} />
    </div>
  );
}
