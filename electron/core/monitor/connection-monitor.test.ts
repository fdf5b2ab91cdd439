import { describe, expect, it, vi } from 'vitest';
import type { PublicStatus } from '../../shared/state';
import { ConnectionMonitor, START_DELAY_MS, type Timers } from './connection-monitor';
import type { Incident } from './incidents';
import { connected, expiringSoon, offline, revoked } from '../../../test/support/statuses';

const MIN = 60_000;

/** A clock whose timers fire only when the test advances it. */
class FakeClock implements Timers {
  now = Date.parse('2030-01-01T12:00:00.000Z');
  private pending = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;
  setTimeout(fn: () => void, ms: number): unknown {
    this.pending.set(++this.seq, { at: this.now + ms, fn });
    return this.seq;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  /** The delay of the one pending timer (the monitor never keeps more than one). */
  nextDelay(): number {
    expect(this.pending.size).toBe(1);
    return [...this.pending.values()][0]!.at - this.now;
  }
  async fireNext(): Promise<void> {
    const [id, t] = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]!;
    this.pending.delete(id);
    this.now = t.at;
    t.fn();
    await flush();
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(script: Array<PublicStatus | Error>, opts: { interval?: () => number } = {}) {
  const clock = new FakeClock();
  let calls = 0;
  const logged: string[] = [];
  const monitor = new ConnectionMonitor({
    check: async () => {
      const next = script[Math.min(calls++, script.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
    intervalMinutes: opts.interval ?? (() => 15),
    now: () => clock.now,
    timers: clock,
    random: () => 0.5,
    log: (m) => logged.push(m),
  });
  const incidents: Incident[] = [];
  const statuses: PublicStatus[] = [];
  monitor.on('incident', (i) => incidents.push(i));
  monitor.on('status', (s) => statuses.push(s));
  return { clock, monitor, incidents, statuses, logged, checks: () => calls };
}

async function ticks(clock: FakeClock, n: number) {
  for (let i = 0; i < n; i++) await clock.fireNext();
}

describe('ConnectionMonitor', () => {
  it('checks soon after start, then every interval', async () => {
    const { clock, monitor, statuses } = setup([connected]);
    monitor.start();
    expect(clock.nextDelay()).toBe(START_DELAY_MS);
    await ticks(clock, 1);
    expect(clock.nextDelay()).toBe(15 * MIN);
    await ticks(clock, 2);
    expect(statuses).toHaveLength(3);
    monitor.stop();
  });

  it('reports a revocation once, however many ticks follow', async () => {
    const { clock, monitor, incidents } = setup([connected, revoked]);
    monitor.start();
    await ticks(clock, 5);
    expect(incidents).toEqual([{ kind: 'revoked' }]);
  });

  it('reports a second revocation after a reconnect', async () => {
    const { clock, monitor, incidents } = setup([connected, revoked, connected, revoked]);
    monitor.start();
    await ticks(clock, 6);
    expect(incidents).toEqual([{ kind: 'revoked' }, { kind: 'revoked' }]);
  });

  it('stays quiet and backs off while offline, and going offline does not re-arm an alarm', async () => {
    const { clock, monitor, incidents } = setup([revoked, offline, offline, offline, offline, revoked]);
    monitor.start();
    await ticks(clock, 1);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await ticks(clock, 1);
      delays.push(clock.nextDelay());
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000]);
    await ticks(clock, 2);
    expect(incidents).toEqual([{ kind: 'revoked' }]);
    expect(clock.nextDelay()).toBe(15 * MIN);
  });

  it('warns once about a pasted token running out', async () => {
    const soon = expiringSoon(new Date(Date.parse('2030-01-01T12:00:00.000Z') + 25 * MIN).toISOString());
    const { clock, monitor, incidents } = setup([connected, soon]);
    monitor.start();
    await ticks(clock, 4);
    expect(incidents).toEqual([{ kind: 'expiring-soon', expiresAt: soon.accessTokenExpiresAt }]);
  });

  it('honours the interval setting, read at each tick', async () => {
    let minutes = 5;
    const { clock, monitor } = setup([connected], { interval: () => minutes });
    monitor.start();
    await ticks(clock, 1);
    expect(clock.nextDelay()).toBe(5 * MIN);
    minutes = 60;
    await ticks(clock, 1);
    expect(clock.nextDelay()).toBe(60 * MIN);
  });

  it('coalesces wakes that arrive during a check, and reschedules after', async () => {
    const { clock, monitor, checks } = setup([connected]);
    monitor.start();
    const answers = await Promise.all([monitor.wake('resume'), monitor.wake('unlock'), monitor.wake('online')]);
    expect(checks()).toBe(1);
    expect(answers).toEqual([connected, connected, connected]);
    expect(clock.nextDelay()).toBe(15 * MIN);
    await monitor.wake('manual');
    expect(checks()).toBe(2);
  });

  it('survives a check that throws: logs, keeps the last status, retries with backoff', async () => {
    const { clock, monitor, logged, statuses } = setup([
      connected,
      new Error('keychain exploded'),
      new Error('again'),
      connected,
    ]);
    monitor.start();
    await ticks(clock, 1);
    await expect(monitor.wake('manual')).resolves.toEqual(connected);
    expect(clock.nextDelay()).toBe(30_000);
    await ticks(clock, 1);
    expect(clock.nextDelay()).toBe(60_000);
    await ticks(clock, 1);
    expect(clock.nextDelay()).toBe(15 * MIN);
    expect(logged).toHaveLength(2);
    expect(statuses).toHaveLength(2);
  });

  it('survives a listener that throws', async () => {
    const { clock, monitor, logged } = setup([revoked]);
    monitor.on('status', () => {
      throw new Error('tray gone');
    });
    monitor.start();
    await ticks(clock, 1);
    expect(logged).toEqual(['a "status" listener failed']);
    expect(clock.nextDelay()).toBe(15 * MIN);
  });

  it('stops ticking after stop(), even if a check was in flight', async () => {
    const { clock, monitor } = setup([connected]);
    monitor.start();
    const pending = monitor.wake('manual');
    monitor.stop();
    await pending;
    expect(() => clock.nextDelay()).toThrow();
  });

  it('turns sync reports into incidents', () => {
    const { monitor, incidents } = setup([connected]);
    monitor.handleSyncReport({
      targets: [{ project: '/p', projectName: 'p', file: '.env', outcome: 'failed' }],
      projectsUpdated: 2,
    });
    expect(incidents).toEqual([
      { kind: 'projects-updated', count: 2 },
      { kind: 'sync-failed', files: ['p/.env'] },
    ]);
  });
});

describe('ConnectionMonitor default log', () => {
  it('redacts anything token-shaped from a failed check', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const monitor = new ConnectionMonitor({
      check: async () => Promise.reject(new Error('bad answer for sl.u.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789')),
      intervalMinutes: () => 15,
    });
    await monitor.wake('manual');
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('KlMnOp');
    warn.mockRestore();
  });
});
