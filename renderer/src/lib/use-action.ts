import { useCallback, useEffect, useRef, useState } from 'react';
import type { DttBridge } from '../../../electron/shared/bridge';
import type { ErrorView, IpcResult } from '../../../electron/shared/views';
import { call } from '../dtt';

export interface Action {
  busy: boolean;
  error: ErrorView | null;
  setError(error: ErrorView | null): void;
  /** Runs one bridge call; answers its value, or null after showing the error. */
  run<T>(fn: (dtt: DttBridge) => Promise<IpcResult<T>>): Promise<T | null>;
}

/** Busy flag and error for one button's worth of work, safe if the screen goes away mid-call. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async <T>(fn: (dtt: DttBridge) => Promise<IpcResult<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    const result = await call(fn);
    if (mounted.current) {
      setBusy(false);
      if (!result.ok) setError(result.error);
    }
    return result.ok ? result.value : null;
  }, []);
  return { busy, error, setError, run };
}
