import { useEffect, useRef, useState } from 'react';
import type { PublicStatus } from '../../../../electron/shared/state';
import type { FolderChoice, SyncReportView, TargetReportView } from '../../../../electron/shared/views';
import { call } from '../../dtt';
import { useAction } from '../../lib/use-action';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorBox } from '../../ui/ErrorBox';
import { NextStepNotice } from '../../ui/NextStepNotice';
import { ScreenTitle } from '../../ui/ScreenTitle';
import { AddFolderPanel } from './AddFolderPanel';
import { ProjectCard } from './ProjectCard';
import { isReady, WHICH_FOLDER, whatHappensNext } from './ready';
import { syncSummary } from './words';
import { shownName } from '../../lib/shown-name';

interface Props {
  status: PublicStatus;
  /** The last outcome per project path, from syncs started here or anywhere else. */
  outcomes: Record<string, TargetReportView[]>;
  /** Opened from Home's "Add your project folder…": show the folder dialog straight away. */
  addFolderFirst?: boolean;
  onStatus(status: PublicStatus): void;
  onReport(report: SyncReportView): void;
}

export function ProjectsScreen({ status, outcomes, addFolderFirst = false, onStatus, onReport }: Props) {
  const announce = useAnnounce();
  const choose = useAction();
  const [choice, setChoice] = useState<FolderChoice | null>(null);
  const projects = status.projects ?? [];
  // The folder just added here: once all its files hold the token, say the job is done.
  const [justAdded, setJustAdded] = useState<string | null>(null);
  const ready = projects.find((p) => p.path === justAdded && isReady(p));

  const addFolder = async () => {
    const picked = await choose.run((dtt) => dtt.projects.chooseFolder());
    if (picked) setChoice(picked);
  };
  const askedFirst = useRef(false);
  useEffect(() => {
    if (!addFolderFirst || askedFirst.current) return;
    askedFirst.current = true;
    void addFolder();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when Home sent the user here
  }, [addFolderFirst]);

  // Adding is only half the job for the person doing it: write the token right away.
  const added = async (dir: string, next: PublicStatus) => {
    setChoice(null);
    setJustAdded(dir);
    onStatus(next);
    const name = next.projects?.find((p) => p.path === dir)?.name;
    announce(`Added ${name ? shownName(name) : 'the project'}. Writing the token…`);
    const report = await call((dtt) => dtt.sync({ paths: [dir] }));
    if (report.ok) {
      onReport(report.value);
      announce(syncSummary(report.value, name));
    } else {
      announce(`Added, but the token could not be written yet. Use “Sync now” to try again.`);
    }
  };

  if (choice) {
    return (
      <section className="screen">
        <ScreenTitle>Projects</ScreenTitle>
        <AddFolderPanel
          choice={choice}
          onAdded={(dir, next) => void added(dir, next)}
          onCancel={() => setChoice(null)}
        />
      </section>
    );
  }

  return (
    <section className="screen">
      <ScreenTitle
        lead={`Add ${WHICH_FOLDER}. The app writes your Dropbox token into its settings files, so nobody copies it by hand.`}
      >
        Projects
      </ScreenTitle>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => void addFolder()} disabled={choose.busy}>
          {choose.busy ? 'Choose a folder in the dialog…' : 'Add a folder'}
        </button>
      </div>
      {choose.error ? <ErrorBox error={choose.error} /> : null}
      {ready ? (
        <NextStepNotice next="ready" tone="ok" title="Done — your project is ready">
          <p className="notice-detail">{whatHappensNext(ready)}</p>
        </NextStepNotice>
      ) : null}
      {projects.length === 0 ? (
        <p className="empty">No projects yet. Add {WHICH_FOLDER}.</p>
      ) : (
        <ul className="card-list">
          {projects.map((p) => (
            <ProjectCard
              key={p.path}
              project={p}
              outcomes={outcomes[p.path] ?? []}
              onStatus={onStatus}
              onReport={onReport}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
