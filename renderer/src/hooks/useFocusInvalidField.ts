import { type RefObject, useEffect } from 'react';

/** After a failed submit, puts the keyboard on the first field the error names, so it is read out and fixed. */
export function useFocusInvalidField(container: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error) return;
    container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, container]);
}
