import { useState } from 'react';
import { windowText } from '../lib/errors';
import type { PublicStatus } from '../../../electron/shared/state';
import type { DisconnectResultView } from '../../../electron/shared/views';
import { useAction } from '../lib/use-action';
import { CheckField } from '../ui/CheckField';
import { ErrorBox } from '../ui/ErrorBox';
import { ScreenTitle } from '../ui/ScreenTitle';

/** What to tell the user afterwards, on the Connect screen they land on. */
export function disconnectNotice(result: DisconnectResultView): string {
  const parts = ['Disconnected. The connection was removed from this computer.'];
  if (!result.revokedAtDropbox)
    parts.push([windowText('revoke-unconfirmed')].map((t) => `${t.title}. ${t.explanation} ${t.action}`)[0]!);
  const blanked = result.projects?.targets.filter((t) => t.outcome === 'updated').length ?? 0;
  const failed = result.projects?.targets.filter((t) => t.outcome === 'failed' || t.outcome === 'skipped').length ?? 0;
  if (blanked > 0) parts.push(`The token was removed from ${blanked} project file${blanked === 1 ? '' : 's'}.`);
  if (failed > 0)
    parts.push(`${failed} project file${failed === 1 ? '' : 's'} could not be changed; check them by hand.`);
  return parts.join(' ');
}

export function DisconnectScreen({
  status,
  onDone,
  onCancel,
}: {
  status: PublicStatus;
  onDone(result: DisconnectResultView): void;
  onCancel(): void;
}) {
  const projectCount = status.projects?.length ?? 0;
  const [blank, setBlank] = useState(projectCount > 0);
  const action = useAction();

  const confirm = async () => {
    const result = await action.run((dtt) => dtt.disconnect({ blankProjects: blank }));
    if (result) onDone(result);
  };

  return (
    <section className="screen">
      <ScreenTitle lead="The app forgets this Dropbox connection and asks Dropbox to cancel it.">
        Disconnect from Dropbox?
      </ScreenTitle>
      <p>Programs that use the token in your projects’ files stop working until you connect again.</p>
      {status.account ? (
        <p>
          Account: <strong>{status.account.name}</strong> ({status.account.email})
        </p>
      ) : null}
      {projectCount > 0 ? (
        <CheckField
          label="Also remove the token from my projects’ files"
          hint={`Clears it from the files of ${projectCount} project${projectCount === 1 ? '' : 's'}. Nothing else in those files changes.`}
          checked={blank}
          onChange={setBlank}
        />
      ) : null}
      {action.error ? <ErrorBox error={action.error} /> : null}
      <div className="button-row screen-footer">
        <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={action.busy}>
          {action.busy ? 'Disconnecting…' : 'Disconnect'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={action.busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
