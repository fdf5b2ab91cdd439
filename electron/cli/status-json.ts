import type { PublicStatus } from '../shared/state';

/** `status --json`: the public status, field by field (no token, ever), with projects when known. */
export function statusJson(s: PublicStatus): Record<string, unknown> {
  return {
    state: s.state,
    expiresSoon: s.expiresSoon,
    account: s.account,
    method: s.method,
    accessTokenExpiresAt: s.accessTokenExpiresAt,
    renewable: s.renewable,
    scopes: s.scopes,
    storage: s.storage,
    lastCheckedAt: s.lastCheckedAt,
    problem: s.problem,
    ...(s.projects ? { projects: s.projects } : {}),
  };
}
