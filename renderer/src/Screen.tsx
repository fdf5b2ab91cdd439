import type { PublicStatus } from '../../electron/shared/state';
import type { ConnectResultView, SyncReportView, TargetReportView } from '../../electron/shared/views';
import { call } from './dtt';
import type { ConnectFlow } from './lib/use-connect-flow';
import type { Route } from './routes';
import { useAnnounce } from './ui/Announcer';
import { CheckScreen } from './screens/CheckScreen';
import { CodeScreen } from './screens/connect/CodeScreen';
import { PasteScreen } from './screens/connect/PasteScreen';
import { WaitingScreen } from './screens/connect/WaitingScreen';
import { WelcomeScreen } from './screens/connect/WelcomeScreen';
import { DisconnectScreen, disconnectNotice } from './screens/DisconnectScreen';
import { HomeScreen } from './screens/HomeScreen';
import { ProjectsScreen } from './screens/projects/ProjectsScreen';
import { SettingsScreen } from './screens/SettingsScreen';

interface Props {
  route: Route;
  status: PublicStatus;
  flow: ConnectFlow;
  outcomes: Record<string, TargetReportView[]>;
  go(route: Route): void;
  onStatus(status: PublicStatus): void;
  onReport(report: SyncReportView): void;
  onConnected(result: ConnectResultView): void;
  refresh(): Promise<void>;
}

/** The route → screen switch, and the few transitions between screens. */
export function Screen({ route, status, flow, outcomes, go, onStatus, onReport, onConnected, refresh }: Props) {
  const announce = useAnnounce();
  const back = () => go({ name: 'welcome' });
  const cancelBrowser = async () => {
    await call((dtt) => dtt.cancelConnect());
    back();
  };

  switch (route.name) {
    case 'welcome':
      return (
        <WelcomeScreen
          status={status}
          error={route.error}
          notice={route.notice}
          starting={flow.starting}
          onConnect={() => void flow.startBrowser()}
          onUseCode={() => void flow.startCode()}
          onPaste={() => go({ name: 'paste' })}
        />
      );
    case 'waiting':
      return (
        <WaitingScreen
          key={route.startedAt}
          url={route.url}
          redirectUri={route.redirectUri}
          startedAt={route.startedAt}
          error={route.error}
          onCancel={() => void cancelBrowser()}
          onRetry={() => void flow.startBrowser()}
          onUseCode={() => void call((dtt) => dtt.cancelConnect()).then(() => flow.startCode())}
        />
      );
    case 'code':
      return (
        <CodeScreen
          key={route.url}
          url={route.url}
          switchedBecause={route.switchedBecause}
          restarting={flow.starting === 'code'}
          onConnected={onConnected}
          onRestart={() => void flow.startCode(route.switchedBecause)}
          onBack={back}
        />
      );
    case 'paste':
      return <PasteScreen onConnected={onConnected} onBack={back} />;
    case 'home':
      return (
        <HomeScreen
          status={status}
          error={route.error}
          notice={route.notice}
          starting={flow.starting === 'browser'}
          onReconnect={() => void flow.startBrowser()}
          onCheck={() => go({ name: 'check' })}
          onDisconnect={() => go({ name: 'disconnect' })}
          onAddFolder={() => go({ name: 'projects', addFolder: true })}
          onProjects={() => go({ name: 'projects' })}
        />
      );
    case 'projects':
      return (
        <ProjectsScreen
          status={status}
          outcomes={outcomes}
          addFolderFirst={Boolean(route.addFolder)}
          onStatus={onStatus}
          onReport={onReport}
        />
      );
    case 'check':
      return <CheckScreen status={status} />;
    case 'settings':
      return <SettingsScreen />;
    case 'disconnect':
      return (
        <DisconnectScreen
          status={status}
          onCancel={() => go({ name: 'home' })}
          onDone={(result) => {
            const notice = disconnectNotice(result);
            void refresh().then(() => {
              go({ name: 'welcome', notice });
              // The notice on the screen holds the details; the status line just confirms.
              announce('Disconnected.');
            });
          }}
        />
      );
  }
}
