import type { PublicStatus } from '../../shared/state';
import type { SyncReport } from '../projects/sync';

/** Something the user should hear about once: a notification, not a redraw. */
export type Incident =
  | { kind: 'revoked' }
  | { kind: 'expired' }
  | { kind: 'expiring-soon'; expiresAt: string }
  | { kind: 'projects-updated'; count: number }
  | { kind: 'sync-failed'; files: string[] }
  /** A reconnect signed in as someone else: said once, so nobody syncs the wrong account unaware. */
  | { kind: 'account-changed'; now: string; before: string };

type Alarm = 'revoked' | 'expired' | 'expiring-soon';

// Offline is deliberately absent: "can't reach Dropbox" says nothing about the credentials,
// and a laptop that sleeps on a train would otherwise nag at every wake.
function alarmOf(s: PublicStatus): Alarm | null {
  if (s.state === 'revoked') return 'revoked';
  if (s.state === 'expired') return 'expired';
  if (s.state === 'connected' && s.expiresSoon && s.accessTokenExpiresAt) return 'expiring-soon';
  return null;
}

/**
 * Each move into an alarming condition is one incident; staying in it adds none, and leaving
 * and coming back is a new one. `prev` null means "nothing known yet" (first check after start),
 * so a connection that is already revoked at launch is reported once.
 */
export function incidentsBetween(prev: PublicStatus | null, next: PublicStatus): Incident[] {
  // The user disconnected: nothing to warn about. (A token pasted with little time left, right
  // after being disconnected, still warns: the window may be closed by the time it matters.)
  if (next.state === 'disconnected') return [];
  const alarm = alarmOf(next);
  if (!alarm || (prev && alarmOf(prev) === alarm)) return [];
  if (alarm === 'expiring-soon') return [{ kind: 'expiring-soon', expiresAt: next.accessTokenExpiresAt! }];
  return [{ kind: alarm }];
}

function fileLabel(projectName: string, file: string): string {
  if (projectName && file) return `${projectName}/${file}`;
  return file || projectName;
}

/** A file that waits for consent (tracked by git) or was left alone on purpose is not a failure. */
export function incidentsFromSync(report: SyncReport): Incident[] {
  const incidents: Incident[] = [];
  if (report.projectsUpdated > 0) incidents.push({ kind: 'projects-updated', count: report.projectsUpdated });
  const failed = report.targets.filter((t) => t.outcome === 'failed');
  if (failed.length > 0) {
    const files = [...new Set(failed.map((t) => fileLabel(t.projectName, t.file)).filter((f) => f !== ''))];
    incidents.push({ kind: 'sync-failed', files });
  }
  return incidents;
}
