import { useEffect, useRef, useState } from 'react';

/**
 * Which of a page's inline panels (an "are you sure?", a small form) is open. Each opens next to the
 * button that asked for it; closing it puts focus back on that button, so keyboard users stay where they were.
 */
export function useInlinePanel<Name extends string>() {
  const [open, setOpen] = useState<Name | null>(null);
  const buttons = useRef(new Map<Name, HTMLButtonElement | null>());
  const returnTo = useRef<Name | null>(null);

  useEffect(() => {
    if (open !== null || returnTo.current === null) return;
    buttons.current.get(returnTo.current)?.focus();
    returnTo.current = null;
  });

  return {
    open,
    close: () => {
      returnTo.current = open;
      setOpen(null);
    },
    /** Props for the button that opens the panel `name`. */
    trigger: (name: Name) => ({
      ref: (element: HTMLButtonElement | null) => {
        buttons.current.set(name, element);
      },
      onClick: () => setOpen(name),
      'aria-expanded': open === name,
    }),
  };
}
