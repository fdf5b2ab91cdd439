import { useState, type FormEvent } from 'react';
import type { ConnectResultView } from '../../../../electron/shared/views';
import { useAction } from '../../lib/use-action';
import { ErrorBox } from '../../ui/ErrorBox';
import { MoreInfo } from '../../ui/MoreInfo';
import { ScreenTitle } from '../../ui/ScreenTitle';
import { SubmitOrBack } from './parts';

// App Console tokens live about 4 hours from when they were generated; the app can't ask
// Dropbox how old one is, so it asks the person who made it.
const AGES = [
  { value: '', label: 'Just now' },
  { value: '180', label: 'About 1 hour ago' },
  { value: '120', label: 'About 2 hours ago' },
  { value: '60', label: 'About 3 hours ago' },
] as const;

export function PasteScreen({ onConnected, onBack }: { onConnected(result: ConnectResultView): void; onBack(): void }) {
  const [token, setToken] = useState('');
  const [age, setAge] = useState('');
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minutesLeft = age === '' ? undefined : Number(age);
    const result = await action.run((dtt) => dtt.pasteToken(token, minutesLeft));
    if (result) {
      // The token must not linger in the page once it is safely in the keychain.
      setToken('');
      onConnected(result);
    }
  };

  return (
    <section className="screen">
      <ScreenTitle lead="Use this only if your admin gave you a token, or you generated one in the Dropbox App Console.">
        Paste a token
      </ScreenTitle>
      <p className="notice notice-info">
        A pasted token stops working after about 4 hours, and you have to paste a new one. “Connect Dropbox” avoids
        this: the app then renews access by itself.
      </p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label className="field-label" htmlFor="paste-token">
            Token
          </label>
          <textarea
            id="paste-token"
            className="input mono token-input"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            rows={5}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={action.error ? true : undefined}
            aria-describedby="token-hint"
          />
          <span id="token-hint" className="hint">
            It starts with “sl.” and is very long. Copy all of it.
          </span>
        </div>
        <label className="field">
          <span className="field-label">When was it generated?</span>
          <select className="input" value={age} onChange={(e) => setAge(e.target.value)}>
            {AGES.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        {action.error ? <ErrorBox error={action.error} /> : null}
        <SubmitOrBack busy={action.busy} busyLabel="Checking with Dropbox…" onBack={onBack}>
          Connect with this token
        </SubmitOrBack>
      </form>
      <MoreInfo summary="Where do I find a token?">
        <ol className="steps">
          <li>Open the Dropbox App Console (dropbox.com/developers/apps) and choose your team’s app.</li>
          <li>On the Settings tab, under “OAuth 2”, click “Generate” next to “Generated access token”.</li>
          <li>Copy the whole token and paste it above.</li>
        </ol>
        <p>The app checks the token with Dropbox before saving it, and keeps it only in this computer’s keychain.</p>
      </MoreInfo>
    </section>
  );
}
