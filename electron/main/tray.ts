import type { ElectronApi, MainTray, TrayMenuItem } from './electron-api';
import { menuFor, tooltipFor, trayIconForView, type MenuItemSpec, type TrayAction, type TrayView } from './tray-model';
import { iconPathFor } from './tray-icons';

/** Renders the tray from one view object; each menu item's click hands main its action. */
export class TrayController {
  private readonly tray: MainTray;

  constructor(
    private readonly electron: ElectronApi,
    private readonly assetsDir: string,
    private readonly onAction: (action: TrayAction) => void,
    initial: TrayView,
  ) {
    this.tray = new electron.Tray(this.icon(initial));
    // Linux tray icons often ignore clicks (electron/electron#14941); the menu always has Open.
    this.tray.on('click', () => this.onAction({ kind: 'open' }));
    this.render(initial);
  }

  render(view: TrayView): void {
    this.tray.setImage(this.icon(view));
    this.tray.setToolTip(tooltipFor(view.status));
    this.tray.setContextMenu(this.electron.Menu.buildFromTemplate(menuFor(view).map((s) => this.toTemplate(s))));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private icon(view: TrayView) {
    const image = this.electron.nativeImage.createFromPath(
      iconPathFor(trayIconForView(view), process.platform, this.assetsDir),
    );
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }

  private toTemplate(spec: MenuItemSpec): TrayMenuItem {
    if (spec.type === 'separator') return { type: 'separator' };
    const { action } = spec;
    return {
      id: spec.id,
      label: spec.label,
      enabled: spec.enabled ?? true,
      ...(spec.type === 'checkbox' ? { type: 'checkbox' as const, checked: Boolean(spec.checked) } : {}),
      ...(spec.submenu ? { submenu: spec.submenu.map((s) => this.toTemplate(s)) } : {}),
      ...(action ? { click: () => this.onAction(action) } : {}),
    };
  }
}
