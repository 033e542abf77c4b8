import { useEffect, useRef } from "preact/hooks";
import { onChanged } from "../api";
import type { ChangeEvent } from "../bindings/ChangeEvent";

/**
 * Calls `cb` whenever the backend reports a write to lab `labId` (`null`: to the list of
 * labs itself), from this window or any other.
 */
export function useChanged(labId: string | null, cb: (event: ChangeEvent) => void): void {
  const latest = useRef(cb);
  latest.current = cb;
  useEffect(() => {
    let stop: (() => void) | null = null;
    let active = true;
    onChanged((event) => {
      if (event.labId === labId) latest.current(event);
    }).then(
      (unlisten) => {
        if (active) stop = unlisten;
        else unlisten();
      },
      // Without the event the screen still works; it only misses other windows' writes.
      () => undefined,
    );
    return () => {
      active = false;
      stop?.();
    };
  }, [labId]);
}
