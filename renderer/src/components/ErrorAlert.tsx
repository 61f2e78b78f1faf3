import { describeError } from '../describeError';

/** A live region that is always present, so screen readers announce an error when one appears. */
export function ErrorAlert({ error }: { error: unknown }) {
  const shown = error !== null && error !== undefined;
  return (
    <div role="alert" className={shown ? 'alert' : undefined} data-testid={shown ? 'error' : undefined}>
      {shown && describeError(error)}
    </div>
  );
}
