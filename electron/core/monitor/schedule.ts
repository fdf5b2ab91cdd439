import { EXPIRES_SOON_MS, type PublicStatus } from '../../shared/state';
import { RENEW_MARGIN_MS } from '../connection/credentials';

export const OFFLINE_FIRST_RETRY_MS = 30_000;
export const MIN_DELAY_MS = 5_000;
const JITTER = 0.1;
// Wake a little inside the renewal window so the check is certain to find the token "due"
// (Credentials renews when less than RENEW_MARGIN_MS is left) despite timer drift.
const RENEW_LEAD_MS = RENEW_MARGIN_MS - 30_000;
// Past expiry by a hair, so Dropbox answers "expired" rather than one last "fine".
const EXPIRY_GRACE_MS = 5_000;

export interface ScheduleOptions {
  intervalMs: number;
  now: number;
  /** Consecutive checks that could not reach Dropbox, this one included. */
  offlineStreak: number;
  random?: () => number;
}

/** 30 s, 60 s, 120 s… never longer than the user's interval; ±10% so clients don't march in step. */
export function backoffMs(streak: number, intervalMs: number, random: () => number = Math.random): number {
  const base = OFFLINE_FIRST_RETRY_MS * 2 ** Math.min(Math.max(streak, 1) - 1, 20);
  const jittered = base * (1 + (random() * 2 - 1) * JITTER);
  return Math.round(Math.max(MIN_DELAY_MS, Math.min(jittered, intervalMs)));
}

/** When the next check should run, given what the last one found. Pure. */
export function nextDelayMs(status: PublicStatus, opts: ScheduleOptions): number {
  const { intervalMs, now } = opts;
  if (status.state === 'offline') return backoffMs(opts.offlineStreak, intervalMs, opts.random);
  const expiresAt = status.accessTokenExpiresAt ? Date.parse(status.accessTokenExpiresAt) : Number.NaN;
  if (status.state !== 'connected' || Number.isNaN(expiresAt)) return intervalMs;

  let wakeAt: number;
  if (status.renewable) wakeAt = expiresAt - RENEW_LEAD_MS;
  else {
    // A pasted token can't be renewed: wake when it crosses the 30-minutes-left mark (to warn),
    // then once more when it dies (to say so promptly).
    // (+1 s: isExpiringSoon counts "less than 30 minutes", so the exact mark would still read as fine.)
    const warnAt = expiresAt - EXPIRES_SOON_MS + 1_000;
    wakeAt = warnAt > now ? warnAt : expiresAt + EXPIRY_GRACE_MS;
  }
  const until = wakeAt - now;
  // Already past the moment yet Dropbox still says "fine" (clock skew): don't spin, use the interval.
  if (until <= 0 || until >= intervalMs) return intervalMs;
  return Math.max(MIN_DELAY_MS, until);
}
