import { useState, type FormEvent } from 'react';
import { windowText } from '../../lib/errors';
import type { ConnectResultView, ErrorView } from '../../../../electron/shared/views';
import { useAction } from '../../lib/use-action';
import { ErrorBox } from '../../ui/ErrorBox';
import { ScreenTitle } from '../../ui/ScreenTitle';
import { SignInLinkFallback, SubmitOrBack } from './parts';

interface Props {
  url: string;
  switchedBecause?: ErrorView | undefined;
  restarting: boolean;
  onConnected(result: ConnectResultView): void;
  onRestart(): void;
  onBack(): void;
}

export function CodeScreen({ url, switchedBecause, restarting, onConnected, onRestart, onBack }: Props) {
  const [code, setCode] = useState('');
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    if (!trimmed) {
      action.setError({ kind: 'code-invalid', detail: 'The code field is empty.' });
      return;
    }
    const result = await action.run((dtt) => dtt.connectWithCode(trimmed));
    if (result) onConnected(result);
  };

  const switched = switchedBecause ? windowText(switchedBecause.kind) : null;
  return (
    <section className="screen">
      <ScreenTitle lead="Dropbox opened in your web browser. After you click “Allow”, it shows a code.">
        Connect with a code
      </ScreenTitle>
      {switched ? (
        <p className="notice notice-info" data-error-kind={switchedBecause?.kind}>
          {switched.title}, so the app switched to a code. This way works without it.
          {switchedBecause?.kind === 'redirect-unregistered' ? (
            <span className="notice-detail">
              {' '}
              {switched.action} Details: {switchedBecause.detail}.
            </span>
          ) : null}
        </p>
      ) : null}
      <ol className="steps">
        <li>Sign in to Dropbox in your browser, if it asks.</li>
        <li>Click “Allow”. Dropbox shows a code.</li>
        <li>Copy the code and paste it below.</li>
      </ol>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field-label">Code from Dropbox</span>
          <input
            className="input mono"
            type="text"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={action.error ? true : undefined}
            aria-describedby={action.error ? 'code-error' : undefined}
          />
        </label>
        <SubmitOrBack busy={action.busy} busyLabel="Connecting…" onBack={onBack}>
          Connect
        </SubmitOrBack>
      </form>
      {action.error ? (
        <div id="code-error">
          <ErrorBox error={action.error}>
            <button type="button" className="btn" onClick={onRestart} disabled={restarting}>
              {restarting ? 'Opening your browser…' : 'Get a new code'}
            </button>
          </ErrorBox>
        </div>
      ) : null}
      <SignInLinkFallback url={url} />
    </section>
  );
}
