import { describe, expect, it } from 'vitest';
import { tabsFor, visibleRoute } from './routes';

// The window's pure rules, without a browser.

describe('window rules: routes', () => {
  it('follows the connection: connected screens need one, sign-in screens stay put', () => {
    expect(visibleRoute({ name: 'projects' }, false)).toEqual({ name: 'welcome' });
    expect(visibleRoute({ name: 'welcome' }, true)).toEqual({ name: 'home' });
    expect(visibleRoute({ name: 'welcome', error: { kind: 'port-busy' } }, true)).toEqual({
      name: 'home',
      error: { kind: 'port-busy' },
    });
    expect(visibleRoute({ name: 'settings' }, false)).toEqual({ name: 'settings' });
    expect(tabsFor(true).map((t) => t.label)).toEqual(['Home', 'Projects', 'Check', 'Settings']);
    expect(tabsFor(false).map((t) => t.label)).toEqual(['Connect', 'Check', 'Settings']);
  });
});
