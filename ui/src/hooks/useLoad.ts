import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api";

export type Loaded<T> = {
  /** The last data loaded; kept while a reload runs or after a reload fails. */
  data: T | null;
  error: ApiError | null;
  reload: () => void;
  /** Changes the data in place, e.g. to show a saved record before the next reload. */
  mutate: (change: (data: T) => T) => void;
};

/** Loads data when `key` changes and on `reload()`; a late answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    latestLoad.current().then(
      (value) => {
        if (generation.current !== mine) return;
        setData(value);
        setError(null);
      },
      (reason: unknown) => {
        if (generation.current === mine) setError(ApiError.from(reason));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [key, reload]);

  const mutate = useCallback((change: (data: T) => T) => {
    setData((current) => (current === null ? current : change(current)));
  }, []);

  return { data, error, reload, mutate };
}
