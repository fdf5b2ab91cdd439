export {
  ConnectionMonitor,
  START_DELAY_MS,
  type MonitorDeps,
  type Timers,
  type WakeReason,
} from './connection-monitor';
export { incidentsBetween, incidentsFromSync, type Incident } from './incidents';
export { backoffMs, nextDelayMs, MIN_DELAY_MS, OFFLINE_FIRST_RETRY_MS, type ScheduleOptions } from './schedule';
