import type { ElectronApi, PowerMonitorEvents } from '../../../electron/main/electron-api';
import { checkEvent, Listeners, strict } from './strict';

// powerMonitor: main listens to resume and unlock-screen; tests may emit any event, but only
// on a platform where Electron emits it.

export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'on-ac' | 'on-battery' | 'shutdown';

/** Where Electron 45 emits each powerMonitor event (its docs' platform tags); null = everywhere. */
export const POWER_EVENT_PLATFORMS: Record<PowerEvent, readonly NodeJS.Platform[] | null> = {
  suspend: null,
  resume: null,
  'lock-screen': ['darwin', 'win32'],
  'unlock-screen': ['darwin', 'win32'],
  'on-ac': ['darwin', 'win32'],
  'on-battery': ['darwin'],
  shutdown: ['linux', 'darwin'],
};

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

export function createPowerMonitor(platform: NodeJS.Platform) {
  const listeners = new Listeners<Record<PowerEvent, () => void> & PowerMonitorEvents>();
  const events = Object.keys(POWER_EVENT_PLATFORMS) as PowerEvent[];
  const api: ElectronApi['powerMonitor'] = strict('powerMonitor', {
    on(event: string, listener: () => void) {
      checkEvent('powerMonitor', event, events);
      listeners.add(event, listener);
    },
  });
  const emit = (event: PowerEvent): number => {
    const where = POWER_EVENT_PLATFORMS[event];
    if (where && !where.includes(platform))
      throw new Error(`powerMonitor '${event}' is never emitted on ${PLATFORM_NAMES[platform] ?? platform}`);
    return listeners.emit(event);
  };
  return { api, emit };
}
