import type { PublicStatus } from '../../../../electron/shared/state';
import { NextStepNotice } from '../../ui/NextStepNotice';
import { isReady, WHICH_FOLDER, whatHappensNext } from '../projects/ready';
import { shownName } from '../../lib/shown-name';

interface Props {
  status: PublicStatus;
  onAddFolder(): void;
  onProjects(): void;
}

/** Home never ends at "Connected": it says what to do next, or that the job is done. */
export function NextStep({ status, onAddFolder, onProjects }: Props) {
  if (status.state !== 'connected') return null;
  const projects = status.projects ?? [];
  if (projects.length === 0) {
    return (
      <NextStepNotice
        next="add-folder"
        tone="info"
        title="Next: add your project folder"
        action={{ label: 'Add your project folder…', onClick: onAddFolder, primary: true }}
      >
        <p className="notice-detail">
          Choose {WHICH_FOLDER}. The app finds the files that need the token and writes it there.
        </p>
      </NextStepNotice>
    );
  }
  const waiting = projects.filter((p) => !isReady(p));
  if (waiting.length > 0) {
    return (
      <NextStepNotice
        next="attention"
        tone="warn"
        title={`Next: ${waiting.length === 1 ? `${shownName(waiting[0]!.name)} needs the token` : `${waiting.length} projects need the token`}`}
        action={{ label: 'Show what to do', onClick: onProjects }}
      >
        <p className="notice-detail">Open Projects to see which files and what to do.</p>
      </NextStepNotice>
    );
  }
  return (
    <NextStepNotice
      next="ready"
      tone="ok"
      title={`Done — ${projects.length === 1 ? 'your project is ready' : 'your projects are ready'}`}
    >
      {projects.map((p) => (
        <p key={p.path} className="notice-detail">
          {whatHappensNext(p)}
        </p>
      ))}
    </NextStepNotice>
  );
}
