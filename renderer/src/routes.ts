import type { ErrorView } from '../../electron/shared/views';

// The window's screens as a small state machine. Which of them may show depends on the
// connection state too: see `visibleRoute`.

export type Route =
  | { name: 'welcome'; error?: ErrorView; notice?: string }
  | { name: 'waiting'; url: string; redirectUri?: string; startedAt: number; error?: ErrorView }
  | { name: 'code'; url: string; switchedBecause?: ErrorView }
  | { name: 'paste' }
  | { name: 'home'; error?: ErrorView; notice?: string }
  | { name: 'projects'; /** Open the folder dialog at once (Home's next step). */ addFolder?: boolean }
  | { name: 'check' }
  | { name: 'settings' }
  | { name: 'disconnect' };

export type RouteName = Route['name'];

const NEEDS_CONNECTION = new Set<RouteName>(['home', 'projects', 'disconnect']);
const SIGN_IN_FLOW = new Set<RouteName>(['waiting', 'code', 'paste']);

/** A connection that appears or goes away (tray, monitor, CLI) moves the window along with it. */
export function visibleRoute(route: Route, linked: boolean): Route {
  if (linked && route.name === 'welcome') return route.error ? { name: 'home', error: route.error } : { name: 'home' };
  if (!linked && NEEDS_CONNECTION.has(route.name)) return { name: 'welcome' };
  return route;
}

export function isSignInFlow(route: Route): boolean {
  return SIGN_IN_FLOW.has(route.name);
}

export interface Tab {
  route: RouteName;
  label: string;
}

export function tabsFor(linked: boolean): Tab[] {
  return [
    linked ? { route: 'home', label: 'Home' } : { route: 'welcome', label: 'Connect' },
    ...(linked ? [{ route: 'projects', label: 'Projects' } as const] : []),
    { route: 'check', label: 'Check' },
    { route: 'settings', label: 'Settings' },
  ];
}
