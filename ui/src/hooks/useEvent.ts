import { useCallback, useRef } from "preact/hooks";

/**
 * A callback whose identity never changes but which always runs the latest `fn`: lets a
 * memoised child (the lists beside the capture form) skip re-rendering on every keystroke.
 */
export function useEvent<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback((...args: A) => latest.current(...args), []);
}
