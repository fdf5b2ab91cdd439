import { useState } from 'react';
import type { TargetSpec } from '../../../../electron/shared/ipc-contract';
import type { PublicStatus } from '../../../../electron/shared/state';
import { targetId } from '../../../../electron/shared/target-id';
import type { DetectedTargetView, ErrorView, FolderChoice } from '../../../../electron/shared/views';
import { call } from '../../dtt';
import { useAction } from '../../lib/use-action';
import { CheckField } from '../../ui/CheckField';
import { ErrorBox } from '../../ui/ErrorBox';
import { PathText } from '../../ui/PathText';
import { DetectedTargetItem } from './DetectedTargetItem';
import { shownName } from '../../lib/shown-name';

// Offered when nothing in the folder mentions a Dropbox token: the usual place for one.
const NEW_ENV: DetectedTargetView = { file: '.env', format: 'dotenv', key: 'DROPBOX_ACCESS_TOKEN', reason: 'new' };
// Key names and the finder's reasons are for developers: they sit under More info.
const FOUND_WHY = 'The project expects its Dropbox token here.';
const NEW_ENV_WHY = 'A new .env file, where most projects read their settings from.';

function toSpec(t: DetectedTargetView, allowTracked: boolean): TargetSpec {
  return {
    file: t.file,
    format: t.format,
    ...(t.key ? { key: t.key } : {}),
    includeRefreshToken: false,
    ...(t.createFrom ? { createFrom: t.createFrom } : {}),
    ...(allowTracked ? { allowTracked: true } : {}),
  };
}

interface Props {
  choice: FolderChoice;
  onAdded(dir: string, status: PublicStatus): void;
  onCancel(): void;
}

export function AddFolderPanel({ choice, onAdded, onCancel }: Props) {
  const targets = choice.targets.length > 0 ? choice.targets : [NEW_ENV];
  // Places git would commit start unticked: writing there is the user's explicit choice.
  const [checked, setChecked] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(targets.map((t) => [targetId(t), !t.git && choice.targets.length > 0])),
  );
  const [fixed, setFixed] = useState<Record<string, boolean>>({});
  const [fixing, setFixing] = useState<string | null>(null);
  const [fixErrors, setFixErrors] = useState<Record<string, ErrorView>>({});
  const [keepInSync, setKeepInSync] = useState(true);
  // One choice for the folder: every tracked file offered it is written, and git is set up.
  const [keepOut, setKeepOut] = useState(false);
  const keepOutTargets = targets.filter((t) => t.git?.fix.kind === 'keep-out-of-git');
  const keepOutFiles = keepOutTargets.map((t) => t.file);
  const chooseKeepOut = () => {
    setKeepOut(true);
    // Ticks are kept per place (targetId), not per file: a file may hold two places.
    setChecked({ ...checked, ...Object.fromEntries(keepOutTargets.map((t) => [targetId(t), true])) });
  };
  const action = useAction();

  const fix = async (t: DetectedTargetView) => {
    setFixing(t.file);
    const result = await call((dtt) => dtt.projects.ignore(choice.dir, t.file));
    setFixing(null);
    if (result.ok) {
      setFixed({ ...fixed, [t.file]: true });
      const sameFile = targets.filter((other) => other.file === t.file);
      setChecked({ ...checked, ...Object.fromEntries(sameFile.map((other) => [targetId(other), true])) });
      setFixErrors(Object.fromEntries(Object.entries(fixErrors).filter(([file]) => file !== t.file)));
    } else {
      setFixErrors({ ...fixErrors, [t.file]: result.error });
    }
  };

  const chosen = targets.filter((t) => checked[targetId(t)]);
  const chosenFiles = new Set(chosen.map((t) => t.file)).size;
  const add = async () => {
    const keptOut = (t: DetectedTargetView) => keepOut && keepOutFiles.includes(t.file);
    const specs = chosen.map((t) => toSpec(t, Boolean(t.git) && !fixed[t.file] && !keptOut(t)));
    const status = await action.run((dtt) => dtt.projects.add(choice.dir, specs, keepInSync, keepOut));
    if (status) onAdded(choice.dir, status);
  };

  return (
    <section className="panel" aria-labelledby="add-title">
      <h2 id="add-title">Add “{shownName(choice.name)}”</h2>
      <p className="path mono" title={shownName(choice.dir)}>
        <PathText path={choice.shownDir} />
      </p>
      {choice.targets.length === 0 ? (
        <p className="notice notice-info">
          No place for a Dropbox token was found in this folder. The app can create a .env file for it.
        </p>
      ) : null}
      {choice.truncated ? <p className="hint">This folder is large, so only part of it was searched.</p> : null}
      <fieldset className="fieldset">
        <legend>Where should the token go?</legend>
        <ul className="detected-list">
          {targets.map((t) => (
            <DetectedTargetItem
              key={targetId(t)}
              target={t}
              why={t === NEW_ENV ? NEW_ENV_WHY : FOUND_WHY}
              technical={
                t === NEW_ENV ? null : `Why: ${t.reason}.${t.key ? ` The token goes under ${shownName(t.key)}.` : ''}`
              }
              showKey={targets.filter((o) => o.file === t.file).length > 1}
              checked={Boolean(checked[targetId(t)])}
              onCheck={(on) => setChecked({ ...checked, [targetId(t)]: on })}
              fixed={Boolean(fixed[t.file])}
              fixing={fixing === t.file}
              fixError={fixErrors[t.file] ?? null}
              onFix={() => void fix(t)}
              keptOut={keepOut}
              onKeepOut={chooseKeepOut}
            />
          ))}
        </ul>
      </fieldset>
      <CheckField
        label="Keep in sync"
        hint="Update these files by itself whenever the token changes."
        checked={keepInSync}
        onChange={setKeepInSync}
      />
      {action.error ? <ErrorBox error={action.error} /> : null}
      {chosen.length === 0 ? <p className="hint">Tick at least one place for the token.</p> : null}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void add()}
          disabled={action.busy || chosen.length === 0}
        >
          {action.busy ? 'Adding…' : chosenFiles > 1 ? `Add and write ${chosenFiles} files` : 'Add and write the token'}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onCancel} disabled={action.busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
