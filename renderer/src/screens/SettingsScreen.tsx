import { useEffect, useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../electron/shared/views';
import { errorWords } from '../lib/errors';
import { fieldOf, toForm, validate, type FieldErrors, type SettingsForm } from '../lib/settings-form';
import { useAction } from '../lib/use-action';
import { useAnnounce } from '../ui/Announcer';
import { CheckField } from '../ui/CheckField';
import { CopyLink } from '../ui/CopyLink';
import { ErrorBox } from '../ui/ErrorBox';
import { MoreInfo } from '../ui/MoreInfo';
import { ScreenTitle } from '../ui/ScreenTitle';
import { TextField } from '../ui/TextField';

// An environment variable wins over the saved value; say so, or saving would seem to do nothing.
// Which variable does it is for IT (config --verbose in the terminal says); staff read who does.
const ENV_HINT = 'Set on this computer by your administrator, which wins over what you save here.';

export function SettingsScreen() {
  const announce = useAnnounce();
  const load = useAction();
  const save = useAction();
  const [saved, setSaved] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const { run: runLoad } = load;
  useEffect(() => {
    void runLoad((dtt) => dtt.settings.get()).then((view) => {
      if (view) {
        setSaved(view);
        setForm(toForm(view));
      }
    });
  }, [runLoad]);

  if (!form || !saved) {
    return (
      <section className="screen">
        <ScreenTitle>Settings</ScreenTitle>
        {load.error ? <ErrorBox error={load.error} /> : <p className="waiting">Loading…</p>}
      </section>
    );
  }

  const hint = (key: 'appKey' | 'redirectPort', usual: string) =>
    saved.fromEnvironment.includes(key) ? ENV_HINT : usual;
  const change = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setForm({ ...form, [key]: value });
    if (key in errors) setErrors({ ...errors, [key]: undefined });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { errors: found, patch } = validate(form, saved);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      announce('Some settings need fixing — see the messages next to them.');
      return;
    }
    if (Object.keys(patch).length === 0) {
      announce('Nothing changed.');
      return;
    }
    const view = await save.run((dtt) => dtt.settings.set(patch));
    if (view) {
      setSaved(view);
      setForm(toForm(view));
      announce('Settings saved.');
    }
  };

  // Main rejected a value our own checks let through: show its words at the field it names.
  const serverField = save.error?.kind === 'invalid-input' ? fieldOf(save.error.detail) : null;
  const fieldError = (key: keyof FieldErrors) =>
    errors[key] ??
    (serverField === key && save.error ? (save.error.detail ?? errorWords(save.error).title) : undefined);

  return (
    <section className="screen">
      <ScreenTitle>Settings</ScreenTitle>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="fieldset">
          <legend>For you</legend>
          <TextField
            label="Check the connection every"
            suffix="minutes"
            inputMode="numeric"
            value={form.checkIntervalMinutes}
            onChange={(v) => change('checkIntervalMinutes', v)}
            error={fieldError('checkIntervalMinutes')}
          />
          <CheckField
            label="Start when I log in"
            checked={form.startAtLogin}
            onChange={(v) => change('startAtLogin', v)}
          />
          <CheckField
            label="Show notifications"
            hint="For example when Dropbox disconnects the app, or a pasted token is about to stop working."
            checked={form.notifications}
            onChange={(v) => change('notifications', v)}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>For admins</legend>
          <p className="hint">Only change these if your admin asks you to.</p>
          <TextField
            label="App key"
            mono
            value={form.appKey}
            onChange={(v) => change('appKey', v)}
            hint={hint('appKey', 'Your team’s Dropbox app key, from the Dropbox App Console.')}
            error={fieldError('appKey')}
          />
          <TextField
            label="Sign-in port"
            inputMode="numeric"
            value={form.redirectPort}
            onChange={(v) => change('redirectPort', v)}
            hint={hint('redirectPort', 'The browser sign-in comes back to this port on this computer.')}
            error={fieldError('redirectPort')}
          />
          <MoreInfo>
            <p>
              Register this redirect URI in the Dropbox App Console (Settings → OAuth 2 → Redirect URIs), exactly as
              written:
            </p>
            <p>
              <code className="break">{saved.redirectUri}</code>
            </p>
            <CopyLink text={saved.redirectUri} label="Copy the redirect URI" fieldLabel="Redirect URI" />
            <p>
              If you change the port, the new address must be registered too, or the browser sign-in fails. “Use a code
              instead” works without it.
            </p>
          </MoreInfo>
        </fieldset>

        {save.error && !serverField ? <ErrorBox error={save.error} /> : null}
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}
