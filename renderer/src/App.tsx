import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublicStatus } from '../../electron/shared/state';
import type {
  ConnectResultView,
  ErrorView,
  SignInFinished,
  SyncReportView,
  TargetReportView,
} from '../../electron/shared/views';
import { call } from './dtt';
import { isLinked } from './lib/state-words';
import { useConnectFlow } from './lib/use-connect-flow';
import { isSignInFlow, tabsFor, visibleRoute, type Route } from './routes';
import { useAnnounce } from './ui/Announcer';
import { AppHeader } from './ui/AppHeader';
import { ErrorBox } from './ui/ErrorBox';
import { TabBar } from './ui/TabBar';
import { Screen } from './Screen';

function connectedMessage(result: ConnectResultView): string {
  const updated =
    result.projectsUpdated > 0
      ? ` ${result.projectsUpdated} project${result.projectsUpdated === 1 ? '' : 's'} updated with the new token.`
      : '';
  if (result.missingScopes.length) return `Signed in as ${result.account.name}, but a permission is missing.${updated}`;
  return `Connected as ${result.account.name}.${updated}`;
}

/** Keeps the latest outcome per project, so each card shows its own last sync. */
function mergeOutcomes(
  prev: Record<string, TargetReportView[]>,
  report: SyncReportView,
): Record<string, TargetReportView[]> {
  const next = { ...prev };
  for (const project of new Set(report.targets.map((t) => t.project)))
    next[project] = report.targets.filter((t) => t.project === project);
  return next;
}

export function App() {
  const announce = useAnnounce();
  const [status, setStatusState] = useState<PublicStatus | null>(null);
  const [loadError, setLoadError] = useState<ErrorView | null>(null);
  const [route, setRoute] = useState<Route>({ name: 'home' });
  const [outcomes, setOutcomes] = useState<Record<string, TargetReportView[]>>({});
  const flow = useConnectFlow(setRoute);
  // The sign-in outcome arrives as an event; it needs the route as it is then, not as it was.
  const routeRef = useRef(route);
  // eslint-disable-next-line react-hooks/refs -- a latest-value ref, read only by event listeners
  routeRef.current = route;

  // The latest status, set with it: `connected` may run before the render that shows a push.
  const statusRef = useRef<PublicStatus | null>(null);
  /** Where to go once a status shows the new connection (see `connected`). */
  const afterConnect = useRef<Route | null>(null);
  const setStatus = useCallback((next: PublicStatus) => {
    statusRef.current = next;
    setStatusState(next);
    const route = afterConnect.current;
    if (route && isLinked(next)) {
      afterConnect.current = null;
      setRoute(route);
    }
  }, []);

  const refresh = useCallback(async () => {
    const result = await call((dtt) => dtt.status());
    if (result.ok) {
      setStatus(result.value);
      setLoadError(null);
    } else setLoadError(result.error);
  }, [setStatus]);

  const connected = useCallback(
    (result: ConnectResultView) => {
      const before = result.previousAccount;
      const home: Route = before
        ? {
            name: 'home',
            notice: `Now connected as ${result.account.name} (${result.account.email}) — before: ${before.name} (${before.email})`,
          }
        : { name: 'home' };
      // The service pushes the new status itself (no second ask). Home waits for it when it
      // hasn't arrived yet, so the window doesn't flash the Connect screen on its way there.
      if (statusRef.current && isLinked(statusRef.current)) setRoute(home);
      else afterConnect.current = home;
      announce(connectedMessage(result));
    },
    [announce],
  );

  const signInFinished = useCallback(
    (outcome: SignInFinished) => {
      if (outcome.ok) return void connected(outcome.result);
      const current = routeRef.current;
      if (outcome.error.kind === 'port-busy') return void flow.startCode(outcome.error);
      // Cancelling is the user's own doing, and the code flow reports its errors itself.
      if (outcome.error.kind === 'signin-cancelled' || current.name === 'code' || current.name === 'paste') return;
      if (current.name === 'waiting') setRoute({ ...current, error: outcome.error });
      else setRoute({ name: 'welcome', error: outcome.error });
    },
    [connected, flow],
  );

  // Every sync is followed by the service's status push, which brings the files' new state.
  const report = useCallback((r: SyncReportView) => setOutcomes((prev) => mergeOutcomes(prev, r)), []);

  // Subscribe once; the listeners read the latest handlers through a ref.
  const handlers = useRef({ signInFinished, report });
  // eslint-disable-next-line react-hooks/refs -- a latest-value ref, read only by event listeners
  handlers.current = { signInFinished, report };
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the first status load; it sets state after IPC answers
    void refresh();
    const dtt = window.dtt;
    if (!dtt) return;
    // A sign-in the tray started while this window was still loading: show it, not Welcome.
    void dtt.pendingSignIn().then((r) => {
      if (r.ok && r.value)
        setRoute({ name: 'waiting', url: r.value.url, redirectUri: r.value.redirectUri, startedAt: Date.now() });
    });
    const offs = [
      dtt.onStateChanged(setStatus),
      dtt.onSignInFinished((o) => handlers.current.signInFinished(o)),
      // Started from the tray or a notification: show the same Waiting screen as our own button.
      dtt.onSignInStarted((s) =>
        setRoute({ name: 'waiting', url: s.url, redirectUri: s.redirectUri, startedAt: Date.now() }),
      ),
      dtt.onSyncFinished((r) => handlers.current.report(r)),
    ];
    return () => offs.forEach((off) => off());
  }, [refresh, setStatus]);

  if (!status) {
    return (
      <>
        <AppHeader status={null} />
        <main className="main" id="main">
          {loadError ? (
            <ErrorBox error={loadError}>
              <button type="button" className="btn" onClick={() => void refresh()}>
                Try again
              </button>
            </ErrorBox>
          ) : (
            <p className="waiting">Loading…</p>
          )}
        </main>
      </>
    );
  }

  const linked = isLinked(status);
  const shown = visibleRoute(route, linked);
  return (
    <>
      <AppHeader status={status} />
      {isSignInFlow(shown) ? null : (
        <TabBar
          tabs={tabsFor(linked)}
          current={shown.name === 'disconnect' ? 'home' : shown.name}
          onSelect={(name) => setRoute({ name } as Route)}
        />
      )}
      <main className="main" id="main">
        <Screen
          route={shown}
          status={status}
          flow={flow}
          outcomes={outcomes}
          go={setRoute}
          onStatus={setStatus}
          onReport={report}
          onConnected={connected}
          refresh={refresh}
        />
      </main>
    </>
  );
}
