import type { ReactNode } from 'react';
import type { PublicStatus } from '../../../../electron/shared/state';
import type { ErrorView } from '../../../../electron/shared/views';
import type { ConnectFlow } from '../../lib/use-connect-flow';
import { asErrorView, errorWords } from '../../lib/errors';
import { ErrorBox } from '../../ui/ErrorBox';
import { ScreenTitle } from '../../ui/ScreenTitle';

interface Props {
  status: PublicStatus;
  error?: ErrorView | undefined;
  notice?: string | undefined;
  starting: ConnectFlow['starting'];
  onConnect(): void;
  onUseCode(): void;
  onPaste(): void;
}

/** Why we are here when Dropbox ended the connection (not when there never was one). */
function lostConnection(status: PublicStatus): ErrorView | null {
  if (status.state === 'revoked') return asErrorView(status.problem ?? 'token-revoked');
  if (status.state === 'expired') return asErrorView(status.problem ?? 'token-expired');
  return null;
}

export function WelcomeScreen({ status, error, notice, starting, onConnect, onUseCode, onPaste }: Props) {
  const lost = lostConnection(status);
  const lostWords = lost ? errorWords(lost) : null;
  return (
    <section className="screen">
      {lostWords ? (
        <ScreenTitle lead={lostWords.explanation}>{lostWords.title}</ScreenTitle>
      ) : (
        <ScreenTitle lead="Connect your Dropbox account once. The app keeps the connection in this computer's keychain and puts the token into your projects for you.">
          Connect to Dropbox
        </ScreenTitle>
      )}
      {lostWords ? (
        <p className="notice notice-error" data-error-kind={lost?.kind}>
          {status.account ? `You were connected as ${status.account.name} (${status.account.email}). ` : ''}
          {lostWords.action}
        </p>
      ) : null}
      {notice ? <p className="notice notice-ok">{notice}</p> : null}
      {error ? <ErrorBox error={error} /> : null}

      <div className="primary-action">
        <button
          type="button"
          className="btn btn-primary btn-large"
          onClick={onConnect}
          disabled={starting !== null}
          aria-describedby="connect-hint"
        >
          {starting === 'browser' ? 'Opening your browser…' : lost ? 'Reconnect Dropbox' : 'Connect Dropbox'}
        </button>
        <p id="connect-hint" className="hint">
          Opens Dropbox in your web browser. Sign in there and click “Allow”.
        </p>
      </div>

      <h2>Other ways to connect</h2>
      <ul className="option-list">
        <OtherWay
          id="code-hint"
          onClick={onUseCode}
          disabled={starting !== null}
          hint="Use this if the browser never comes back to this window: Dropbox shows a code, and you paste it here."
        >
          {starting === 'code' ? 'Opening your browser…' : 'Use a code instead'}
        </OtherWay>
        <OtherWay
          id="paste-hint"
          onClick={onPaste}
          disabled={starting !== null}
          hint="Only if your admin gave you a token from the Dropbox App Console. It stops working after about 4 hours."
        >
          Paste a token
        </OtherWay>
      </ul>
    </section>
  );
}

function OtherWay(props: { id: string; hint: string; disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <li>
      <button
        type="button"
        className="btn"
        onClick={props.onClick}
        disabled={props.disabled}
        aria-describedby={props.id}
      >
        {props.children}
      </button>
      <p id={props.id} className="hint">
        {props.hint}
      </p>
    </li>
  );
}
