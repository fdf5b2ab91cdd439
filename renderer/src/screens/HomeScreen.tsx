import { hasPermissionProblem, missingFileScopes, missingPermissionWords } from '../../../electron/shared/permissions';
import type { PublicStatus } from '../../../electron/shared/state';
import type { ErrorView } from '../../../electron/shared/views';
import { asErrorView } from '../lib/errors';
import { stateWords } from '../lib/state-words';
import { formatAgo, formatDuration } from '../lib/time';
import { useNow } from '../lib/use-now';
import { Avatar } from '../ui/Avatar';
import { ErrorBox } from '../ui/ErrorBox';
import { ScreenTitle } from '../ui/ScreenTitle';
import { StatePill } from '../ui/StatePill';
import { NextStep } from './home/NextStep';
import { shownName } from '../lib/shown-name';

interface Props {
  status: PublicStatus;
  error?: ErrorView | undefined;
  /** Said once after a reconnect, e.g. that the account changed. */
  notice?: string | undefined;
  starting: boolean;
  onReconnect(): void;
  onCheck(): void;
  onDisconnect(): void;
  /** Projects, with the folder dialog already open: the next step after connecting. */
  onAddFolder(): void;
  onProjects(): void;
}

/** Where the token is, all of it: the keychain, and the copies projects asked for. */
function storedLine(status: PublicStatus): string {
  const projects = status.projects ?? [];
  const files = projects.reduce((n, p) => n + p.targets.length, 0);
  const where = `Saved in ${status.storage} on this computer.`;
  if (files === 0) return `${where} No file holds a copy until you add a project.`;
  const names = projects.map((p) => shownName(p.name)).join(', ');
  return `${where} A copy is written into ${files === 1 ? '1 settings file' : `${files} settings files`} of ${names}, because the program reads it there.`;
}

/** How the connection is kept alive, in one sentence. */
function keptLine(status: PublicStatus, now: number): { text: string; urgent: boolean } {
  if (status.renewable) return { text: 'Renews automatically. Nothing to do.', urgent: false };
  if (!status.accessTokenExpiresAt)
    return { text: 'This pasted token has no set end time, but Dropbox can stop it at any time.', urgent: false };
  const left = Date.parse(status.accessTokenExpiresAt) - now;
  if (left <= 0)
    return {
      text: 'This pasted token has stopped working. Connect with the browser to stop this happening.',
      urgent: true,
    };
  return {
    text: `This pasted token stops working in ${formatDuration(left)} — connect with the browser to stop this.`,
    urgent: status.expiresSoon,
  };
}

export function HomeScreen(props: Props) {
  const { status, error, notice, starting, onReconnect, onCheck, onDisconnect, onAddFolder, onProjects } = props;
  const now = useNow();
  const words = stateWords(status);
  const kept = keptLine(status, now);
  const checked = formatAgo(status.lastCheckedAt, now);
  const account = status.account;
  return (
    <section className="screen">
      <ScreenTitle>Home</ScreenTitle>
      {account ? (
        <div className="account">
          <Avatar name={account.name} email={account.email} />
          <div>
            <p className="account-name">{account.name}</p>
            <p className="account-email">{account.email}</p>
          </div>
        </div>
      ) : null}

      {notice ? (
        <p className="notice notice-info" role="status" data-notice="account-changed">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {hasPermissionProblem(status) ? (
        <ErrorBox
          error={{
            kind: 'app-scope-missing',
            detail: `This connection ${missingPermissionWords(missingFileScopes(status.scopes))}.`,
          }}
          alert={false}
        >
          <button type="button" className="btn" onClick={onReconnect} disabled={starting}>
            Reconnect
          </button>
        </ErrorBox>
      ) : null}
      {status.state === 'offline' ? (
        <ErrorBox error={asErrorView(status.problem ?? 'network-offline')} tone="warn" alert={false} />
      ) : null}
      {/* The last check failed on our side (a keychain that can't be used or read, an answer not
          understood): the connection is not known to work, so it must not read as all-clear. */}
      {status.state === 'connected' && status.problem && !hasPermissionProblem(status) ? (
        <ErrorBox error={asErrorView(status.problem)} alert={false} />
      ) : null}

      <NextStep status={status} onAddFolder={onAddFolder} onProjects={onProjects} />

      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatePill tone={words.tone} label={words.label} />
            <span className="fact-note">{words.tray}</span>
            {checked ? <span className="fact-note">Last checked with Dropbox {checked}.</span> : null}
          </dd>
        </div>
        <div>
          <dt>How it’s kept</dt>
          <dd className={kept.urgent ? 'text-warn' : undefined}>
            {kept.text}
            {!status.renewable ? (
              <span className="fact-action">
                <button type="button" className="btn" onClick={onReconnect} disabled={starting}>
                  {starting ? 'Opening your browser…' : 'Connect with the browser'}
                </button>
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Where it’s stored</dt>
          <dd data-fact="stored">{storedLine(status)}</dd>
        </div>
      </dl>

      <div className="button-row screen-footer">
        <button type="button" className="btn" onClick={onCheck}>
          Check my connection
        </button>
        <button type="button" className="btn btn-quiet btn-danger-text" onClick={onDisconnect}>
          Disconnect…
        </button>
      </div>
    </section>
  );
}
