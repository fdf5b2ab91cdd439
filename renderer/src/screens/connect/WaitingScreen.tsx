import type { ErrorView } from '../../../../electron/shared/views';
import { useNow } from '../../lib/use-now';
import { ErrorBox } from '../../ui/ErrorBox';
import { MoreInfo } from '../../ui/MoreInfo';
import { ScreenTitle } from '../../ui/ScreenTitle';
import { SignInLinkFallback } from './parts';

// Long enough to sign in and click Allow; by then a dead-end Dropbox page is the likelier story.
const SLOW_AFTER_MS = 45_000;

interface Props {
  url: string;
  redirectUri?: string | undefined;
  startedAt: number;
  error?: ErrorView | undefined;
  onCancel(): void;
  onRetry(): void;
  onUseCode(): void;
}

export function WaitingScreen({ url, redirectUri, startedAt, error, onCancel, onRetry, onUseCode }: Props) {
  const now = useNow(1_000);
  const slow = !error && now - startedAt >= SLOW_AFTER_MS;

  if (error) {
    return (
      <section className="screen">
        <ScreenTitle>Sign-in did not finish</ScreenTitle>
        <ErrorBox error={error}>
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            Try again
          </button>
          <button type="button" className="btn" onClick={onUseCode}>
            Use a code instead
          </button>
          <button type="button" className="btn btn-quiet" onClick={onCancel}>
            Back
          </button>
        </ErrorBox>
      </section>
    );
  }

  return (
    <section className="screen" aria-busy="true">
      <ScreenTitle lead="Dropbox opened in your web browser.">Finish in your browser</ScreenTitle>
      <ol className="steps">
        <li>Sign in to Dropbox there, if it asks.</li>
        <li>Click “Allow”.</li>
        <li>Come back here: this window updates by itself.</li>
      </ol>
      <p className="waiting">
        <span className="spinner" aria-hidden="true" />
        Waiting for Dropbox…
      </p>

      {slow ? (
        <div className="notice notice-info">
          <p className="notice-title">Did Dropbox show an error page?</p>
          <p>Then the Dropbox app needs a fix from your admin. Meanwhile, a code sign-in may work.</p>
          <MoreInfo summary="Likely causes (for your admin)">
            <ul>
              <li>This computer’s sign-in address is not registered in the App Console (see below).</li>
              <li>“Allow public clients (Implicit Grant & PKCE)” is switched off in the App Console.</li>
              <li>The app is in Development status and has reached its user limit: apply for Production.</li>
            </ul>
          </MoreInfo>
          <p>No page at all? Copy the link below into your browser.</p>
          <div className="button-row">
            <button type="button" className="btn" onClick={onUseCode}>
              Use a code instead
            </button>
          </div>
        </div>
      ) : null}

      <SignInLinkFallback url={url} />

      {redirectUri ? (
        <MoreInfo>
          <p>
            Dropbox sends your browser back to <code>{redirectUri}</code> on this computer. Your admin registers this
            address in the Dropbox App Console.
          </p>
        </MoreInfo>
      ) : null}

      <div className="button-row screen-footer">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
