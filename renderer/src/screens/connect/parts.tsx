import type { ReactNode } from 'react';
import { CopyLink } from '../../ui/CopyLink';

/** A connect form's submit button (with its busy wording) and Back. */
export function SubmitOrBack({
  busy,
  busyLabel,
  children,
  onBack,
}: {
  busy: boolean;
  busyLabel: string;
  children: ReactNode;
  onBack: () => void;
}) {
  return (
    <div className="button-row">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : children}
      </button>
      <button type="button" className="btn btn-quiet" onClick={onBack}>
        Back
      </button>
    </div>
  );
}

/** For a browser that never opened: the sign-in link to copy by hand. */
export function SignInLinkFallback({ url }: { url: string }) {
  return (
    <>
      <p className="hint">Browser didn’t open? Copy the link and paste it into your browser’s address bar.</p>
      <CopyLink text={url} label="Copy the link" fieldLabel="Sign-in link" />
    </>
  );
}
