export function Loading() {
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      Loading…
    </p>
  );
}
