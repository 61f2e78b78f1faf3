import { createContext, useContext, useEffect, useRef, useState } from 'react';

type Resource<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: unknown };

const settle = <T>(promise: Promise<T>): Promise<Resource<T>> =>
  promise.then(
    (data) => ({ status: 'ready', data }),
    (error: unknown) => ({ status: 'failed', error }),
  );

/**
 * Changes when what every page shows may have changed under it (the desktop window's server stopped, started
 * or restarted on another port or issuer): each loaded resource loads again, keeping its data meanwhile.
 */
export const ResourceRefresh = createContext('');

/**
 * Loads something a page shows. `key` names what `load` fetches: a new key loads again. `reload`
 * keeps showing the current data until the new answer arrives, so lists do not flash "Loading…".
 */
export function useResource<T>(key: string, load: () => Promise<T>): { state: Resource<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    void settle(load()).then((next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
    // `load` is a new function every render; `key` says when it fetches something else.
  }, [key]);

  const reload = async () => setState(await settle(load()));

  const refresh = useContext(ResourceRefresh);
  const refreshed = useRef(refresh);
  useEffect(() => {
    if (refreshed.current === refresh) return;
    refreshed.current = refresh;
    void reload();
  }, [refresh]);

  return { state, reload };
}
