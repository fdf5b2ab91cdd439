import { useCallback, useState } from 'react';
import type { ErrorView } from '../../../electron/shared/views';
import { call } from '../dtt';
import type { Route } from '../routes';

export interface ConnectFlow {
  /** Which start is running, so its button can say so. */
  starting: 'browser' | 'code' | null;
  startBrowser(): Promise<void>;
  startCode(switchedBecause?: ErrorView): Promise<void>;
}

/**
 * A start another start replaced (the tray's Connect, a second click) or the user cancelled: the
 * newer one shows its own screen, so this one says nothing and goes nowhere.
 */
const replaced = (error: ErrorView) => error.kind === 'signin-cancelled';

/**
 * Starting a sign-in: the browser way, falling back to the code way by itself when the
 * sign-in port is taken (the one failure the user can do nothing about from here).
 */
export function useConnectFlow(go: (route: Route) => void): ConnectFlow {
  const [starting, setStarting] = useState<ConnectFlow['starting']>(null);

  const startCode = useCallback(
    async (switchedBecause?: ErrorView) => {
      setStarting('code');
      const started = await call((dtt) => dtt.startCodeSignIn());
      setStarting(null);
      if (started.ok) go({ name: 'code', url: started.value.url, ...(switchedBecause ? { switchedBecause } : {}) });
      else if (!replaced(started.error)) go({ name: 'welcome', error: started.error });
    },
    [go],
  );

  const startBrowser = useCallback(async () => {
    setStarting('browser');
    const started = await call((dtt) => dtt.connect());
    setStarting(null);
    if (started.ok) {
      go({
        name: 'waiting',
        url: started.value.url,
        startedAt: Date.now(),
        ...(started.value.redirectUri ? { redirectUri: started.value.redirectUri } : {}),
      });
    } else if (started.error.kind === 'port-busy' || started.error.kind === 'redirect-unregistered') {
      // Neither needs anything the code way uses; the admin's fix is shown on the code screen.
      await startCode(started.error);
    } else if (!replaced(started.error)) {
      go({ name: 'welcome', error: started.error });
    }
  }, [go, startCode]);

  return { starting, startBrowser, startCode };
}
