import { describe, expect, it } from 'vitest';
import { offline, statusOf } from '../../test/support/statuses';
import { DttError } from '../core/errors';
import { formatError, formatStatus } from './format';

// The terminal checks once and stops: only the tray keeps trying. So `status` must not promise a retry.
describe('status in the terminal', () => {
  it('offline: says Dropbox cannot be reached right now and names the command to try again, once', () => {
    const text = formatStatus(offline, Date.parse('2030-01-01T12:00:00.000Z'));
    expect(text).not.toMatch(/will retry|try again by itself|retries/i);
    expect(text.split('\n')[0]).toBe("Can't reach Dropbox right now");
    expect(text).toMatch(/`dropbox-token-tray status`/);
    expect(text.match(/Can't reach Dropbox/g)).toHaveLength(1);
  });

  it('a command that hits no network says the same: no promise of a retry the terminal does not make', () => {
    const text = formatError(new DttError('network-offline'));
    expect(text).not.toMatch(/will retry|try again by itself|retries/i);
    expect(text).toMatch(/run `dropbox-token-tray status` to try again/);
  });

  it('offline behind a refusing proxy: the proxy problem follows the same true headline', () => {
    const text = formatStatus(statusOf({ state: 'offline', problem: 'network-proxy-refused' }));
    expect(text.split('\n')[0]).toBe("Can't reach Dropbox right now");
    expect(text).not.toMatch(/will retry/);
    expect(text).toMatch(/proxy/);
  });
});
