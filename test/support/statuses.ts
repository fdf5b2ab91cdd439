import type { PublicStatus } from '../../electron/shared/state';

/** A status for tests: connected as Dana with a renewable token unless told otherwise. */
export function statusOf(over: Partial<PublicStatus> = {}): PublicStatus {
  return {
    state: 'connected',
    expiresSoon: false,
    account: { name: 'Dana Okafor', email: 'dana@example.com', accountId: 'dbid:AAA' },
    method: 'oauth',
    accessTokenExpiresAt: null,
    renewable: true,
    scopes: ['account_info.read'],
    storage: 'test keychain',
    lastCheckedAt: null,
    problem: null,
    ...over,
  };
}

export const connected = statusOf();
export const offline = statusOf({ state: 'offline', problem: 'network-offline' });
export const revoked = statusOf({ state: 'revoked', problem: 'token-revoked' });
export const expired = statusOf({ state: 'expired', method: 'paste', renewable: false, problem: 'token-expired' });
export const disconnected = statusOf({ state: 'disconnected', account: null, method: null, renewable: false });
export function expiringSoon(expiresAt = '2030-01-01T12:25:00.000Z'): PublicStatus {
  return statusOf({ method: 'paste', renewable: false, expiresSoon: true, accessTokenExpiresAt: expiresAt });
}
