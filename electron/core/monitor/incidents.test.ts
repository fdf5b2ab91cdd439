import { describe, expect, it } from 'vitest';
import type { SyncReport, TargetReport } from '../projects/sync';
import { incidentsBetween, incidentsFromSync } from './incidents';
import {
  connected,
  disconnected,
  expired,
  expiringSoon,
  offline,
  revoked,
  statusOf,
} from '../../../test/support/statuses';

describe('incidentsBetween', () => {
  it('reports each move into revoked, expired or expiring-soon once', () => {
    expect(incidentsBetween(connected, revoked)).toEqual([{ kind: 'revoked' }]);
    expect(incidentsBetween(connected, expired)).toEqual([{ kind: 'expired' }]);
    expect(incidentsBetween(connected, expiringSoon('2030-01-01T12:25:00.000Z'))).toEqual([
      { kind: 'expiring-soon', expiresAt: '2030-01-01T12:25:00.000Z' },
    ]);
    expect(incidentsBetween(expiringSoon(), expired)).toEqual([{ kind: 'expired' }]);
    expect(incidentsBetween(expired, revoked)).toEqual([{ kind: 'revoked' }]);
  });

  it('adds nothing while the state stays', () => {
    expect(incidentsBetween(revoked, revoked)).toEqual([]);
    expect(incidentsBetween(expired, expired)).toEqual([]);
    expect(incidentsBetween(expiringSoon(), expiringSoon('2030-01-01T12:20:00.000Z'))).toEqual([]);
    expect(incidentsBetween(connected, connected)).toEqual([]);
  });

  it('reports a state that is already alarming at the first check', () => {
    expect(incidentsBetween(null, revoked)).toEqual([{ kind: 'revoked' }]);
    expect(incidentsBetween(null, connected)).toEqual([]);
  });

  it('never alarms about being offline', () => {
    expect(incidentsBetween(connected, offline)).toEqual([]);
    expect(incidentsBetween(null, offline)).toEqual([]);
    expect(incidentsBetween(revoked, offline)).toEqual([]);
    // An offline status still carries the pasted token's countdown; it is not a new warning.
    expect(incidentsBetween(connected, { ...expiringSoon(), state: 'offline' })).toEqual([]);
  });

  it('says nothing about the user disconnecting or connecting from scratch', () => {
    expect(incidentsBetween(revoked, disconnected)).toEqual([]);
    expect(incidentsBetween(connected, disconnected)).toEqual([]);
    expect(incidentsBetween(disconnected, connected)).toEqual([]);
    expect(incidentsBetween(disconnected, expiringSoon()).map((i) => i.kind)).toEqual(['expiring-soon']);
  });

  it('needs an expiry time to warn about one', () => {
    expect(incidentsBetween(connected, statusOf({ expiresSoon: true, accessTokenExpiresAt: null }))).toEqual([]);
  });
});

function target(outcome: TargetReport['outcome'], file: string, over: Partial<TargetReport> = {}): TargetReport {
  return { project: '/home/dana/app', projectName: 'app', file, outcome, ...over };
}

describe('incidentsFromSync', () => {
  it('reports updated projects', () => {
    const report: SyncReport = {
      targets: [target('updated', '.env'), target('current', 'config.json')],
      projectsUpdated: 3,
    };
    expect(incidentsFromSync(report)).toEqual([{ kind: 'projects-updated', count: 3 }]);
  });

  it('reports failed files by project, once each', () => {
    const report: SyncReport = {
      targets: [
        target('failed', '.env', { kind: 'file-readonly' }),
        target('failed', '.env', { kind: 'file-readonly' }),
        target('failed', 'settings.py', { projectName: 'api' }),
      ],
      projectsUpdated: 0,
    };
    expect(incidentsFromSync(report)).toEqual([{ kind: 'sync-failed', files: ['app/.env', 'api/settings.py'] }]);
  });

  it('does not count a file waiting for consent as a failure', () => {
    const report: SyncReport = {
      targets: [target('skipped', '.env', { kind: 'file-tracked' }), target('updated', 'a.json')],
      projectsUpdated: 1,
    };
    expect(incidentsFromSync(report)).toEqual([{ kind: 'projects-updated', count: 1 }]);
  });

  it('reports a failure that names no file (the whole sync threw)', () => {
    const report: SyncReport = {
      targets: [{ project: '', projectName: '', file: '', outcome: 'failed', kind: 'internal' }],
      projectsUpdated: 0,
    };
    expect(incidentsFromSync(report)).toEqual([{ kind: 'sync-failed', files: [] }]);
  });

  it('is silent when nothing changed', () => {
    expect(incidentsFromSync({ targets: [target('current', '.env')], projectsUpdated: 0 })).toEqual([]);
  });
});
