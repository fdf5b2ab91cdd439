import { useEffect, useState } from 'react';
import type { PublicProject, PublicStatus } from '../../../../electron/shared/state';
import type { DttBridge } from '../../../../electron/shared/bridge';
import { targetId } from '../../../../electron/shared/target-id';
import type { IpcResult, SyncReportView, TargetReportView } from '../../../../electron/shared/views';
import { useAction } from '../../lib/use-action';
import { useNow } from '../../lib/use-now';
import { useAnnounce } from '../../ui/Announcer';
import { CheckField } from '../../ui/CheckField';
import { ErrorBox } from '../../ui/ErrorBox';
import { PathText } from '../../ui/PathText';
import { TargetItem } from './TargetItem';
import { syncSummary } from './words';
import { shownName } from '../../lib/shown-name';

interface Props {
  project: PublicProject;
  outcomes: TargetReportView[];
  onStatus(status: PublicStatus): void;
  onReport(report: SyncReportView): void;
}

export function ProjectCard({ project, outcomes, onStatus, onReport }: Props) {
  const announce = useAnnounce();
  const action = useAction();
  const now = useNow();
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Shown at once, not after main answers, so the box never snaps back under the pointer.
  const [keep, setKeep] = useState(project.keepInSync);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- main's answer replaces the optimistic value
  useEffect(() => setKeep(project.keepInSync), [project.keepInSync]);
  const path = project.path;
  const name = shownName(project.name);
  const titleId = `project-${encodeURIComponent(path).replace(/%/g, '_')}`;

  const sync = async (allowTracked = false) => {
    const report = await action.run((dtt) =>
      dtt.sync({ paths: [path], ...(allowTracked ? { allowTracked: true } : {}) }),
    );
    if (report) {
      onReport(report);
      announce(syncSummary(report, project.name));
    }
  };
  const withStatus = async (run: (dtt: DttBridge) => Promise<IpcResult<PublicStatus>>, done: string) => {
    const status = await action.run(run);
    if (status) {
      onStatus(status);
      announce(done);
    }
    return status;
  };
  const toggleKeep = async (on: boolean) => {
    setKeep(on);
    const done = on ? `${name} will be kept in sync.` : `${name} will no longer be kept in sync.`;
    if (!(await withStatus((dtt) => dtt.projects.setKeepInSync(path, on), done))) setKeep(!on);
  };
  const ignore = async (file: string) => {
    if (await withStatus((dtt) => dtt.projects.ignore(path, file), `Added ${shownName(file)} to .gitignore.`))
      await sync();
  };

  const keepOut = async () => {
    const done = `Git on this computer will keep the token out of ${name}'s commits.`;
    if (await withStatus((dtt) => dtt.projects.setKeepOutOfGit(path, true), done)) await sync();
  };
  const makePrivate = async (file: string) => {
    if (
      await withStatus((dtt) => dtt.projects.makePrivate(path, file), `${shownName(file)} is now readable only by you.`)
    )
      await sync();
  };
  const undo = (force: boolean) =>
    withStatus((dtt) => dtt.projects.undo(path, force), `Restored ${name}'s files to before the last sync.`);

  const outcomeFor = (file: string) => outcomes.find((o) => o.file === file);
  return (
    <li className="card project" aria-labelledby={titleId} data-project={path}>
      <h2 id={titleId}>{name}</h2>
      <p className="path mono" title={shownName(path)}>
        <PathText path={project.shownPath} />
      </p>
      <ul className="target-list" aria-label={`Files in ${name}`}>
        {project.targets.map((t) => (
          <TargetItem
            key={targetId(t)}
            target={t}
            outcome={outcomeFor(t.file)}
            now={now}
            busy={action.busy}
            onWriteAnyway={() => void sync(true)}
            onIgnore={() => void ignore(t.file)}
            onKeepOut={() => void keepOut()}
            onMakePrivate={() => void makePrivate(t.file)}
          />
        ))}
      </ul>
      <CheckField
        label="Keep in sync"
        hint="Update these files by itself whenever the token changes."
        checked={keep}
        disabled={action.busy}
        onChange={(on) => void toggleKeep(on)}
      />
      {action.error ? (
        <ErrorBox error={action.error}>
          {/* Undo refused because files changed since the sync: restoring anyway is the user's call. */}
          {action.error.kind === 'undo-conflict' ? (
            <>
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() => void undo(true)}
                disabled={action.busy}
              >
                Restore anyway
              </button>
              <button type="button" className="btn btn-small" onClick={() => action.setError(null)}>
                Keep my changes
              </button>
            </>
          ) : null}
        </ErrorBox>
      ) : null}
      {confirmRemove ? (
        <div className="notice notice-warn">
          <p>Remove “{name}” from the list? Its files stay exactly as they are.</p>
          <div className="button-row">
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => void withStatus((dtt) => dtt.projects.remove(path), `Removed ${name} from the list.`)}
              disabled={action.busy}
            >
              Remove
            </button>
            <button type="button" className="btn" onClick={() => setConfirmRemove(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => void sync()}
            disabled={action.busy}
          >
            {action.busy ? 'Working…' : 'Sync now'}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void undo(false)} disabled={action.busy}>
            Undo last sync
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void action.run((dtt) => dtt.projects.openFolder(path))}
            disabled={action.busy}
          >
            Open folder
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet btn-danger-text"
            onClick={() => setConfirmRemove(true)}
            disabled={action.busy}
          >
            Remove…
          </button>
        </div>
      )}
    </li>
  );
}
