import { toDttError } from '../errors';
import type { Projects } from '../projects/projects';
import type { SyncReport } from '../projects/sync';

/** A sync that threw as a whole, as a report: keep-in-sync never throws at whoever got a new token. */
function failedReport(error: unknown): SyncReport {
  const e = toDttError(error);
  return {
    targets: [{ project: '', projectName: '', file: '', outcome: 'failed', kind: e.kind, detail: e.detail }],
    projectsUpdated: 0,
  };
}

/**
 * Rewrites the projects that asked to be kept in sync, after every connect and renewal, one run
 * at a time. A run starts only once the new token is stored (Credentials calls back after it
 * saved the renewal; connect after storeCredential), so it always reads and writes the new one.
 */
export class KeepInSync {
  private run: Promise<SyncReport | null> = Promise.resolve(null);

  constructor(
    private readonly projects: Projects,
    private readonly reported: (report: SyncReport) => void,
  ) {}

  /** Queues a run; resolves with its report (null when no project keeps in sync). Never rejects. */
  afterNewToken(): Promise<SyncReport | null> {
    this.run = this.run.then(async () => {
      if (!this.projects.list().some((p) => p.keepInSync)) return null;
      const report = await this.projects.syncKeepInSync().catch(failedReport);
      this.reported(report);
      return report;
    });
    return this.run;
  }

  /** Resolves once no run is queued, including runs queued while waiting. */
  async idle(): Promise<void> {
    for (let run = this.run; ; run = this.run) {
      await run;
      if (run === this.run) return;
    }
  }
}
