import type * as Electron from 'electron';
import type { LoginItemAnswer } from '../../../electron/main/electron-api';

// app.getLoginItemSettings as Electron 45 answers it (shell/common/gin_converters/
// login_item_settings_converter.cc), limited to the fields main reads: `status` exists on
// macOS only; on Windows openAtLogin means "a Run entry with exactly these args".

export interface LoginItemState {
  openAtLogin: boolean;
  /** Windows: the args the Run entry was written with. */
  args: readonly string[];
  /** macOS: what SMAppService reports for an item that was switched on. */
  statusWhenOn: 'enabled' | 'requires-approval' | 'not-found';
}

export function loginItemReply(
  platform: 'darwin' | 'win32',
  state: LoginItemState,
  options: Electron.LoginItemSettingsOptions = {},
): LoginItemAnswer {
  if (platform === 'darwin') {
    const status = state.openAtLogin ? state.statusWhenOn : 'not-registered';
    // wasOpenedAtLogin: the stand-in is never started by a login item.
    return { openAtLogin: status === 'enabled', status, wasOpenedAtLogin: false };
  }
  const argsMatch = JSON.stringify(options.args ?? []) === JSON.stringify(state.args);
  return { openAtLogin: state.openAtLogin && argsMatch, wasOpenedAtLogin: false };
}
