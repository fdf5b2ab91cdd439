import type { DttBridge } from '../../electron/shared/bridge';
import type { IpcResult } from '../../electron/shared/views';
import { PRODUCT } from '../../electron/shared/words';
import { asErrorView } from './lib/errors';

declare global {
  interface Window {
    /** Installed by the sandboxed preload (electron/preload). Absent when the page is opened on its own. */
    dtt?: DttBridge;
  }
}

export function bridge(): DttBridge {
  if (!window.dtt) throw new Error(`This page only works inside ${PRODUCT}.`);
  return window.dtt;
}

/**
 * Every call answers an IpcResult, but the IPC itself can still reject (the main process went
 * away, a channel was refused). Folding that into the same shape means every screen handles
 * exactly one kind of failure.
 */
export async function call<T>(run: (dtt: DttBridge) => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    return await run(bridge());
  } catch (error) {
    return { ok: false, error: asErrorView('internal', error instanceof Error ? error.message : String(error)) };
  }
}
