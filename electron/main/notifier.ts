import type { Incident } from '../core/monitor';
import type { ElectronApi, MainNotification } from './electron-api';
import { notificationFor, type NotificationSpec } from './notification-model';

/**
 * Shows one notification per incident. Each is kept referenced until it closes: a notification
 * that gets garbage-collected loses its click handler (electron/electron#12690).
 */
export class Notifier {
  private readonly live = new Set<MainNotification>();

  constructor(
    private readonly electron: ElectronApi,
    private readonly enabled: () => boolean,
    private readonly onClick: (action: NotificationSpec['action']) => void,
    /** Shown nothing (unsigned macOS app, no Windows shortcut, no notification daemon). */
    private readonly onFailed: (reason: string, action: NotificationSpec['action']) => void,
  ) {}

  show(incident: Incident): void {
    if (!this.enabled()) return;
    const { title, body, action } = notificationFor(incident);
    if (!this.electron.Notification.isSupported()) return this.onFailed('notifications are not supported here', action);
    const n = new this.electron.Notification({ title, body });
    this.live.add(n);
    n.on('click', () => {
      this.live.delete(n);
      this.onClick(action);
    });
    n.on('close', () => this.live.delete(n));
    n.on('failed', (_event, error) => {
      this.live.delete(n);
      this.onFailed(error, action);
    });
    n.show();
  }
}
