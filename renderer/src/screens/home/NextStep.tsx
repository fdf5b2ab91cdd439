import type { PublicStatus } from '../../../../electron/shared/state';
import { isReady, WHICH_FOLDER, whatHappensNext } from '../projects/ready';

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
      <section className="notice notice-info next-step" aria-labelledby="next-title" data-next="add-folder">
        <h2 id="next-title" className="notice-title">
          Next: add your project folder
        </h2>
        <p className="notice-detail">
          Choose {WHICH_FOLDER}. The app finds the files that need the token and writes it there.
        </p>
        <div className="button-row">
          <button type="button" className="btn btn-primary" onClick={onAddFolder}>
            Add your project folder…
          </button>
        </div>
      </section>
    );
  }
  const waiting = projects.filter((p) => !isReady(p));
  if (waiting.length > 0) {
    return (
      <section className="notice notice-warn next-step" aria-labelledby="next-title" data-next="attention">
        <h2 id="next-title" className="notice-title">
          Next:{' '}
          {waiting.length === 1 ? `${waiting[0]!.name} needs the token` : `${waiting.length} projects need the token`}
        </h2>
        <p className="notice-detail">Open Projects to see which files and what to do.</p>
        <div className="button-row">
          <button type="button" className="btn" onClick={onProjects}>
            Show what to do
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="notice notice-ok next-step" aria-labelledby="next-title" data-next="ready">
      <h2 id="next-title" className="notice-title">
        Done — {projects.length === 1 ? 'your project is ready' : 'your projects are ready'}
      </h2>
      {projects.map((p) => (
        <p key={p.path} className="notice-detail">
          {whatHappensNext(p)}
        </p>
      ))}
    </section>
  );
}
