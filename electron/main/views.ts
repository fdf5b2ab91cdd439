import { toErrorView } from '../core/errors';
import type { ConnectResult } from '../core/connection/connect';
import type { DetectedTarget } from '../core/projects/detect';
import type { GitVerdict } from '../core/projects/git-guard';
import type { SyncReport } from '../core/projects/sync';
import { redactText } from '../shared/redact';
import type { ConnectResultView, GitWarningView, IpcResult, SyncReportView } from '../shared/views';

// Core results → the shapes the window may see. Field by field, so nothing new (a token) can
// slip through by being added to a core type.

// The one error conversion lives in core; the window's shape with it.
export { toErrorView };

export async function asResult<T>(run: () => T | Promise<T>): Promise<IpcResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: toErrorView(error) };
  }
}

export function toConnectView(r: ConnectResult & { projects?: SyncReport | null }): ConnectResultView {
  return {
    account: { name: r.account.name, email: r.account.email, accountId: r.account.accountId },
    method: r.method,
    renewable: r.renewable,
    accessTokenExpiresAt: r.accessTokenExpiresAt,
    notes: r.notes.map((n) => redactText(n)),
    projectsUpdated: r.projects?.projectsUpdated ?? 0,
    missingScopes: r.missingScopes,
    ...(r.previousAccount
      ? {
          previousAccount: {
            name: r.previousAccount.name,
            email: r.previousAccount.email,
            accountId: r.previousAccount.accountId,
          },
        }
      : {}),
  };
}

export function toGitView(v: GitVerdict | undefined): GitWarningView | undefined {
  if (!v?.warning || !v.fix) return undefined;
  return {
    warning: v.warning,
    fix:
      v.fix.kind === 'add-to-gitignore'
        ? { kind: 'add-to-gitignore', line: v.fix.line }
        : { kind: v.fix.kind, explanation: v.fix.explanation },
  };
}

export function toSyncView(r: SyncReport): SyncReportView {
  return {
    projectsUpdated: r.projectsUpdated,
    targets: r.targets.map((t) => ({
      project: t.project,
      projectName: t.projectName,
      file: t.file,
      outcome: t.outcome,
      ...(t.kind ? { kind: t.kind } : {}),
      ...(t.detail ? { detail: redactText(t.detail) } : {}),
      ...(toGitView(t.git) ? { git: toGitView(t.git) } : {}),
    })),
  };
}

export function toDetectedView(t: DetectedTarget, git?: GitVerdict) {
  const view = toGitView(git);
  return {
    file: t.file,
    format: t.format,
    ...(t.key ? { key: t.key } : {}),
    reason: t.reason,
    ...(t.createFrom ? { createFrom: t.createFrom } : {}),
    ...(view ? { git: view } : {}),
  };
}
