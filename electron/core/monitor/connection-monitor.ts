import { EventEmitter } from 'node:events';
import { noConnectionStatus } from '../../shared/no-connection-status';
import { redactText } from '../../shared/redact';
import type { PublicStatus } from '../../shared/state';
import type { SyncReport } from '../projects/sync';
import { incidentsBetween, incidentsFromSync, type Incident } from './incidents';
import { backoffMs, nextDelayMs } from './schedule';

export type WakeReason = 'timer' | 'resume' | 'unlock' | 'online' | 'manual' | 'start';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MonitorDeps {
  check(): Promise<PublicStatus>;
  intervalMinutes(): number;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
  /** Where a failed check is reported; defaults to console.warn. */
  log?: (message: string, error: unknown) => void;
}

interface MonitorEvents {
  status: [PublicStatus];
  incident: [Incident];
}

/** Soon, but after the window and tray have drawn from the stored state. */
export const START_DELAY_MS = 2_000;
const DEFAULT_INTERVAL_MINUTES = 15;

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Checks the connection on a timer and whenever the shell says the machine woke up or came
 * back online, and turns state changes into incidents (one notification each). Never throws
 * out of a tick: a check that throws is logged and retried with the offline backoff.
 */
export class ConnectionMonitor extends EventEmitter<MonitorEvents> {
  private readonly timers: Timers;
  private readonly now: () => number;
  private timer: unknown = null;
  private running = false;
  private inFlight: Promise<PublicStatus> | null = null;
  /** The last status that was not offline: being unreachable neither raises nor clears an alarm. */
  private baseline: PublicStatus | null = null;
  private last: PublicStatus | null = null;
  private offlineStreak = 0;

  constructor(private readonly deps: MonitorDeps) {
    super();
    this.timers = deps.timers ?? realTimers;
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(START_DELAY_MS, 'start');
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
  }

  /** Wakes that arrive while a check is running share its answer instead of starting another. */
  wake(reason: WakeReason): Promise<PublicStatus> {
    this.inFlight ??= this.tick(reason).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  handleSyncReport(report: SyncReport): void {
    for (const incident of incidentsFromSync(report)) this.safeEmit('incident', incident);
  }

  private async tick(reason: WakeReason): Promise<PublicStatus> {
    this.clearTimer();
    const intervalMs = this.intervalMs();
    let status: PublicStatus;
    try {
      status = await this.deps.check();
    } catch (error) {
      this.report(`connection check (${reason}) failed`, error);
      this.offlineStreak++;
      this.schedule(backoffMs(this.offlineStreak, intervalMs, this.deps.random));
      // The very first check threw: nothing is known, so nothing is claimed.
      return this.last ?? noConnectionStatus('offline', '', 'internal');
    }
    this.offlineStreak = status.state === 'offline' ? this.offlineStreak + 1 : 0;
    const incidents = incidentsBetween(this.baseline, status);
    if (status.state !== 'offline') this.baseline = status;
    this.last = status;
    this.safeEmit('status', status);
    for (const incident of incidents) this.safeEmit('incident', incident);
    this.schedule(
      nextDelayMs(status, { intervalMs, now: this.now(), offlineStreak: this.offlineStreak, random: this.deps.random }),
    );
    return status;
  }

  private intervalMs(): number {
    let minutes = DEFAULT_INTERVAL_MINUTES;
    try {
      const set = this.deps.intervalMinutes();
      if (Number.isFinite(set) && set >= 1) minutes = set;
    } catch (error) {
      this.report('reading the check interval failed', error);
    }
    return minutes * 60_000;
  }

  private schedule(ms: number, reason: WakeReason = 'timer'): void {
    this.clearTimer();
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.wake(reason);
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  // A listener that throws (a tray that failed to redraw) must not stop the monitor.
  private safeEmit<K extends keyof MonitorEvents>(event: K, ...args: MonitorEvents[K]): void {
    try {
      this.emit(event as keyof MonitorEvents, ...(args as [never]));
    } catch (error) {
      this.report(`a "${event}" listener failed`, error);
    }
  }

  private report(message: string, error: unknown): void {
    if (this.deps.log) return this.deps.log(message, error);
    // An error's text can quote a server answer; never let a token reach the log.
    console.warn(`[monitor] ${message}: ${redactText(error instanceof Error ? error.message : String(error))}`);
  }
}
