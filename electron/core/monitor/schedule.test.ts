import { describe, expect, it } from 'vitest';
import { backoffMs, nextDelayMs } from './schedule';
import { connected, expired, offline, revoked, statusOf } from '../../../test/support/statuses';

const MIN = 60_000;
const now = Date.parse('2030-01-01T12:00:00.000Z');
const at = (minutesFromNow: number) => new Date(now + minutesFromNow * MIN).toISOString();
const base = { intervalMs: 15 * MIN, now, offlineStreak: 0, random: () => 0.5 };

describe('nextDelayMs', () => {
  it('uses the interval when nothing is due sooner', () => {
    expect(nextDelayMs(connected, base)).toBe(15 * MIN);
    expect(nextDelayMs(revoked, base)).toBe(15 * MIN);
    expect(nextDelayMs(expired, base)).toBe(15 * MIN);
    expect(nextDelayMs(statusOf({ accessTokenExpiresAt: at(240) }), base)).toBe(15 * MIN);
  });

  it('backs off while offline: 30 s, 60 s, 120 s… up to the interval', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((offlineStreak) => nextDelayMs(offline, { ...base, offlineStreak }));
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000]);
  });

  it('jitters the backoff by at most 10%', () => {
    expect(backoffMs(1, 15 * MIN, () => 0)).toBe(27_000);
    expect(backoffMs(1, 15 * MIN, () => 0.999999)).toBe(33_000);
    expect(backoffMs(3, 15 * MIN, () => 0)).toBe(108_000);
    // Never past the user's interval, even with jitter.
    expect(backoffMs(10, 15 * MIN, () => 0.999999)).toBe(15 * MIN);
  });

  it('wakes a renewable token inside its renewal window', () => {
    const delay = nextDelayMs(statusOf({ accessTokenExpiresAt: at(10) }), base);
    expect(delay).toBeGreaterThan(5 * MIN);
    expect(delay).toBeLessThan(6 * MIN);
    // Inside the window already (clock drift): soon, but not in a tight loop.
    expect(nextDelayMs(statusOf({ accessTokenExpiresAt: new Date(now + 272_000).toISOString() }), base)).toBe(5_000);
  });

  it('wakes a pasted token at the 30-minutes-left mark, then at its expiry', () => {
    const pasted = { method: 'paste' as const, renewable: false };
    expect(nextDelayMs(statusOf({ ...pasted, accessTokenExpiresAt: at(40) }), base)).toBe(10 * MIN + 1_000);
    expect(nextDelayMs(statusOf({ ...pasted, accessTokenExpiresAt: at(240) }), base)).toBe(15 * MIN);
    expect(nextDelayMs(statusOf({ ...pasted, expiresSoon: true, accessTokenExpiresAt: at(10) }), base)).toBe(
      10 * MIN + 5_000,
    );
  });

  it('does not spin when the clock says the token died but Dropbox disagrees', () => {
    expect(nextDelayMs(statusOf({ method: 'paste', renewable: false, accessTokenExpiresAt: at(-5) }), base)).toBe(
      15 * MIN,
    );
  });

  it('honours a short interval', () => {
    expect(
      nextDelayMs(statusOf({ method: 'paste', renewable: false, accessTokenExpiresAt: at(40) }), {
        ...base,
        intervalMs: MIN,
      }),
    ).toBe(MIN);
  });
});
