import type { EventEmitter } from 'node:events';
import type { PublicProject, PublicStatus } from '../../shared/state';
import { ConnectionMonitor, type Incident } from '../monitor';
import type { Projects } from '../projects/projects';
import type { SyncReport } from '../projects/sync';
import { KeepInSync } from './keep-in-sync';

export interface ServiceEvents {
  /** The new state with each project's files, pushed once per change: connect, check, renewal, sync, disconnect. */
  status: [PublicStatus];
  /** Something to tell the user once (a notification): from checks, keep-in-sync runs and reconnects. */
  incident: [Incident];
  /** Keep-in-sync projects were rewritten after a new token ("3 projects updated"). */
  'projects-synced': [SyncReport];
}

export interface FlowDeps {
  projects: Projects;
  /** The stored state, no network, no keychain. */
  status(): PublicStatus;
  /** A check that records its answer and pushes it (the monitor's tick). */
  check(): Promise<PublicStatus>;
  intervalMinutes(): number;
}

/**
 * Where everything the service tells its views comes from: `status` once per change, `incident`
 * from checks (the monitor compares states), keep-in-sync reports and reconnects, and
 * `projects-synced`. The shells only render and notify; nothing here goes through them.
 */
export class EventFlow {
  readonly monitor: ConnectionMonitor;
  private readonly keepInSync: KeepInSync;
  /** Checks under way; a renewal inside one leaves the push to it, so a renewal pushes once. */
  private checks = 0;

  constructor(
    private readonly out: EventEmitter<ServiceEvents>,
    private readonly deps: FlowDeps,
  ) {
    this.monitor = new ConnectionMonitor({ check: deps.check, intervalMinutes: deps.intervalMinutes });
    this.monitor.on('incident', (incident) => out.emit('incident', incident));
    this.keepInSync = new KeepInSync(deps.projects, (report) => {
      out.emit('projects-synced', report);
      this.monitor.handleSyncReport(report);
    });
  }

  incident(incident: Incident): void {
    this.out.emit('incident', incident);
  }

  /** Runs a check; a renewal during it rewrites keep-in-sync projects, and this waits for those files. */
  async checking<T>(work: () => Promise<T>): Promise<T> {
    this.checks++;
    try {
      const result = await work();
      await this.keepInSync.idle();
      return result;
    } finally {
      this.checks--;
    }
  }

  /** A new token is stored (connect): rewrite keep-in-sync projects with it. Never rejects. */
  newToken(): Promise<SyncReport | null> {
    return this.keepInSync.afterNewToken();
  }

  /** Resolves once no keep-in-sync run is queued or running. */
  keepInSyncIdle(): Promise<void> {
    return this.keepInSync.idle();
  }

  /** A renewal is stored: rewrite keep-in-sync projects, then push (unless a check under way will). */
  renewed(): void {
    const run = this.keepInSync.afterNewToken();
    if (this.checks === 0) void run.then(() => this.push());
  }

  /**
   * Tells the views the new state, with each project's files. Nobody listening (the CLI) costs
   * nothing: the project statuses read the keychain only for a listener.
   */
  async push(): Promise<PublicStatus> {
    const status = this.deps.status();
    if (this.out.listenerCount('status') === 0) return status;
    const projects: PublicProject[] | undefined = await this.deps.projects.statuses().catch(() => undefined);
    this.out.emit('status', projects ? { ...status, projects } : status);
    return status;
  }
}
