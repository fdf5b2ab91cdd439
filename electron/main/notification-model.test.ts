import { describe, expect, it } from 'vitest';
import { notificationFor } from './notification-model';

const now = Date.parse('2030-01-01T12:00:00.000Z');

describe('notificationFor', () => {
  it('names both accounts when a reconnect changed the account', () => {
    expect(
      notificationFor(
        { kind: 'account-changed', now: 'Lee Park (lee@example.com)', before: 'Dana Okafor (dana@example.com)' },
        now,
      ),
    ).toEqual({
      title: 'Now connected as Lee Park (lee@example.com)',
      body: 'Before: Dana Okafor (dana@example.com).',
      action: 'open-window',
    });
  });
  it('asks to reconnect when Dropbox disconnected the app', () => {
    expect(notificationFor({ kind: 'revoked' }, now)).toEqual({
      title: 'Dropbox disconnected this app.',
      body: 'Click to reconnect.',
      action: 'reconnect',
    });
  });

  it('explains an expired pasted token with the catalog words', () => {
    const n = notificationFor({ kind: 'expired' }, now);
    expect(n.title).toBe('Your Dropbox token has expired');
    expect(n.body).toContain('stop working after about 4 hours');
    expect(n.body).toMatch(/Click to reconnect\.$/);
    expect(n.action).toBe('reconnect');
  });

  it('counts the minutes a pasted token has left', () => {
    const n = notificationFor({ kind: 'expiring-soon', expiresAt: new Date(now + 24.2 * 60_000).toISOString() }, now);
    expect(n).toEqual({
      title: 'Your pasted Dropbox token stops working in 24 min',
      body: 'Click to connect with the browser so it renews itself.',
      action: 'reconnect',
    });
    expect(
      notificationFor({ kind: 'expiring-soon', expiresAt: new Date(now - 1000).toISOString() }, now).title,
    ).toContain('in less than a minute');
  });

  it('says how many projects got the new token', () => {
    expect(notificationFor({ kind: 'projects-updated', count: 3 }, now)).toEqual({
      title: '3 projects updated',
      body: 'They now have the new Dropbox token.',
      action: 'open-window',
    });
    expect(notificationFor({ kind: 'projects-updated', count: 1 }, now)).toMatchObject({
      title: '1 project updated',
      body: 'It now has the new Dropbox token.',
    });
  });

  it('shows control characters in file names as escapes, never raw', () => {
    const evil = 'x\x1b[31m\n.env';
    expect(notificationFor({ kind: 'sync-failed', files: [evil] }, now).title).toBe(
      "Couldn't update x\\x1b[31m\\x0a.env",
    );
    const body = notificationFor({ kind: 'sync-failed', files: [evil, 'b/.env'] }, now).body;
    expect(body).not.toMatch(/[\x00-\x1f]/);
    expect(body).toContain('x\\x1b[31m\\x0a.env');
  });

  it('names the files a sync could not update', () => {
    expect(notificationFor({ kind: 'sync-failed', files: ['app/.env'] }, now)).toEqual({
      title: "Couldn't update app/.env",
      body: 'It still has the old Dropbox token. Click to see why.',
      action: 'open-window',
    });
    const many = notificationFor(
      { kind: 'sync-failed', files: ['a/.env', 'b/.env', 'c/x.json', 'd/y.yaml', 'e/z.py'] },
      now,
    );
    expect(many.title).toBe("Couldn't update 5 files");
    expect(many.body).toBe('a/.env, b/.env, c/x.json and 2 more still have the old Dropbox token. Click to see why.');
    expect(notificationFor({ kind: 'sync-failed', files: [] }, now)).toMatchObject({
      title: "Couldn't update your projects",
      action: 'open-window',
    });
  });
});
